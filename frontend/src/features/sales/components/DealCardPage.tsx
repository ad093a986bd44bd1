import { Anchor, Button, Grid, Group, Select, Textarea, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCan } from '../../../shared/api/me';
import { formatDateTime } from '../../../shared/format/format';
import { formatMoneyInput, parseMoneyInput } from '../../../shared/format/money';
import { changedFields } from '../../../shared/forms/payload';
import { DateField, dateFieldError } from '../../../shared/ui/DateField';
import { clientQuery, dealQuery, salesKeys, type DealDetail, type DealPatch, type Pipeline } from '../api/sales';
import { CardLayout, CardPageShell, type CardTab } from './CardPageShell';
import { Info, useFieldHints } from './CardParts';
import { moneyRule, StaffSelect } from './common';
import { PaymentDialog } from './PaymentDialog';
import { RequestsPanel } from './RequestsPanel';
import { useCardForm } from './useCardForm';

/** More tabs of a deal (the app adds «Документы»); `refresh` reads the card, its board and lists again. */
export type DealTabs = (deal: DealDetail, refresh: () => void) => CardTab[];

export function DealCardPage({ tabs }: { tabs?: DealTabs }) {
  const { id = '' } = useParams();
  return (
    <CardPageShell kind="deal" query={dealQuery(id)}>
      {(deal, pipeline) => <DealCard deal={deal} pipeline={pipeline} tabs={tabs} />}
    </CardPageShell>
  );
}

type Values = {
  title: string;
  responsible_id: string | null;
  counterparty_id: string | null;
  expected_revenue: string;
  delivery_address: string;
  offer_details: string;
  promised_payment_date: string;
  review_score: string;
};

const toValues = (d: DealDetail): Values => ({
  title: d.title,
  responsible_id: d.responsible_id ?? null,
  counterparty_id: d.counterparty_id ?? null,
  expected_revenue: formatMoneyInput(d.expected_revenue),
  delivery_address: d.delivery_address ?? '',
  offer_details: d.offer_details ?? '',
  promised_payment_date: d.promised_payment_date ?? '',
  review_score: d.review_score === null || d.review_score === undefined ? '' : String(d.review_score),
});

function DealCard({ deal, pipeline, tabs }: { deal: DealDetail; pipeline: Pipeline; tabs?: DealTabs }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: salesKeys.card('deal', deal.id) });
    void queryClient.invalidateQueries({ queryKey: salesKeys.boards() });
    void queryClient.invalidateQueries({ queryKey: salesKeys.lists() });
  }, [queryClient, deal.id]);
  const canWrite = useCan('deals.write');
  const canPay = useCan('payments.record');
  const canClients = useCan('clients.read');
  const [paying, setPaying] = useState(false);
  const client = useQuery({ ...clientQuery(deal.client_id ?? ''), enabled: !!deal.client_id && canClients });

  const card = useCardForm({
    kind: 'deal',
    detail: deal,
    toValues,
    toPatch: (v, base) => {
      const { review_score, expected_revenue, ...rest } = changedFields(v, base);
      const patch: Omit<DealPatch, 'version'> = rest;
      if (expected_revenue !== undefined) patch.expected_revenue = parseMoneyInput(v.expected_revenue) ?? null;
      if (review_score !== undefined) patch.review_score = v.review_score.trim() ? Number(v.review_score) : null;
      return patch;
    },
    validate: {
      title: (v) => (v.trim() ? null : t('fieldErrors.required')),
      expected_revenue: moneyRule(t('sales.money.invalid')),
      promised_payment_date: (v) => dateFieldError(v),
      review_score: (v) => (!v.trim() || /^(10|[1-9])$/.test(v.trim()) ? null : t('fieldErrors.invalid_value')),
    },
  });
  const { form } = card;
  const { needed, hint, hintStyle } = useFieldHints(deal, pipeline.definition);
  // Closed is closed: only the review score still changes (an admin reopens the rest).
  const editable = canWrite && deal.status === 'open';

  const counterparties = client.data?.counterparties ?? [];
  const counterpartyOptions = counterparties.map((c) => ({
    value: c.id,
    label: c.inn ? `${c.name}, ${t('counterparties.fields.inn')} ${c.inn}` : c.name,
  }));
  if (deal.counterparty_id && !counterpartyOptions.some((o) => o.value === deal.counterparty_id))
    counterpartyOptions.unshift({ value: deal.counterparty_id, label: deal.counterparty_name ?? deal.counterparty_id });

  return (
    <CardLayout
      kind="deal"
      card={deal}
      pipeline={pipeline}
      cardForm={card}
      canWrite={canWrite}
      actions={
        canPay &&
        deal.status === 'open' && (
          <Group>
            <Button variant="light" color="green" onClick={() => setPaying(true)}>
              {t('sales.payments.register')}
            </Button>
          </Group>
        )
      }
      detailsTitle={t('sales.card.detailsDeal')}
      fields={
        <>
          <Grid.Col span={12}>
            <TextInput label={t('sales.fields.deal.title')} required readOnly={!editable} {...form.getInputProps('title')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label={t('sales.fields.deal.counterparty')}
              placeholder={t('sales.card.noCounterparty')}
              clearable
              readOnly={!editable}
              data={counterpartyOptions}
              description={hint('counterparty') ?? (editable ? t('sales.card.counterpartyHint') : undefined)}
              styles={needed.has('counterparty') ? hintStyle : undefined}
              {...form.getInputProps('counterparty_id')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('sales.fields.deal.expected_revenue')}
              inputMode="decimal"
              readOnly={!editable}
              description={hint('expected_revenue')}
              styles={hintStyle}
              {...form.getInputProps('expected_revenue')}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <TextInput
              label={t('sales.fields.deal.delivery_address')}
              readOnly={!editable}
              description={hint('delivery_address')}
              styles={hintStyle}
              {...form.getInputProps('delivery_address')}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <Textarea
              label={t('sales.fields.deal.offer_details')}
              autosize
              minRows={3}
              readOnly={!editable}
              description={hint('offer_details')}
              styles={hintStyle}
              {...form.getInputProps('offer_details')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <DateField
              label={t('sales.fields.deal.promised_payment_date')}
              clearable
              readOnly={!editable}
              description={hint('promised_payment_date')}
              styles={hintStyle}
              {...form.getInputProps('promised_payment_date')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label={t('sales.fields.deal.review_score')}
              inputMode="numeric"
              maxLength={2}
              readOnly={!canWrite}
              description={hint('review_score')}
              styles={hintStyle}
              {...form.getInputProps('review_score')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <StaffSelect
              label={t('sales.fields.deal.responsible')}
              readOnly={!editable}
              description={hint('responsible')}
              styles={hintStyle}
              {...form.getInputProps('responsible_id')}
            />
          </Grid.Col>
        </>
      }
      panels={<RequestsPanel deal={deal} canWrite={canWrite} />}
      leadNumber={deal.lead_number}
      facts={
        <>
          <Info label={t('sales.card.client')}>
            {deal.client_id && canClients ? (
              <Anchor component={Link} to={`/clients/${deal.client_id}`} size="sm">
                {deal.client_name ?? '—'}
              </Anchor>
            ) : (
              deal.client_name
            )}
          </Info>
          <Info label={t('sales.card.organization')}>{deal.organization_name}</Info>
          <Info label={t('sales.card.channel')}>{t(`sales.channels.${deal.channel}`)}</Info>
          <Info label={t('sales.card.createdDeal')}>{formatDateTime(deal.created_at)}</Info>
          {deal.keywords && <Info label={t('sales.fields.lead.keywords')}>{deal.keywords}</Info>}
        </>
      }
      link={
        deal.lead_id && (
          <Anchor component={Link} to={`/leads/${deal.lead_id}`} size="sm" mt="sm" display="block">
            {t('sales.card.fromLead', { number: deal.lead_number ?? '' })}
          </Anchor>
        )
      }
      dialogs={canPay && <PaymentDialog deal={deal} opened={paying} onClose={() => setPaying(false)} />}
      tabs={tabs?.(deal, refresh)}
    />
  );
}
