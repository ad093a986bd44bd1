// The editor's working copy of a pipeline definition. Stages, checklist items, stage tasks,
// transitions and guards get stable keys, and references between them (a transition's stages, a
// guard's checklist items, a fact's task) hold keys, not codes: renaming a code or reordering
// stages never breaks a reference, and the API's error paths (`stages[3].code`) can be traced to
// the row they were about even after the admin moved it.
import type { Role } from '../../../shared/api/types';
import type {
  Due,
  Effect,
  Guard,
  PipelineDefinition,
  PipelineKind,
  RequestKind,
  Stage,
  StageKind,
  TaskAssignee,
  Transition,
} from '../api/pipelines';
import { LOST_COLOR, PALETTE, WON_COLOR } from './catalog';

/** `"*"`: a transition from any open stage. */
export const ANY_STAGE = '*';

let seq = 0;
/** Keys are `K<n>`: upper case, so never equal to a code (`^[a-z]…`), and safe in DOM ids. */
export const newKey = (): string => `K${++seq}`;

export interface DraftItem {
  key: string;
  code: string;
  name_ru: string;
  name_en: string;
  /** The code follows the Russian name until the admin types a code of their own. */
  autoCode: boolean;
}

export type DraftEffect =
  | { key: string; type: 'open_request'; request: RequestKind }
  | {
      key: string;
      type: 'create_task';
      code: string;
      title_ru: string;
      title_en: string;
      /** call | email | meeting | task (the server's default) | other */
      kind?: 'call' | 'email' | 'meeting' | 'task' | 'other';
      assignee: TaskAssignee;
      due: Due;
      carry_over?: boolean;
    };

export interface DraftStage {
  key: string;
  code: string;
  name_ru: string;
  name_en: string;
  color: string;
  group: string;
  kind: StageKind;
  stuck_after_hours: number | null;
  checklist: DraftItem[];
  on_enter: DraftEffect[];
  autoCode: boolean;
}

export type DraftGuard =
  | { key: string; type: 'roles'; roles: Role[] }
  /** Checklist item keys (or a code the pipeline does not have, kept as it was). */
  | { key: string; type: 'checklist'; items: string[] }
  | { key: string; type: 'fields'; fields: string[] }
  | { key: string; type: 'any_field'; fields: string[] }
  | { key: string; type: 'request_completed'; request: RequestKind };

export type GuardType = DraftGuard['type'];
export const GUARD_TYPES = ['roles', 'checklist', 'fields', 'any_field', 'request_completed'] as const satisfies readonly GuardType[];

/**
 * A fact in the editor: `payment_received`, `request_completed:<kind>`, or `task:<effect key>`
 * for `task_completed:<that task's code>`.
 */
export type DraftFact = string;

export interface DraftTransition {
  key: string;
  /** A stage key, or {@link ANY_STAGE}. */
  from: string;
  /** A stage key ('' until chosen). */
  to: string;
  manual: boolean;
  auto_on: DraftFact | null;
  guards: DraftGuard[];
}

export interface Draft {
  kind: PipelineKind;
  stages: DraftStage[];
  transitions: DraftTransition[];
}

const TASK_FACT = 'task_completed:';
const TASK_REF = 'task:';

/** The editor's copy of a definition (a deep copy: nothing is shared with `def`). */
export function fromDefinition(def: PipelineDefinition): Draft {
  const stageKeys = new Map<string, string>();
  const itemKeys = new Map<string, string>();
  const taskKeys = new Map<string, string>();

  const stages: DraftStage[] = def.stages.map((s) => {
    const key = newKey();
    stageKeys.set(s.code, key);
    return {
      key,
      code: s.code,
      name_ru: s.name_ru,
      name_en: s.name_en,
      color: s.color,
      group: s.group ?? '',
      kind: s.kind ?? 'open',
      stuck_after_hours: s.stuck_after_hours ?? null,
      autoCode: false,
      checklist: (s.checklist ?? []).map((i) => {
        const k = newKey();
        if (!itemKeys.has(i.code)) itemKeys.set(i.code, k);
        return { key: k, code: i.code, name_ru: i.name_ru, name_en: i.name_en, autoCode: false };
      }),
      on_enter: (s.on_enter ?? []).map((e): DraftEffect => {
        const k = newKey();
        if (e.type === 'open_request') return { key: k, type: 'open_request', request: e.request };
        if (!taskKeys.has(e.code)) taskKeys.set(e.code, k);
        return { ...structuredClone(e), key: k };
      }),
    };
  });

  const stageRef = (code: string) => (code === ANY_STAGE ? ANY_STAGE : (stageKeys.get(code) ?? code));
  const transitions: DraftTransition[] = def.transitions.map((t) => ({
    key: newKey(),
    from: stageRef(t.from),
    to: stageRef(t.to),
    manual: t.manual ?? true,
    auto_on: t.auto_on ? factRef(t.auto_on, taskKeys) : null,
    guards: (t.guards ?? []).map((g) => guardFrom(g, itemKeys)),
  }));
  return { kind: def.kind, stages, transitions };
}

function factRef(fact: string, taskKeys: Map<string, string>): DraftFact {
  if (fact.startsWith(TASK_FACT)) {
    const key = taskKeys.get(fact.slice(TASK_FACT.length));
    if (key) return `${TASK_REF}${key}`;
  }
  return fact;
}

function guardFrom(g: Guard, itemKeys: Map<string, string>): DraftGuard {
  const key = newKey();
  switch (g.type) {
    case 'roles':
      return { key, type: 'roles', roles: [...g.roles] };
    case 'checklist':
      return { key, type: 'checklist', items: g.items.map((c) => itemKeys.get(c) ?? c) };
    case 'fields':
      return { key, type: 'fields', fields: [...g.fields] };
    case 'any_field':
      return { key, type: 'any_field', fields: [...g.fields] };
    case 'request_completed':
      return { key, type: 'request_completed', request: g.request };
  }
}

/** The definition the API gets: keys turned back into codes; blanks as the API wants them. */
export function toDefinition(draft: Draft): PipelineDefinition {
  const stageCode = new Map(draft.stages.map((s) => [s.key, s.code]));
  const itemCode = new Map(draft.stages.flatMap((s) => s.checklist.map((i) => [i.key, i.code] as const)));
  const taskCode = new Map(
    draft.stages.flatMap((s) => s.on_enter.flatMap((e) => (e.type === 'create_task' ? [[e.key, e.code] as const] : []))),
  );
  const stageRef = (ref: string) => (ref === ANY_STAGE ? ANY_STAGE : (stageCode.get(ref) ?? ref));
  const fact = (f: DraftFact): string => {
    if (!f.startsWith(TASK_REF)) return f;
    const code = taskCode.get(f.slice(TASK_REF.length));
    return code === undefined ? f : `${TASK_FACT}${code}`;
  };

  return {
    kind: draft.kind,
    stages: draft.stages.map((s) => ({
      code: s.code,
      name_ru: s.name_ru,
      name_en: s.name_en,
      color: s.color,
      group: s.group.trim() ? s.group : null,
      kind: s.kind,
      stuck_after_hours: s.stuck_after_hours,
      checklist: s.checklist.map((i) => ({ code: i.code, name_ru: i.name_ru, name_en: i.name_en })),
      on_enter: s.on_enter.map((e): Effect => {
        if (e.type === 'open_request') return { type: 'open_request', request: e.request };
        const { key: _key, ...task } = e;
        return structuredClone(task);
      }),
    })),
    transitions: draft.transitions.map(
      (t): Transition => ({
        from: stageRef(t.from),
        to: stageRef(t.to),
        manual: t.manual,
        auto_on: t.auto_on ? fact(t.auto_on) : null,
        guards: t.guards.map((g): Guard => {
          switch (g.type) {
            case 'roles':
              return { type: 'roles', roles: [...g.roles] };
            case 'checklist':
              return { type: 'checklist', items: g.items.map((k) => itemCode.get(k) ?? k) };
            case 'fields':
              return { type: 'fields', fields: [...g.fields] };
            case 'any_field':
              return { type: 'any_field', fields: [...g.fields] };
            case 'request_completed':
              return { type: 'request_completed', request: g.request };
          }
        }),
      }),
    ),
  };
}

/**
 * The smallest pipeline the rules accept: where cards start, a won and a lost stage; a card goes
 * from the first to «won», and from any open stage to «lost».
 */
export function minimalDefinition(kind: PipelineKind): PipelineDefinition {
  const stage = (code: string, name_ru: string, name_en: string, color: string, stageKind: StageKind): Stage => ({
    code,
    name_ru,
    name_en,
    color,
    group: null,
    kind: stageKind,
    stuck_after_hours: null,
    checklist: [],
    on_enter: [],
  });
  const row = (from: string, to: string): Transition => ({ from, to, manual: true, auto_on: null, guards: [] });
  return {
    kind,
    stages: [
      stage('new', 'Новая', 'New', PALETTE[0], 'open'),
      stage('won', 'Успешно завершено', 'Won', WON_COLOR, 'won'),
      stage('lost', 'Отказ', 'Lost', LOST_COLOR, 'lost'),
    ],
    transitions: [row('new', 'won'), row(ANY_STAGE, 'lost')],
  };
}

/** How an editor part changes the draft: a pure update, and the input it touched (for its errors). */
export type DraftChange = (change: (d: Draft) => Draft, touched?: string) => void;
