// The page of a lead or a deal: the card and its pipeline loaded (skeleton, «not found», a problem
// with «retry»), then one layout — header with the stage, next steps, the details form, panels,
// timeline, and beside them the source, checklist and tasks. The two cards differ only in what
// they put into its slots.
import { Alert, Button, Grid, Group, SimpleGrid, Stack, Tabs, Text } from '@mantine/core';
import { useQuery, type QueryKey, type UseQueryOptions } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCan } from '../../../shared/api/me';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { NotFound } from '../../../shared/ui/NotFound';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { pipelineQuery, type CardDetail, type CardKind, type LeadDetail, type Pipeline } from '../api/sales';
import { CardFormAlerts, CardHeader, ChecklistPanel, NextSteps, Section } from './CardParts';
import { ReopenDialog } from './ReopenDialog';
import { TasksPanel } from './TasksPanel';
import { TimelinePanel } from './TimelinePanel';
import { useMoveFlow } from './useMoveFlow';

/** Loads a card and its pipeline; shows loading, «not found» and problems, then `children`. */
export function CardPageShell<D extends CardDetail, K extends QueryKey>({
  kind,
  query,
  children,
}: {
  kind: CardKind;
  /** `leadQuery(id)` or `dealQuery(id)`. */
  query: UseQueryOptions<D, Error, D, K>;
  children: (card: D, pipeline: Pipeline) => ReactNode;
}) {
  const { t } = useTranslation();
  const card = useQuery(query);
  const pipeline = useQuery({ ...pipelineQuery(card.data?.pipeline_id ?? ''), enabled: !!card.data });

  if (card.isPending || (card.isSuccess && pipeline.isPending)) return <TableSkeleton rows={10} />;
  if (card.isError) {
    const e = card.error;
    if (e instanceof ApiProblem && (e.status === 404 || e.status === 403 || e.code === 'bad_request'))
      return <NotFound text={t(kind === 'lead' ? 'sales.leads.notFound' : 'sales.deals.notFound')} />;
    return <ProblemAlert error={e} onRetry={() => void card.refetch()} />;
  }
  if (pipeline.isError || !pipeline.data)
    return <ProblemAlert error={pipeline.error} onRetry={() => void pipeline.refetch()} />;
  return children(card.data, pipeline.data);
}

/** What the layout needs of `useCardForm`. */
export interface CardFormState {
  form: { onSubmit: (handler: () => void) => (event?: FormEvent<HTMLFormElement>) => void };
  mutation: { isPending: boolean; error: unknown };
  conflict: boolean;
  showError: boolean;
  unplaced: FieldError[] | null;
  dirty: boolean;
  saveIfDirty: () => Promise<CardDetail | null>;
}

export interface CardLayoutProps {
  kind: CardKind;
  card: CardDetail;
  pipeline: Pipeline;
  /** The details form (`useCardForm`); moving saves its unsaved edits first. */
  cardForm: CardFormState;
  /** May edit and move the card (`leads.write` / `deals.write`). */
  canWrite: boolean;
  /** After a lead's conversion (see `useMoveFlow`). */
  onConverted?: Parameters<typeof useMoveFlow>[0]['onConverted'];
  /** Under the header (a deal's «register payment»). */
  actions?: ReactNode;
  detailsTitle: string;
  /** The form's fields: `Grid.Col`s. */
  fields: ReactNode;
  /** Between the details and the timeline (a deal's requests). */
  panels?: ReactNode;
  /** On a deal: the number of the lead it came from (its history is in the timeline too). */
  leadNumber?: number | null;
  /** The source's facts: `Info`s in two columns. */
  facts: ReactNode;
  /** After the facts (a lead's message). */
  note?: ReactNode;
  /** After the UTM tags (the deal of a lead, the lead of a deal). */
  link?: ReactNode;
  /** Dialogs of the page (a deal's payment). */
  dialogs?: ReactNode;
  /** More tabs beside the details (a deal's «Документы», `?tab=<value>`); the timeline stays under them. */
  tabs?: CardTab[];
}

export interface CardTab {
  value: string;
  label: string;
  content: ReactNode;
}

/** The layout of a lead's or a deal's card. */
export function CardLayout({
  kind,
  card,
  pipeline,
  cardForm,
  canWrite,
  onConverted,
  actions,
  detailsTitle,
  fields,
  panels,
  leadNumber,
  facts,
  note,
  link,
  dialogs,
  tabs,
}: CardLayoutProps) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = tabs?.find((x) => x.value === params.get('tab'))?.value ?? 'details';
  const canTasks = useCan('tasks.use');
  const canReopen = useCan('cards.reopen');
  const [reopening, setReopening] = useState(false);
  const def = pipeline.definition;
  const flow = useMoveFlow({ kind, pipeline, onConverted });
  // Closed is closed: a won or lost card takes comments and files, a deal its review score too;
  // an admin may reopen it (not a lead that became a deal: the deal goes on).
  const open = card.status === 'open';
  const converted = kind === 'lead' && !!(card as LeadDetail).deal_id;
  const savable = canWrite && (open || kind === 'deal');

  const onMove = async (to: string) => {
    const fresh = await cardForm.saveIfDirty();
    if (fresh) flow.move(fresh, to);
  };

  // The card's details and panels: the first tab when there are others.
  const details = (
    <>
      <Section title={detailsTitle}>
        <form onSubmit={cardForm.form.onSubmit(() => void cardForm.saveIfDirty())} noValidate>
          <Stack>
            <CardFormAlerts card={cardForm} />
            <Grid>{fields}</Grid>
            {savable && (
              <Group>
                <Button type="submit" loading={cardForm.mutation.isPending} disabled={!cardForm.dirty}>
                  {t('common.save')}
                </Button>
                {cardForm.dirty && (
                  <Text size="sm" c="orange.8">
                    {t('sales.card.unsaved')}
                  </Text>
                )}
              </Group>
            )}
          </Stack>
        </form>
      </Section>
      {panels}
    </>
  );

  return (
    <Stack>
      <CardHeader kind={kind} card={card} def={def} />
      {actions}
      {!open && (
        <Alert color="gray" variant="light">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text size="sm">{t(kind === 'deal' ? 'sales.card.closedDeal' : 'sales.card.closedLead')}</Text>
            {canReopen && !converted && (
              <Button size="xs" variant="light" color="orange" onClick={() => setReopening(true)}>
                {t('sales.card.reopen')}
              </Button>
            )}
          </Group>
        </Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <NextSteps
              kind={kind}
              card={card}
              def={def}
              canMove={canWrite}
              dirty={cardForm.dirty}
              busy={flow.movingId === card.id || cardForm.mutation.isPending}
              onMove={(to) => void onMove(to)}
            />
            {tabs?.length ? (
              <Tabs
                value={tab}
                keepMounted={false}
                onChange={(v) =>
                  setParams(
                    (p) => {
                      const next = new URLSearchParams(p);
                      if (v && v !== 'details') next.set('tab', v);
                      else next.delete('tab');
                      return next;
                    },
                    { replace: true },
                  )
                }
              >
                <Tabs.List>
                  <Tabs.Tab value="details">{detailsTitle}</Tabs.Tab>
                  {tabs.map((x) => (
                    <Tabs.Tab key={x.value} value={x.value}>
                      {x.label}
                    </Tabs.Tab>
                  ))}
                </Tabs.List>
                <Tabs.Panel value="details" pt="md">
                  <Stack>{details}</Stack>
                </Tabs.Panel>
                {tabs.map((x) => (
                  <Tabs.Panel key={x.value} value={x.value} pt="md">
                    {x.content}
                  </Tabs.Panel>
                ))}
              </Tabs>
            ) : (
              details
            )}
            <TimelinePanel kind={kind} id={card.id} def={def} canWrite={canWrite} leadNumber={leadNumber} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <Section title={t('sales.card.source')}>
              <SimpleGrid cols={2} spacing="xs">
                {facts}
              </SimpleGrid>
              {note}
              {Object.values(card.utm).some(Boolean) && (
                <Stack gap={0} mt="xs">
                  <Text size="xs" c="dimmed">
                    {t('sales.card.utm')}
                  </Text>
                  {(['source', 'medium', 'campaign', 'term', 'content'] as const).map((k) =>
                    card.utm[k] ? (
                      <Text key={k} size="xs">
                        {t(`sales.fields.utm.${k}`)}: {card.utm[k]}
                      </Text>
                    ) : null,
                  )}
                </Stack>
              )}
              {link}
              {card.loss && <LossInfo loss={card.loss} />}
            </Section>
            <ChecklistPanel kind={kind} card={card} def={def} canEdit={canWrite && open} />
            {canTasks && <TasksPanel kind={kind} subjectId={card.id} canEdit={canTasks} />}
          </Stack>
        </Grid.Col>
      </Grid>
      {dialogs}
      {flow.dialogs}
      {canReopen && <ReopenDialog kind={kind} card={card} opened={reopening} onClose={() => setReopening(false)} />}
    </Stack>
  );
}

function LossInfo({ loss }: { loss: NonNullable<LeadDetail['loss']> }) {
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
