import { Anchor, Button, Checkbox, Grid, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useCan } from '../../../shared/api/me';
import { formatDateTime, formatPhone, formatPhoneInput } from '../../../shared/format/format';
import { formatMoneyInput, parseMoneyInput } from '../../../shared/format/money';
import { changedFields } from '../../../shared/forms/payload';
import { leadQuery, salesKeys, type LeadDetail, type Pipeline } from '../api/sales';
import { CardLayout, CardPageShell } from './CardPageShell';
import { Info, useFieldHints } from './CardParts';
import { moneyRule, StaffSelect } from './common';
import { useCardForm } from './useCardForm';
import { PhoneLink } from '../../../shared/ui/ContactLinks';
import { PhoneInput } from '../../../shared/ui/PhoneInput';

/** What other areas add to a lead's card (the app adds the typical offer): actions under the header,
 * panels under the details. `contact` is the e-mail and name as the form shows them now (maybe not
 * saved yet); `refresh` reads the card, its history, board and lists again. */
export type LeadExtras = (
  lead: LeadDetail,
  card: { contact: { email: string; name: string }; refresh: () => void },
) => { actions?: ReactNode; panels?: ReactNode };

export function LeadCardPage({ extras }: { extras?: LeadExtras }) {
  const { id = '' } = useParams();
  return (
    <CardPageShell kind="lead" query={leadQuery(id)}>
      {(lead, pipeline) => <LeadCard lead={lead} pipeline={pipeline} extras={extras} />}
    </CardPageShell>
  );
}

type Values = {
  title: string;
  contact_name: string;
  company_name: string;
  phone: string;
  email: string;
  keywords: string;
  responsible_id: string | null;
  expected_revenue: string;
  price_range: string;
  offer_details: string;
  agreed_individual_offer: boolean;
  agreed_design: boolean;
};

const toValues = (l: LeadDetail): Values => ({
  title: l.title,
  contact_name: l.contact_name ?? '',
  company_name: l.company_name ?? '',
  phone: formatPhoneInput(l.phone ?? ''),
  email: l.email ?? '',
  keywords: l.keywords ?? '',
  responsible_id: l.responsible_id ?? null,
  expected_revenue: formatMoneyInput(l.expected_revenue),
  price_range: l.price_range ?? '',
  offer_details: l.offer_details ?? '',
  agreed_individual_offer: l.agreed_individual_offer,
  agreed_design: l.agreed_design,
});

function LeadCard({ lead, pipeline, extras }: { lead: LeadDetail; pipeline: Pipeline; extras?: LeadExtras }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: salesKeys.card('lead', lead.id) });
    void queryClient.invalidateQueries({ queryKey: salesKeys.boards() });
    void queryClient.invalidateQueries({ queryKey: salesKeys.lists() });
  }, [queryClient, lead.id]);
  const canWrite = useCan('leads.write');
  const card = useCardForm({
    kind: 'lead',
    detail: lead,
    toValues,
    toPatch: (v, base) => {
      const changes = changedFields(v, base);
      if ('expected_revenue' in changes) changes.expected_revenue = parseMoneyInput(v.expected_revenue) ?? null;
      return changes;
    },
    validate: {
      title: (v) => (v.trim() ? null : t('fieldErrors.required')),
      expected_revenue: moneyRule(t('sales.money.invalid')),
    },
  });
  const { form } = card;
  const { hint, hintStyle } = useFieldHints(lead, pipeline.definition);
  const editable = canWrite && lead.status === 'open';
  const added = extras?.(lead, { contact: { email: form.values.email, name: form.values.contact_name }, refresh });

  return (
    <CardLayout
      kind="lead"
      card={lead}
      pipeline={pipeline}
      cardForm={card}
      canWrite={canWrite}
      onConverted={(deal) => void navigate(`/deals/${deal.id}`)}
      actions={added?.actions && <Group>{added.actions}</Group>}
      panels={added?.panels}
      detailsTitle={t('sales.card.detailsLead')}
      fields={
        <>
          <Grid.Col span={12}>
            <TextInput label={t('sales.fields.lead.title')} required readOnly={!editable} {...form.getInputProps('title')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput label={t('sales.fields.lead.contact_name')} readOnly={!editable} {...form.getInputProps('contact_name')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput label={t('sales.fields.lead.company_name')} readOnly={!editable} {...form.getInputProps('company_name')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <PhoneInput label={t('sales.fields.lead.phone')} readOnly={!editable} {...form.getInputProps('phone')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput label={t('sales.fields.lead.email')} type="email" readOnly={!editable} {...form.getInputProps('email')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('sales.fields.lead.price_range')}
              readOnly={!editable}
              description={hint('price_range')}
              styles={hintStyle}
              {...form.getInputProps('price_range')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('sales.fields.lead.expected_revenue')}
              inputMode="decimal"
              readOnly={!editable}
              description={hint('expected_revenue')}
              styles={hintStyle}
              {...form.getInputProps('expected_revenue')}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <Textarea
              label={t('sales.fields.lead.offer_details')}
              autosize
              minRows={3}
              readOnly={!editable}
              description={hint('offer_details')}
              styles={hintStyle}
              {...form.getInputProps('offer_details')}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <Stack gap="xs">
              <Checkbox
                label={t('sales.fields.lead.agreed_individual_offer')}
                disabled={!editable}
                description={hint('agreed_individual_offer')}
                styles={hintStyle}
                {...form.getInputProps('agreed_individual_offer', { type: 'checkbox' })}
              />
              <Checkbox
                label={t('sales.fields.lead.agreed_design')}
                disabled={!editable}
                {...form.getInputProps('agreed_design', { type: 'checkbox' })}
              />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <StaffSelect
              label={t('sales.fields.lead.responsible')}
              readOnly={!editable}
              description={hint('responsible')}
              styles={hintStyle}
              {...form.getInputProps('responsible_id')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput label={t('sales.fields.lead.keywords')} readOnly={!editable} {...form.getInputProps('keywords')} />
          </Grid.Col>
        </>
      }
      facts={
        <>
          <Info label={t('sales.card.channel')}>{t(`sales.channels.${lead.channel}`)}</Info>
          <Info label={t('sales.card.created')}>{formatDateTime(lead.created_at)}</Info>
          <Info label={t('sales.card.client')}>
            {lead.client_id ? (
              <Anchor component={Link} to={`/clients/${lead.client_id}`} size="sm">
                {lead.client_name ?? '—'}
              </Anchor>
            ) : null}
          </Info>
          <Info label={t('sales.card.organization')}>{lead.organization_name}</Info>
          <Info label={t('sales.fields.lead.phone')}>
            <PhoneLink phone={lead.phone} />
          </Info>
          <Info label={t('sales.fields.lead.call_tracking_number')}>{formatPhone(lead.call_tracking_number)}</Info>
        </>
      }
      note={
        lead.message && (
          <Stack gap={0} mt="xs">
            <Text size="xs" c="dimmed">
              {t('sales.card.message')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {lead.message}
            </Text>
          </Stack>
        )
      }
      link={
        lead.deal_id && (
          <Button component={Link} to={`/deals/${lead.deal_id}`} variant="light" color="green" mt="sm" fullWidth>
            {t('sales.card.toDeal', { number: lead.deal_number ?? '' })}
          </Button>
        )
      }
    />
  );
}
