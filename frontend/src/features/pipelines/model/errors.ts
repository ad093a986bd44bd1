// Puts each problem the API found in a definition next to the input it is about. The API names
// places by index into the definition it was sent (`definition.stages[3].code`,
// `definition.transitions[2].guards[0].items[1]`); the draft that was sent turns each index into
// the key of its row, so the message stays with its stage even if the admin then reorders them.
import type { FieldError } from '../../../shared/api/problem';
import type { Draft } from './draft';

/** Where a problem is, for the list at the top of the editor. */
export type ErrorPlace =
  | { type: 'pipeline' }
  | { type: 'stage'; key: string; index: number; name: string }
  | { type: 'transition'; key: string; index: number };

export interface PlacedError {
  /** The DOM id of the input (or row) the message is shown at. */
  id: string;
  /** Which input, for the list: `code`, `checklist.name_ru`, `guard`, `effect.due_hours`, … (null: the row). */
  field: string | null;
  place: ErrorPlace;
  /** The stage whose details (checklist, effects) must be open to show it. */
  detailsOf: string | null;
  path: string;
  code: string;
  message: string;
}

export interface MappedErrors {
  /** DOM id → messages. */
  byId: Record<string, string[]>;
  /** Every problem in the order the API gave them. */
  list: PlacedError[];
}

export const PIPELINE_FIELDS = ['code', 'name_ru', 'name_en'] as const;
export const STAGE_FIELDS = ['code', 'name_ru', 'name_en', 'color', 'group', 'kind', 'stuck_after_hours'] as const;
export const TRANSITION_FIELDS = ['from', 'to', 'manual', 'auto_on'] as const;
export const ITEM_FIELDS = ['code', 'name_ru', 'name_en'] as const;

/** DOM ids of the editor's inputs, shared by the editor and the mapping. */
export const ids = {
  pipeline: (field: string) => `pipeline-${field}`,
  general: 'pipeline-definition',
  stage: (key: string) => `stage-${key}`,
  stageField: (key: string, field: string) => `stage-${key}-${field}`,
  item: (key: string, field: string) => `item-${key}-${field}`,
  effect: (key: string, field: string) => `effect-${key}-${field}`,
  transition: (key: string) => `transition-${key}`,
  transitionField: (key: string, field: string) => `transition-${key}-${field}`,
  guard: (key: string) => `guard-${key}`,
};

interface Segment {
  name: string;
  index?: number;
}

/** `stages[3].checklist[0].code` → [{stages, 3}, {checklist, 0}, {code}]. */
export function parsePath(path: string): Segment[] {
  if (!path) return [];
  return path.split('.').map((part) => {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return { name: part };
    const indexes = [...m[2]!.matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]));
    return indexes.length ? { name: m[1]!, index: indexes[0] } : { name: m[1]! };
  });
}

const includes = (list: readonly string[], v: string | undefined): v is string => v !== undefined && list.includes(v);

type Located = Pick<PlacedError, 'id' | 'field' | 'place' | 'detailsOf'>;

function locate(path: string, draft: Draft): Located {
  const general: Located = { id: ids.general, field: null, place: { type: 'pipeline' }, detailsOf: null };
  const segs = parsePath(path);
  if (segs[0]?.name !== 'definition') {
    const field = segs.length === 1 ? segs[0]!.name : undefined;
    return includes(PIPELINE_FIELDS, field) ? { ...general, id: ids.pipeline(field), field } : general;
  }
  const [head, ...rest] = segs.slice(1);
  if (!head || head.index === undefined) return general;

  if (head.name === 'stages') {
    const stage = draft.stages[head.index];
    if (!stage) return general;
    const place: ErrorPlace = { type: 'stage', key: stage.key, index: head.index, name: stage.name_ru || stage.code };
    const row: Located = { id: ids.stage(stage.key), field: null, place, detailsOf: null };
    const [part, ...more] = rest;
    if (!part) return row;
    if (part.name === 'checklist') {
      const item = part.index !== undefined ? stage.checklist[part.index] : undefined;
      if (!item) return { ...row, id: ids.stageField(stage.key, 'checklist'), field: 'checklist', detailsOf: stage.key };
      const f = includes(ITEM_FIELDS, more[0]?.name) ? more[0]!.name : 'code';
      return { ...row, id: ids.item(item.key, f), field: `checklist.${f}`, detailsOf: stage.key };
    }
    if (part.name === 'on_enter') {
      const effect = part.index !== undefined ? stage.on_enter[part.index] : undefined;
      if (!effect) return { ...row, id: ids.stageField(stage.key, 'on_enter'), field: 'on_enter', detailsOf: stage.key };
      let f = more.map((s) => s.name).join('_') || (effect.type === 'open_request' ? 'request' : 'code');
      if (f.startsWith('assignee')) f = 'assignee';
      if (f === 'due' || f === 'due_type') f = effect.type === 'create_task' && effect.due.type === 'days_before_field' ? 'due_field' : 'due_hours';
      return { ...row, id: ids.effect(effect.key, f), field: `effect.${f}`, detailsOf: stage.key };
    }
    if (includes(STAGE_FIELDS, part.name)) return { ...row, id: ids.stageField(stage.key, part.name), field: part.name };
    return row;
  }

  if (head.name === 'transitions') {
    const t = draft.transitions[head.index];
    if (!t) return general;
    const place: ErrorPlace = { type: 'transition', key: t.key, index: head.index };
    const row: Located = { id: ids.transition(t.key), field: null, place, detailsOf: null };
    const [part] = rest;
    if (!part) return row;
    if (part.name === 'guards') {
      const guard = part.index !== undefined ? t.guards[part.index] : undefined;
      return guard ? { ...row, id: ids.guard(guard.key), field: 'guard' } : row;
    }
    if (includes(TRANSITION_FIELDS, part.name)) return { ...row, id: ids.transitionField(t.key, part.name), field: part.name };
    return row;
  }
  return general;
}

/**
 * Places the API's errors on the draft that was sent. `message` turns an error into text
 * (the server's Russian message, or a translation).
 */
export function mapDefinitionErrors(
  errors: readonly FieldError[],
  sent: Draft,
  message: (e: FieldError) => string = (e) => e.message || e.code,
): MappedErrors {
  const byId: Record<string, string[]> = {};
  const list: PlacedError[] = [];
  for (const e of errors) {
    const at = locate(e.field, sent);
    const text = message(e);
    (byId[at.id] ??= []).push(text);
    list.push({ ...at, path: e.field, code: e.code, message: text });
  }
  return { byId, list };
}

/** The errors without those shown at `id` (the admin has just edited that input). */
export function withoutId(errors: MappedErrors, id: string): MappedErrors {
  if (!errors.byId[id]) return errors;
  const { [id]: _gone, ...byId } = errors.byId;
  return { byId, list: errors.list.filter((e) => e.id !== id) };
}
