// Parts of the lead and deal cards: the header with the stage, the stage strip, the next steps
// (from the card's `moves`) and the pipeline's checklist.
import { Alert, Anchor, Badge, Box, Button, Checkbox, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { formatDateTime } from '../../../shared/format/format';
import { notifyProblem } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import {
  salesKeys,
  updateDeal,
  updateLead,
  type CardDetail,
  type CardKind,
  type MoveOption,
  type PipelineDefinition,
} from '../api/sales';
import { secondsSince } from '../model/format';
import { checklistStages, findStage, stageName } from '../model/pipeline';
import { StageBadge, useDuration, useLang, useNow, useQuoted } from './common';
import { GuardList } from './guards';

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const id = useId();
  return (
    <Paper withBorder p="md" radius="sm" component="section" aria-labelledby={id}>
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}

export function Info({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children || '—'}
      </Text>
    </div>
  );
}

export function CardHeader({ kind, card, def }: { kind: CardKind; card: CardDetail; def: PipelineDefinition }) {
  const { t } = useTranslation();
  const duration = useDuration();
  const now = useNow();
  const stage = findStage(def, card.stage);
  const section = kind === 'lead' ? 'leads' : 'deals';
  const statusColor = card.status === 'won' ? 'green' : card.status === 'lost' ? 'red' : 'blue';
  return (
    <Stack gap="xs">
      <Anchor component={Link} to={`/${section}?pipeline=${card.pipeline_id}`} size="sm">
        ← {t(`sales.${section}.back`)}
      </Anchor>
      <Group gap="sm" align="center">
        <Title order={1} size="h2">
          {t(`sales.${section}.numbered`, { number: card.number })} · {card.title}
        </Title>
      </Group>
      <Group gap="xs">
        <Box role="status" aria-label={t('sales.card.stage')}>
          <StageBadge stage={stage} fallback={card.stage_name} size="lg" />
        </Box>
        <Badge variant="light" color={statusColor} size="lg" style={{ textTransform: 'none' }}>
          {t(`sales.status.${kind}.${card.status}`)}
        </Badge>
        {card.status === 'open' && (
          <Text size="sm" c="dimmed">
            {t('sales.card.inStage', { duration: duration(secondsSince(card.stage_entered_at, now)) })}
          </Text>
        )}
        {card.stuck && (
          <Badge color="red" variant="filled" style={{ textTransform: 'none' }}>
            {t(`sales.card.stuck.${kind}`, { hours: stage?.stuck_after_hours ?? '—' })}
          </Badge>
        )}
        {card.closed_at && (
          <Text size="sm" c="dimmed">
            {t(`sales.card.closedAt.${kind}`)}: {formatDateTime(card.closed_at)}
          </Text>
        )}
      </Group>
      <StageStrip def={def} current={card.stage} status={card.status} />
    </Stack>
  );
}

/** Every stage in board order; those behind the card filled with their colour. */
export function StageStrip({ def, current, status }: { def: PipelineDefinition; current: string; status: CardDetail['status'] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const stages = def.stages;
  const index = stages.findIndex((s) => s.code === current);
  const stage = stages[index];
  return (
    <Stack gap={4}>
      <Group gap={3} wrap="nowrap" role="list" aria-label={t('sales.card.progress')}>
        {stages.map((s, i) => {
          // A closed card shows only where it ended: the way there is in the history.
          const reached = status === 'open' ? i <= index : s.code === current;
          return (
            <Tooltip key={s.code} label={stageName(s, lang)} withinPortal>
              <Box
                role="listitem"
                aria-label={stageName(s, lang)}
                aria-current={s.code === current ? 'step' : undefined}
                h={s.code === current ? 12 : 8}
                style={{
                  flex: 1,
                  minWidth: 6,
                  borderRadius: 3,
                  background: reached ? s.color : 'var(--mantine-color-gray-2)',
                  outline: s.code === current ? '2px solid var(--mantine-color-dark-3)' : undefined,
                  outlineOffset: 1,
                }}
              />
            </Tooltip>
          );
        })}
      </Group>
      {stage && (
        <Text size="xs" c="dimmed">
          {t('sales.card.progressOf', { index: index + 1, total: stages.length, stage: stageName(stage, lang) })}
        </Text>
      )}
    </Stack>
  );
}

/**
 * The stages the card can go to next (the server's `moves`). Blocked ones stay visible with what
 * stops them; `dirty` lets them be pressed anyway — unsaved edits are saved first and the server
 * decides again.
 */
export function NextSteps({
  kind,
  card,
  def,
  canMove,
  dirty,
  busy,
  onMove,
}: {
  kind: CardKind;
  card: CardDetail;
  def: PipelineDefinition;
  canMove: boolean;
  dirty: boolean;
  busy: boolean;
  onMove: (to: string) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  if (card.status !== 'open')
    return (
      <Section title={t('sales.card.nextSteps')}>
        <Text size="sm" c="dimmed">
          {t('sales.card.closed')}
        </Text>
      </Section>
    );
  const label = (m: MoveOption) => {
    const s = findStage(def, m.to);
    return s ? stageName(s, lang) : m.to_name;
  };
  const forward = card.moves.filter((m) => findStage(def, m.to)?.kind !== 'lost');
  const lost = card.moves.filter((m) => findStage(def, m.to)?.kind === 'lost');
  const blocked = forward.filter((m) => !m.allowed && m.problems.length > 0);
  return (
    <Section title={t('sales.card.nextSteps')}>
      <Stack gap="sm">
        <Group gap="xs">
          {forward.map((m) => {
            const isConversion = kind === 'lead' && findStage(def, m.to)?.kind === 'won';
            const button = (
              <Button
                key={m.to}
                variant={m.allowed ? 'filled' : 'default'}
                color={isConversion ? 'green' : undefined}
                disabled={!canMove || busy || (!m.allowed && !dirty)}
                onClick={() => onMove(m.to)}
              >
                {isConversion ? t('sales.convert.button') : label(m)}
              </Button>
            );
            return m.allowed || m.problems.length === 0 ? (
              button
            ) : (
              <Tooltip
                key={m.to}
                multiline
                w={320}
                label={<GuardList problems={m.problems} def={def} kind={kind} to={m.to} size="xs" />}
              >
                <span>{button}</span>
              </Tooltip>
            );
          })}
          {lost.map((m) => (
            <Button key={m.to} variant="outline" color="red" disabled={!canMove || busy} onClick={() => onMove(m.to)} ml="auto">
              {label(m)}
            </Button>
          ))}
        </Group>
        {blocked.map((m) => (
          <Alert key={m.to} color="orange" variant="light" p="xs" title={t('sales.card.blockedBy', { stage: label(m) })}>
            <GuardList problems={m.problems} def={def} kind={kind} to={m.to} />
          </Alert>
        ))}
      </Stack>
    </Section>
  );
}

/** Checklist items some next move waits for (`checklist.<code>` problems), with the stage names. */
export function blockingChecklist(card: CardDetail, def: PipelineDefinition, lang: 'ru' | 'en'): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of card.moves) {
    const s = findStage(def, m.to);
    for (const p of m.problems) {
      if (!p.field.startsWith('checklist.')) continue;
      const code = p.field.slice('checklist.'.length);
      out.set(code, [...(out.get(code) ?? []), s ? stageName(s, lang) : m.to_name]);
    }
  }
  return out;
}

/** Fields some next move waits for, with the stage names (for hints next to the inputs). */
export function blockingFields(card: CardDetail, def: PipelineDefinition, lang: 'ru' | 'en'): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of card.moves) {
    const s = findStage(def, m.to);
    for (const p of m.problems) {
      if (p.field.includes('.') || p.field === 'stage') continue;
      out.set(p.field, [...(out.get(p.field) ?? []), s ? stageName(s, lang) : m.to_name]);
    }
  }
  return out;
}

/**
 * The pipeline's whole checklist, grouped by stage, the current stage's items first in view.
 * A tick is saved at once (PATCH `checklist: {code: ticked}` with the card's version).
 */
/**
 * «Нужно для «…»» under the fields an allowed-looking next stage still waits for, so the manager
 * sees what to fill before trying the move.
 */
export function useFieldHints(card: CardDetail, def: PipelineDefinition) {
  const { t } = useTranslation();
  const lang = useLang();
  const quoted = useQuoted();
  const needed = blockingFields(card, def, lang);
  const hint = (field: string) => {
    const stages = needed.get(field);
    return stages ? t('sales.card.neededFor', { stages: quoted(stages) }) : undefined;
  };
  const hintStyle = { description: { color: 'var(--mantine-color-orange-8)' } };
  return { needed, hint, hintStyle };
}

/** Above a card's form: someone else changed the card first, or the save was refused. */
export function CardFormAlerts({
  card,
}: {
  card: { conflict: boolean; showError: boolean; mutation: { error: unknown }; unplaced: FieldError[] | null };
}) {
  const { t } = useTranslation();
  return (
    <>
      {card.conflict && (
        <Alert color="orange" title={t('sales.card.conflictTitle')} role="alert">
          {t('sales.card.conflictHint')}
        </Alert>
      )}
      {card.showError && <ProblemAlert error={card.mutation.error} rest={card.unplaced ?? undefined} />}
    </>
  );
}

export function ChecklistPanel({
  kind,
  card,
  def,
  canEdit,
}: {
  kind: CardKind;
  card: CardDetail;
  def: PipelineDefinition;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  const stages = checklistStages(def);
  const needed = blockingChecklist(card, def, lang);
  const quoted = useQuoted();
  const ticked = new Set(card.checklist);
  // Shown at once (a discrete event renders synchronously); the mutation's state comes later.
  const [pending, setPending] = useState<{ code: string; value: boolean } | null>(null);

  const mutation = useMutation({
    mutationFn: ({ code, value }: { code: string; value: boolean }): Promise<CardDetail> => {
      const body = { version: card.version, checklist: { [code]: value } };
      return kind === 'lead' ? updateLead(card.id, body) : updateDeal(card.id, body);
    },
    onSuccess: (detail) => queryClient.setQueryData(salesKeys.card(kind, detail.id), detail),
    onError: (error) => {
      if (error instanceof ApiProblem && error.code === 'version_conflict') {
        notifyProblem(error);
        void queryClient.invalidateQueries({ queryKey: salesKeys.card(kind, card.id) });
      } else notifyProblem(error);
    },
    onSettled: () => {
      setPending(null);
      void queryClient.invalidateQueries({ queryKey: salesKeys.timeline(kind, card.id) });
      void queryClient.invalidateQueries({ queryKey: salesKeys.boards() });
    },
  });

  return (
    <Section title={t('sales.card.checklist')}>
      {stages.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('sales.card.checklistEmpty')}
        </Text>
      ) : (
        <Stack gap="sm">
          {stages.map((s) => {
            const current = s.code === card.stage;
            return (
              <Box
                key={s.code}
                p="xs"
                style={{
                  borderLeft: `4px solid ${s.color}`,
                  background: current ? 'var(--mantine-color-yellow-0)' : undefined,
                  borderRadius: 4,
                }}
                role="group"
                aria-label={stageName(s, lang)}
              >
                <Group gap="xs" mb={6}>
                  <Text size="sm" fw={600}>
                    {stageName(s, lang)}
                  </Text>
                  {current && (
                    <Badge size="xs" variant="light" color="yellow" style={{ textTransform: 'none' }}>
                      {t('sales.card.checklistCurrent')}
                    </Badge>
                  )}
                </Group>
                <Stack gap={6}>
                  {(s.checklist ?? []).map((item) => {
                    const need = needed.get(item.code);
                    return (
                      <Checkbox
                        key={item.code}
                        label={lang === 'en' ? item.name_en : item.name_ru}
                        description={
                          need && !ticked.has(item.code)
                            ? t('sales.card.checklistNeeded', { stages: quoted(need) })
                            : undefined
                        }
                        checked={pending?.code === item.code ? pending.value : ticked.has(item.code)}
                        disabled={!canEdit || !!pending}
                        onChange={(e) => {
                          const next = { code: item.code, value: e.currentTarget.checked };
                          setPending(next);
                          mutation.mutate(next);
                        }}
                        styles={need && !ticked.has(item.code) ? { description: { color: 'var(--mantine-color-orange-8)' } } : undefined}
                      />
                    );
                  })}
                </Stack>
              </Box>
            );
          })}
        </Stack>
      )}
    </Section>
  );
}
