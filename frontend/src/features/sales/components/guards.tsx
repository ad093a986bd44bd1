// What stops a move, in words: the server's Russian messages as they are, an English text built
// from the code and the pipeline definition otherwise; and the notification a refused move shows.
import { List, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { i18n } from '../../../shared/i18n';
import { fieldErrorMessage, problemMessage } from '../../../shared/i18n/messages';
import type { CardKind, PipelineDefinition } from '../api/sales';
import { checklistItemName, findStage, stageName, type Language } from '../model/pipeline';

// Keys built from server codes are checked with `exists`; typed keys do not apply to them.
const tr = (key: string, options?: Record<string, unknown>): string =>
  String((i18n.t as unknown as (k: string, o?: Record<string, unknown>) => unknown)(key, options));

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'ru';
}

/** The label of a card field named by a guard (`offer_details`, `counterparty`, …). */
export function fieldLabel(kind: CardKind, field: string): string {
  const key = `sales.fields.${kind}.${field}`;
  return i18n.exists(key) ? tr(key).replace(/, ₽$/, '') : field;
}

export function requestKindLabel(kind: string): string {
  const key = `sales.requests.kinds.${kind}`;
  return i18n.exists(key) ? tr(key) : kind;
}

/**
 * One problem of a move (a failed guard) as the person should read it. `to` is the target stage
 * (a `fact_required` problem names it).
 */
export function guardText(
  problem: FieldError,
  ctx: { def: PipelineDefinition; kind: CardKind; to?: string; lang?: Language },
): string {
  const lang = ctx.lang ?? currentLanguage();
  if (lang === 'ru' && problem.message) return problem.message;
  const dot = problem.field.indexOf('.');
  const tail = dot >= 0 ? problem.field.slice(dot + 1) : problem.field;
  switch (problem.code) {
    case 'checklist_item_required':
      return tr('sales.guards.checklist_item_required', { name: checklistItemName(ctx.def, tail, lang) });
    case 'field_required':
      return tr('sales.guards.field_required', { name: fieldLabel(ctx.kind, problem.field) });
    case 'one_of_required': {
      // The API names the first field of the guard; the definition has the rest.
      const guard = ctx.def.transitions
        .flatMap((t) => t.guards ?? [])
        .find((g) => g.type === 'any_field' && g.fields[0] === problem.field);
      const fields = guard && guard.type === 'any_field' ? guard.fields : [problem.field];
      const names = fields.map((f) => `“${fieldLabel(ctx.kind, f)}”`).join(` ${tr('sales.guards.or')} `);
      return tr('sales.guards.one_of_required', { names });
    }
    case 'request_not_completed':
      return tr('sales.guards.request_not_completed', { name: requestKindLabel(tail) });
    case 'request_missing':
      return tr('sales.guards.request_missing', { name: requestKindLabel(tail) });
    case 'fact_required': {
      const stage = ctx.to ? findStage(ctx.def, ctx.to) : undefined;
      return tr('sales.guards.fact_required', { stage: stage ? stageName(stage, lang) : ctx.to ?? '' });
    }
    case 'role_not_allowed':
      return tr('sales.guards.role_not_allowed');
    case 'required':
      if (problem.field === 'loss.reason') return tr('sales.guards.loss_reason_required');
      return fieldErrorMessage(problem);
    default:
      return fieldErrorMessage(problem);
  }
}

export function GuardList({
  problems,
  def,
  kind,
  to,
  size = 'sm',
}: {
  problems: FieldError[];
  def: PipelineDefinition;
  kind: CardKind;
  to?: string;
  size?: 'xs' | 'sm';
}) {
  return (
    <List size={size} spacing={2}>
      {problems.map((p) => (
        <List.Item key={`${p.field}:${p.code}`}>{guardText(p, { def, kind, to })}</List.Item>
      ))}
    </List>
  );
}

export interface MoveContext {
  def: PipelineDefinition;
  kind: CardKind;
  card: { number: number; title: string };
  to: string;
}

/**
 * Tells the person why a move did not happen: each failed guard for a refusal, the role for a
 * 403, "someone else changed it" for a stale version, the problem's text otherwise.
 */
export function notifyMoveProblem(error: unknown, ctx: MoveContext): void {
  const lang = currentLanguage();
  const stage = findStage(ctx.def, ctx.to);
  const target = stage ? stageName(stage, lang) : ctx.to;
  const id = `move-${ctx.card.number}-${ctx.to}`;
  if (error instanceof ApiProblem && (error.code === 'transition_refused' || error.code === 'validation_failed') && error.errors.length > 0) {
    notifications.show({
      id,
      color: 'red',
      autoClose: 15_000,
      title: tr('sales.board.refused', { stage: target }),
      message: <GuardList problems={error.errors} def={ctx.def} kind={ctx.kind} to={ctx.to} />,
    });
    return;
  }
  if (error instanceof ApiProblem && error.status === 403) {
    notifications.show({ id, color: 'red', autoClose: 10_000, message: tr('sales.board.forbidden', { stage: target }) });
    return;
  }
  if (error instanceof ApiProblem && error.code === 'version_conflict') {
    notifications.show({
      id,
      color: 'orange',
      autoClose: 10_000,
      title: tr('sales.board.conflictTitle'),
      message: tr('sales.board.conflict', { number: ctx.card.number, title: ctx.card.title }),
    });
    return;
  }
  notifications.show({
    id,
    color: 'red',
    autoClose: 10_000,
    title: tr('sales.board.moveFailed', { number: ctx.card.number, title: ctx.card.title }),
    message: <Text size="sm">{problemMessage(error)}</Text>,
  });
}
