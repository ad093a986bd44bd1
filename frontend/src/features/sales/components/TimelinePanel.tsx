// The card's one timeline, newest first: stage changes with the time the previous stage took,
// edits, comments, files, tasks, requests, payments, documents and their e-mails, contract steps,
// conversion — and on a deal, its lead's
// history too. Comments are added and files uploaded (with progress) from here.
import { Anchor, Badge, Button, FileButton, Group, List, Progress, Stack, Text, Textarea, Timeline } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { downloadFile } from '../../../shared/api/files';
import { useCan } from '../../../shared/api/me';
import { formatBytes, formatDate, formatDateTime } from '../../../shared/format/format';
import { i18n } from '../../../shared/i18n/index';
import { formatMoney } from '../../../shared/format/money';
import { notifyProblem, notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import {
  addComment,
  fileUrl,
  pipelinesQuery,
  salesKeys,
  staffQuery,
  timelineQuery,
  uploadCardFile,
  type CardKind,
  type PipelineDefinition,
  type TimelineEntry,
} from '../api/sales';
import { checklistItemName, findStage, stageName, type Language } from '../model/pipeline';
import { useDuration, useLang, useQuoted } from './common';
import { Section } from './CardParts';
import { fieldLabel, requestKindLabel } from './guards';

type Data = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

export function TimelinePanel({
  kind,
  id,
  def,
  canWrite,
  leadNumber,
}: {
  kind: CardKind;
  id: string;
  def: PipelineDefinition;
  canWrite: boolean;
  /** On a deal: the number of the lead it came from (its history is shown too). */
  leadNumber?: number | null;
}) {
  const { t } = useTranslation();
  const timeline = useQuery(timelineQuery(kind, id));
  return (
    <Section title={t('sales.timeline.title')}>
      <Stack>
        {canWrite && <CommentForm kind={kind} id={id} />}
        {canWrite && <FileUpload kind={kind} id={id} />}
        {timeline.isPending ? (
          <TableSkeleton rows={4} />
        ) : timeline.isError ? (
          <ProblemAlert error={timeline.error} onRetry={() => void timeline.refetch()} />
        ) : timeline.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('sales.timeline.empty')}
          </Text>
        ) : (
          <Entries kind={kind} def={def} items={timeline.data} leadNumber={leadNumber} />
        )}
      </Stack>
    </Section>
  );
}

function Entries({
  kind,
  def,
  items,
  leadNumber,
}: {
  kind: CardKind;
  def: PipelineDefinition;
  items: TimelineEntry[];
  leadNumber?: number | null;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  // A deal shows its lead's history too: name those stages from the lead pipelines.
  const canReadLeads = useCan('leads.read');
  const leadPipelines = useQuery({
    ...pipelinesQuery('lead'),
    enabled: canReadLeads && kind === 'deal' && items.some((e) => e.subject_type === 'lead'),
  });
  const staff = useQuery({ ...staffQuery(), enabled: items.some((e) => e.kind === 'fields' && 'responsible_id' in (e.data as Data)) });
  const defFor = (subject: CardKind): PipelineDefinition[] =>
    subject === kind ? [def] : (leadPipelines.data ?? []).map((p) => p.definition);
  const duration = useDuration();
  const quoted = useQuoted();
  const ctx: EntryContext = {
    lang,
    duration,
    quoted,
    kind,
    stage: (subject, code, fallback) => {
      for (const d of defFor(subject)) {
        const s = findStage(d, code);
        if (s) return stageName(s, lang);
      }
      return fallback || code;
    },
    checklist: (subject, code) => {
      for (const d of defFor(subject)) {
        const name = checklistItemName(d, code, lang);
        if (name !== code) return name;
      }
      return code;
    },
    person: (uuid) => staff.data?.find((s) => s.id === uuid)?.full_name ?? null,
  };
  return (
    <Timeline bulletSize={14} lineWidth={2} active={items.length - 1} aria-label={t('sales.timeline.title')}>
      {items.map((e) => {
        const { title, body, color } = describe(e, ctx, t);
        return (
          <Timeline.Item
            key={e.id}
            color={color}
            bullet={<span />}
            title={
              <Group gap={6} wrap="wrap">
                <Text size="sm" fw={600} component="span">
                  {title}
                </Text>
                {e.subject_type !== kind && (
                  // gray.7: Mantine's gray outline (gray.6) reads at 3.3:1 on white, below AA.
                  <Badge size="xs" variant="outline" color="gray.7" style={{ textTransform: 'none' }}>
                    {leadNumber ? t('sales.leads.numbered', { number: leadNumber }) : t('sales.timeline.leadBadge')}
                  </Badge>
                )}
              </Group>
            }
          >
            {body}
            <Text size="xs" c="dimmed" mt={2}>
              {formatDateTime(e.at)} · {e.actor_name || t('sales.timeline.system')}
            </Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}

interface EntryContext {
  lang: Language;
  duration: (seconds: number) => string;
  quoted: (names: string[]) => string;
  kind: CardKind;
  stage: (subject: CardKind, code: string, fallback: string) => string;
  checklist: (subject: CardKind, code: string) => string;
  person: (id: string) => string | null;
}

type T = TFunction;

function describe(e: TimelineEntry, ctx: EntryContext, t: T): { title: ReactNode; body?: ReactNode; color: string } {
  const d = e.data as Data;
  const subject = e.subject_type;
  const text = e.text ? (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
      {e.text}
    </Text>
  ) : undefined;
  switch (e.kind) {
    case 'created':
      return { title: t('sales.timeline.created', { stage: ctx.stage(subject, str(d.stage), str(d.stage_name)) }), color: 'blue' };
    case 'from_lead':
      return {
        title: (
          <>
            {t('sales.timeline.fromLeadEntry', { number: str(d.lead_number) })}{' '}
            {str(d.lead_id) && (
              <Anchor component={Link} to={`/leads/${str(d.lead_id)}`} size="sm">
                →
              </Anchor>
            )}
          </>
        ),
        color: 'blue',
      };
    case 'stage': {
      const from = ctx.stage(subject, str(d.from), str(d.from_name));
      const to = ctx.stage(subject, str(d.to), str(d.to_name));
      const seconds = typeof d.seconds_in_from === 'number' ? d.seconds_in_from : null;
      const fact = str(d.by_fact);
      return {
        title: t('sales.timeline.stage', { from, to }),
        color: 'teal',
        body: (
          <Stack gap={0}>
            {seconds !== null && (
              <Text size="xs">{t('sales.timeline.spent', { stage: from, duration: ctx.duration(seconds) })}</Text>
            )}
            {fact && <Text size="xs" c="dimmed">{t('sales.timeline.byFact', { fact: factText(fact, t) })}</Text>}
          </Stack>
        ),
      };
    }
    case 'tasks_closed': {
      const titles = Array.isArray(d.titles) ? d.titles.map((x: unknown) => str(x)) : [];
      return {
        title: t('sales.timeline.tasksClosed', { stage: str(d.stage_name) }),
        color: 'gray',
        body: (
          <Stack gap={0}>
            {titles.length > 0 && <Text size="sm">{ctx.quoted(titles)}</Text>}
            {text}
          </Stack>
        ),
      };
    }
    case 'reopened':
      return {
        title: t('sales.timeline.reopened', {
          from: ctx.stage(subject, str(d.from), str(d.from_name)),
          to: ctx.stage(subject, str(d.to), str(d.to_name)),
        }),
        color: 'orange',
        body: text,
      };
    case 'fields':
      return { title: t('sales.timeline.fields'), color: 'gray', body: <FieldChanges subject={subject} data={d} ctx={ctx} t={t} /> };
    case 'checklist': {
      // Entries carry the items' names, so readers without the pipeline see them too.
      const names = (v: unknown): string[] =>
        Array.isArray(v)
          ? v.map((i: Data) => str(ctx.lang === 'en' ? i.name_en : i.name_ru) || ctx.checklist(subject, str(i.code)))
          : [];
      const ticked = names(d.ticked);
      const unticked = names(d.unticked);
      return {
        title: t('sales.timeline.checklist'),
        color: 'gray',
        body: (
          <List size="sm">
            {ticked.length > 0 && <List.Item>{t('sales.timeline.checklistTicked', { items: ctx.quoted(ticked) })}</List.Item>}
            {unticked.length > 0 && <List.Item>{t('sales.timeline.checklistUnticked', { items: ctx.quoted(unticked) })}</List.Item>}
          </List>
        ),
      };
    }
    case 'comment':
      return { title: t('sales.timeline.comment'), color: 'violet', body: text };
    case 'file': {
      const name = str(d.name);
      const fileId = str(d.file_id);
      return {
        title: t('sales.timeline.file'),
        color: 'indigo',
        body: (
          <Group gap="xs">
            <Anchor
              component="button"
              type="button"
              size="sm"
              aria-label={t('sales.timeline.download', { name })}
              onClick={() => downloadFile(fileUrl(fileId), name).catch(notifyProblem)}
            >
              {name}
            </Anchor>
            {typeof d.size === 'number' && (
              <Text size="xs" c="dimmed">
                {formatBytes(d.size, i18n.language)}
              </Text>
            )}
          </Group>
        ),
      };
    }
    case 'task_created':
      return {
        title: t('sales.timeline.taskCreated', { title: str(d.title) }),
        color: 'yellow',
        body: str(d.due_at) ? <Text size="xs">{t('sales.tasks.dueAt', { date: formatDateTime(str(d.due_at)) })}</Text> : undefined,
      };
    case 'task_done':
      return { title: t('sales.timeline.taskDone', { title: str(d.title) }), color: 'green', body: text };
    case 'request_opened':
    case 'request_taken':
    case 'request_completed':
    case 'request_cancelled': {
      // The status the request came to, named as everywhere else (queues, request page, card).
      const status = {
        request_opened: 'open',
        request_taken: 'in_progress',
        request_completed: 'completed',
        request_cancelled: 'cancelled',
      } as const;
      const answer =
        e.kind === 'request_completed' ? (
          <Stack gap={0}>
            {str(d.cost) && <Text size="xs">{t('sales.requests.cost')}: {formatMoney(str(d.cost))}</Text>}
            {str(d.carrier) && <Text size="xs">{t('sales.requests.carrier')}: {str(d.carrier)}</Text>}
            {str(d.eta_date) && <Text size="xs">{t('sales.requests.eta')}: {formatDate(str(d.eta_date))}</Text>}
            {text}
          </Stack>
        ) : (
          text
        );
      return {
        title: t('sales.timeline.request', {
          kind: requestKindLabel(str(d.kind)),
          number: str(d.number),
          status: t(`requests.status.${status[e.kind]}`),
        }),
        color: e.kind === 'request_cancelled' ? 'gray' : 'cyan',
        body: answer,
      };
    }
    case 'payment':
      return {
        title: t('sales.timeline.payment', { amount: formatMoney(str(d.amount)), date: formatDate(str(d.paid_on)) }),
        color: 'green',
        body: (
          <Stack gap={0}>
            {str(d.document) && <Text size="xs">{t('sales.timeline.paymentDocument', { document: str(d.document) })}</Text>}
            {str(d.comment) && <Text size="xs">{str(d.comment)}</Text>}
          </Stack>
        ),
      };
    case 'converted':
      return {
        title: (
          <>
            {t('sales.timeline.converted', { number: str(d.deal_number) })}{' '}
            {str(d.deal_id) && (
              <Anchor component={Link} to={`/deals/${str(d.deal_id)}`} size="sm">
                →
              </Anchor>
            )}
          </>
        ),
        color: 'green',
      };
    case 'won':
      return { title: t('sales.timeline.won'), color: 'green' };
    case 'lost':
      return {
        title: t('sales.timeline.lost', { reason: str(d.reason_name) || str(d.reason) }),
        color: 'red',
        body: (
          <Stack gap={0}>
            {text}
            {d.add_to_mailing === true && <Text size="xs">{t('sales.timeline.mailing')}</Text>}
          </Stack>
        ),
      };
    case 'document_created':
      return {
        title: t('sales.timeline.documentCreated', { document: documentLabel(d, t) }),
        color: 'blue',
        body: str(d.total) && str(d.kind) !== 'work_order' && str(d.kind) !== 'delivery_notice' ? (
          <Text size="xs">{t('sales.timeline.documentTotal', { total: formatMoney(str(d.total)) })}</Text>
        ) : undefined,
      };
    case 'email_queued': {
      const docs = Array.isArray(d.documents) ? d.documents.map((x: unknown) => documentLabel((x ?? {}) as Data, t)) : [];
      return {
        title: t('sales.timeline.emailQueued', { to: str(d.to) }),
        color: 'cyan',
        body: (
          <Stack gap={0}>
            {str(d.subject) && <Text size="xs">{t('sales.timeline.emailSubject', { subject: str(d.subject) })}</Text>}
            {docs.length > 0 && <Text size="xs">{t('sales.timeline.emailDocuments', { documents: docs.join(', ') })}</Text>}
          </Stack>
        ),
      };
    }
    case 'email_sent':
      return { title: t('sales.timeline.emailSent', { to: str(d.to) }), color: 'green', body: text };
    case 'email_attempt_failed':
    case 'email_failed':
      return {
        title:
          e.kind === 'email_failed'
            ? t('sales.timeline.emailFailed', { to: str(d.to) })
            : t('sales.timeline.emailAttemptFailed', { to: str(d.to), attempt: str(d.attempt) }),
        color: e.kind === 'email_failed' ? 'red' : 'orange',
        body: (
          <Stack gap={0}>
            {str(d.error) && <Text size="xs" c="red.8">{t('sales.timeline.emailError', { error: str(d.error) })}</Text>}
            {str(d.retry_at) && <Text size="xs">{t('sales.timeline.emailRetry', { date: formatDateTime(str(d.retry_at)) })}</Text>}
          </Stack>
        ),
      };
    case 'contract_step': {
      const action = str(d.action);
      const actionKey = `sales.timeline.contractActions.${action}`;
      return {
        title: t('sales.timeline.contractStep', { number: str(d.number), from: str(d.from_name) || str(d.from), to: str(d.to_name) || str(d.to) }),
        color: str(d.to) === 'signed' ? 'green' : str(d.to) === 'not_signed' ? 'red' : 'indigo',
        body: (
          <Stack gap={0}>
            {action && i18n.exists(actionKey) && (
              <Text size="xs">{t('sales.timeline.contractAction', { action: t(actionKey as 'sales.timeline.contractActions.send') })}</Text>
            )}
            {text}
          </Stack>
        ),
      };
    }
    case 'shipment':
      return {
        title: t('sales.timeline.shipment', { number: str(d.number), invoice: str(d.invoice_number) }),
        color: 'teal',
        body: (
          <Stack gap={0}>
            {str(d.shipped_on) && <Text size="xs">{t('sales.timeline.shippedOn', { date: formatDate(str(d.shipped_on)) })}</Text>}
            {text}
          </Stack>
        ),
      };
    case 'payment_allocated':
      return {
        title: str(d.file_name) ? t('sales.timeline.statementPaid', { file: str(d.file_name) }) : t('sales.timeline.paymentAllocated', { number: str(d.number) }),
        color: 'green',
        body: str(d.amount) ? <Text size="xs">{t('sales.timeline.paymentSum', { sum: formatMoney(str(d.amount)) })}</Text> : undefined,
      };
    case 'invoice_cancelled':
      return {
        title: t('sales.timeline.invoiceCancelled', { number: str(d.number), reason: str(d.reason_name) || str(d.reason) }),
        color: 'red',
        body: text,
      };
    case 'production_order': {
      // A step of one of the deal's production orders: the domain's names, translated when the
      // app has the words (`productionOrders.*`), as sent otherwise.
      const actionKey = `productionOrders.actions.${str(d.action)}`;
      const stateKey = `productionOrders.states.${str(d.state)}`;
      const action = str(d.action) && i18n.exists(actionKey) ? t(actionKey as 'sales.timeline.title') : str(d.action_name) || str(d.action);
      const state = str(d.state) && i18n.exists(stateKey) ? t(stateKey as 'sales.timeline.title') : str(d.state_name) || str(d.state);
      const reason = str(d.reason) || e.text || '';
      const to = str(d.state);
      return {
        title: str(d.number)
          ? t('sales.timeline.productionOrder', { number: str(d.number), action })
          : t('sales.timeline.productionOrderNoNumber', { action }),
        color: to === 'declined' || to === 'cancelled' ? 'red' : to === 'defects_found' ? 'orange' : to === 'shipped' || to === 'closed' ? 'green' : 'indigo',
        body: (
          <Stack gap={0}>
            <Text size="xs">
              {str(d.production_name)
                ? t('sales.timeline.productionOrderWhere', { production: str(d.production_name), state })
                : t('sales.timeline.productionOrderState', { state })}
            </Text>
            {reason && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {t('sales.timeline.productionOrderReason', { reason })}
              </Text>
            )}
          </Stack>
        ),
      };
    }
    case 'delivery_notice_skipped':
      return { title: t('sales.timeline.deliveryNoticeSkipped'), color: 'orange', body: text };
    case 'reminder':
      return { title: t('sales.timeline.reminder', { title: str(d.title) }), color: 'orange', body: str(d.due_at) ? <Text size="xs">{t('sales.timeline.reminderDue', { date: formatDateTime(str(d.due_at)) })}</Text> : undefined };
    default:
      return { title: t('sales.timeline.unknown', { kind: e.kind }), color: 'gray', body: text };
  }
}

/** «КП-3, ред. 2», «договор № 17/26» from an entry's `kind`, `number`, `version_no`. */
function documentLabel(d: Data, t: T): string {
  const kind = str(d.kind);
  const key = `sales.timeline.documentKinds.${kind}`;
  return i18n.exists(key)
    ? t(key as 'sales.timeline.documentKinds.offer', { number: str(d.number), version: str(d.version_no) || '1' })
    : str(d.number);
}

function factText(fact: string, t: T): string {
  const [head, rest] = fact.split(':');
  if (head === 'documents' && rest && i18n.exists(`sales.timeline.facts.documents.${rest}`))
    return t(`sales.timeline.facts.documents.${rest}` as 'sales.timeline.facts.documents.offer_sent');
  if (head === 'payment_received') return t('sales.timeline.facts.payment_received');
  if (head === 'request_completed') return t('sales.timeline.facts.request_completed');
  if (head === 'task_completed') return t('sales.timeline.facts.task_completed');
  return fact;
}

function FieldChanges({ subject, data, ctx, t }: { subject: CardKind; data: Data; ctx: EntryContext; t: T }) {
  const rows: ReactNode[] = [];
  for (const [field, change] of Object.entries(data)) {
    if (!change || typeof change !== 'object') continue;
    const { old: before, new: after } = change as { old?: unknown; new?: unknown };
    const show = (v: unknown): string => {
      if (v === null || v === undefined || v === '') return t('sales.timeline.empty_value');
      if (typeof v === 'boolean') return v ? t('sales.timeline.yes') : t('sales.timeline.no');
      if (field === 'expected_revenue') return formatMoney(str(v));
      if (field === 'promised_payment_date') return formatDate(str(v));
      if (field === 'responsible_id') return ctx.person(str(v)) ?? '…';
      if (field.endsWith('_id')) return '…';
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
    };
    rows.push(
      <List.Item key={field}>
        {fieldLabel(subject, field)}: {show(before)} → {show(after)}
      </List.Item>,
    );
  }
  return rows.length ? (
    <List size="xs" spacing={0}>
      {rows}
    </List>
  ) : null;
}

function CommentForm({ kind, id }: { kind: CardKind; id: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const mutation = useMutation({
    mutationFn: (value: string) => addComment(kind, id, value),
    onSuccess: () => {
      setText('');
      notifySuccess(t('sales.timeline.commentAdded'));
      void queryClient.invalidateQueries({ queryKey: salesKeys.timeline(kind, id) });
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) mutation.mutate(text.trim());
      }}
    >
      <Stack gap="xs">
        {mutation.isError && <ProblemAlert error={mutation.error} />}
        <Textarea
          label={t('sales.timeline.comment')}
          placeholder={t('sales.timeline.commentPlaceholder')}
          autosize
          minRows={2}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button type="submit" size="xs" loading={mutation.isPending} disabled={!text.trim()}>
            {t('sales.timeline.addComment')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function FileUpload({ kind, id }: { kind: CardKind; id: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const mutation = useMutation({
    mutationFn: (file: File) => {
      setProgress({ name: file.name, fraction: 0 });
      return uploadCardFile(kind, id, file, (fraction) => setProgress({ name: file.name, fraction }));
    },
    onSuccess: (file) => {
      notifySuccess(t('sales.timeline.uploaded', { name: file.name }));
      void queryClient.invalidateQueries({ queryKey: salesKeys.timeline(kind, id) });
    },
    onSettled: () => setProgress(null),
  });
  return (
    <Stack gap={4}>
      <Group>
        <FileButton onChange={(f) => f && mutation.mutate(f)} disabled={mutation.isPending}>
          {(props) => (
            <Button {...props} variant="default" size="xs" loading={mutation.isPending}>
              {t('sales.timeline.attach')}
            </Button>
          )}
        </FileButton>
      </Group>
      {progress && (
        <Stack gap={2}>
          <Text size="xs">{t('sales.timeline.uploading', { name: progress.name })}</Text>
          <Progress value={Math.round(progress.fraction * 100)} aria-label={t('sales.timeline.uploading', { name: progress.name })} animated />
        </Stack>
      )}
      {mutation.isError && <ProblemAlert error={mutation.error} />}
    </Stack>
  );
}
