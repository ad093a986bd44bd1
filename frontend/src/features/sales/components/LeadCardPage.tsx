import { Alert, Anchor, Button, Checkbox, Grid, Group, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useCan } from '../../../shared/api/me';
import { ApiProblem } from '../../../shared/api/problem';
import { formatDateTime, formatPhone } from '../../../shared/format/format';
import { formatMoneyInput, parseMoneyInput } from '../../../shared/format/money';
import { changedFields } from '../../../shared/forms/payload';
import { NotFound } from '../../../shared/ui/NotFound';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { leadQuery, pipelineQuery, type LeadDetail, type Pipeline } from '../api/sales';
import { CardFormAlerts, CardHeader, ChecklistPanel, Info, NextSteps, Section, useFieldHints } from './CardParts';
import { moneyRule, StaffSelect } from './common';
import { TasksPanel } from './TasksPanel';
import { TimelinePanel } from './TimelinePanel';
import { useCardForm } from './useCardForm';
import { useMoveFlow } from './useMoveFlow';

export function LeadCardPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lead = useQuery(leadQuery(id));
  const pipeline = useQuery({ ...pipelineQuery(lead.data?.pipeline_id ?? ''), enabled: !!lead.data });

  if (lead.isPending || (lead.isSuccess && pipeline.isPending)) return <TableSkeleton rows={10} />;
  if (lead.isError) {
    const e = lead.error;
    if (e instanceof ApiProblem && (e.status === 404 || e.status === 403 || e.code === 'bad_request'))
      return <NotFound text={t('sales.leads.notFound')} />;
    return <ProblemAlert error={e} onRetry={() => void lead.refetch()} />;
  }
  if (pipeline.isError || !pipeline.data)
    return <ProblemAlert error={pipeline.error} onRetry={() => void pipeline.refetch()} />;
  return <LeadCard lead={lead.data} pipeline={pipeline.data} />;
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
  phone: l.phone ?? '',
  email: l.email ?? '',
  keywords: l.keywords ?? '',
  responsible_id: l.responsible_id ?? null,
  expected_revenue: formatMoneyInput(l.expected_revenue),
  price_range: l.price_range ?? '',
  offer_details: l.offer_details ?? '',
  agreed_individual_offer: l.agreed_individual_offer,
  agreed_design: l.agreed_design,
});

function LeadCard({ lead, pipeline }: { lead: LeadDetail; pipeline: Pipeline }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canWrite = useCan('leads.write');
  const canTasks = useCan('tasks.use');
  const def = pipeline.definition;
  const flow = useMoveFlow({ kind: 'lead', pipeline, onConverted: (deal) => void navigate(`/deals/${deal.id}`) });
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
  const { hint, hintStyle } = useFieldHints(lead, def);
  const editable = canWrite;

  const onMove = async (to: string) => {
    const fresh = await card.saveIfDirty();
    if (fresh) flow.move(fresh, to);
  };

  return (
    <Stack>
      <CardHeader kind="lead" card={lead} def={def} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <NextSteps
              kind="lead"
              card={lead}
              def={def}
              canMove={canWrite}
              dirty={card.dirty}
              busy={flow.movingId === lead.id || card.mutation.isPending}
              onMove={(to) => void onMove(to)}
            />
            <Section title={t('sales.card.detailsLead')}>
              <form onSubmit={form.onSubmit(() => void card.saveIfDirty())} noValidate>
                <Stack>
                  <CardFormAlerts card={card} />
                  <Grid>
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
                      <TextInput label={t('sales.fields.lead.phone')} type="tel" readOnly={!editable} {...form.getInputProps('phone')} />
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
                  </Grid>
                  {editable && (
                    <Group>
                      <Button type="submit" loading={card.mutation.isPending} disabled={!card.dirty}>
                        {t('common.save')}
                      </Button>
                      {card.dirty && (
                        <Text size="sm" c="orange.8">
                          {t('sales.card.unsaved')}
                        </Text>
                      )}
                    </Group>
                  )}
                </Stack>
              </form>
            </Section>
            <TimelinePanel kind="lead" id={lead.id} def={def} canWrite={canWrite} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <Section title={t('sales.card.source')}>
              <SimpleGrid cols={2} spacing="xs">
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
                <Info label={t('sales.fields.lead.phone')}>{formatPhone(lead.phone)}</Info>
                <Info label={t('sales.fields.lead.call_tracking_number')}>{formatPhone(lead.call_tracking_number)}</Info>
              </SimpleGrid>
              {lead.message && (
                <Stack gap={0} mt="xs">
                  <Text size="xs" c="dimmed">
                    {t('sales.card.message')}
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {lead.message}
                  </Text>
                </Stack>
              )}
              {Object.values(lead.utm).some(Boolean) && (
                <Stack gap={0} mt="xs">
                  <Text size="xs" c="dimmed">
                    {t('sales.card.utm')}
                  </Text>
                  {(['source', 'medium', 'campaign', 'term', 'content'] as const).map((k) =>
                    lead.utm[k] ? (
                      <Text key={k} size="xs">
                        {t(`sales.fields.utm.${k}`)}: {lead.utm[k]}
                      </Text>
                    ) : null,
                  )}
                </Stack>
              )}
              {lead.deal_id && (
                <Button component={Link} to={`/deals/${lead.deal_id}`} variant="light" color="green" mt="sm" fullWidth>
                  {t('sales.card.toDeal', { number: lead.deal_number ?? '' })}
                </Button>
              )}
              {lead.loss && <LossInfo loss={lead.loss} />}
            </Section>
            <ChecklistPanel kind="lead" card={lead} def={def} canEdit={canWrite} />
            {canTasks && <TasksPanel kind="lead" subjectId={lead.id} canEdit={canTasks} />}
          </Stack>
        </Grid.Col>
      </Grid>
      {flow.dialogs}
    </Stack>
  );
}

export function LossInfo({ loss }: { loss: NonNullable<LeadDetail['loss']> }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" mt="sm" title={`${t('sales.card.loss')}: ${loss.reason_name ?? loss.reason}`}>
      {loss.objections && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {t('sales.card.objections')}: {loss.objections}
        </Text>
      )}
      {loss.add_to_mailing && <Text size="sm">{t('sales.card.inMailing')}</Text>}
    </Alert>
  );
}
