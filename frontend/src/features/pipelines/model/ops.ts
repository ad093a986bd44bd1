// Edits of the working copy. Each returns a new draft; removing something also removes what
// referred to it (a stage's transitions, an item from the guards, a task's fact), so the editor
// never leaves a dangling reference behind.
import { LOST_COLOR, PALETTE, WON_COLOR } from './catalog';
import {
  ANY_STAGE,
  newKey,
  type Draft,
  type DraftEffect,
  type DraftGuard,
  type DraftItem,
  type DraftStage,
  type DraftTransition,
  type GuardType,
} from './draft';

const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** A code from a name: «Замер на объекте» → `zamer_na_obekte` (at most 40 characters, starts with a letter). */
export function slugify(name: string): string {
  const latin = [...name.toLowerCase()].map((c) => TRANSLIT[c] ?? c).join('');
  let code = latin.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (code && !/^[a-z]/.test(code)) code = `s_${code}`;
  return code.slice(0, 40).replace(/_+$/, '');
}

/** `base`, or `base_2`, `base_3`… — the first not in `taken`. */
export function uniqueCode(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = `${base.slice(0, 40 - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

const stageCodes = (d: Draft, except?: string) => new Set(d.stages.filter((s) => s.key !== except).map((s) => s.code));
const itemCodes = (d: Draft, except?: string) =>
  new Set(d.stages.flatMap((s) => s.checklist.filter((i) => i.key !== except).map((i) => i.code)));
const taskCodes = (d: Draft, except?: string) =>
  new Set(d.stages.flatMap((s) => s.on_enter.flatMap((e) => (e.type === 'create_task' && e.key !== except ? [e.code] : []))));

const mapStage = (d: Draft, key: string, f: (s: DraftStage) => DraftStage): Draft => ({
  ...d,
  stages: d.stages.map((s) => (s.key === key ? f(s) : s)),
});

// ---------- stages ----------

/** A new open stage, placed before the closed ones (where work in progress belongs). */
export function addStage(d: Draft, key = newKey()): { draft: Draft; key: string } {
  const open = d.stages.filter((s) => s.kind === 'open').length;
  const stage: DraftStage = {
    key,
    code: '',
    name_ru: '',
    name_en: '',
    color: PALETTE[open % PALETTE.length]!,
    group: '',
    kind: 'open',
    stuck_after_hours: null,
    checklist: [],
    on_enter: [],
    autoCode: true,
  };
  const at = d.stages.findIndex((s, i) => i > 0 && s.kind !== 'open');
  const stages = [...d.stages];
  stages.splice(at === -1 ? stages.length : at, 0, stage);
  return { draft: { ...d, stages }, key };
}

export type StagePatch = Partial<Omit<DraftStage, 'key' | 'checklist' | 'on_enter' | 'autoCode'>>;

/** Changes a stage; its code follows the Russian name until the admin types a code. */
export function updateStage(d: Draft, key: string, patch: StagePatch): Draft {
  return mapStage(d, key, (s) => {
    const next: DraftStage = { ...s, ...patch };
    if (patch.code !== undefined) next.autoCode = false;
    else if (patch.name_ru !== undefined && s.autoCode) next.code = uniqueCode(slugify(patch.name_ru), stageCodes(d, key));
    // A won or lost stage gets the closing colours unless the admin picked one.
    if (patch.kind && patch.kind !== s.kind && patch.color === undefined && (PALETTE as readonly string[]).concat(WON_COLOR, LOST_COLOR).includes(s.color)) {
      next.color = patch.kind === 'won' ? WON_COLOR : patch.kind === 'lost' ? LOST_COLOR : s.color;
    }
    return next;
  });
}

/** Transitions that name the stage (removed with it). */
export function transitionsOfStage(d: Draft, key: string): DraftTransition[] {
  return d.transitions.filter((t) => t.from === key || t.to === key);
}

export function removeStage(d: Draft, key: string): Draft {
  const stage = d.stages.find((s) => s.key === key);
  if (!stage) return d;
  let next: Draft = {
    ...d,
    stages: d.stages.filter((s) => s.key !== key),
    transitions: d.transitions.filter((t) => t.from !== key && t.to !== key),
  };
  for (const item of stage.checklist) next = dropItemRefs(next, item.key);
  for (const effect of stage.on_enter) next = dropTaskRefs(next, effect.key);
  return next;
}

/** Moves a stage up (-1) or down (+1) in board order. */
export function moveStage(d: Draft, key: string, delta: -1 | 1): Draft {
  const i = d.stages.findIndex((s) => s.key === key);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= d.stages.length) return d;
  const stages = [...d.stages];
  [stages[i], stages[j]] = [stages[j]!, stages[i]!];
  return { ...d, stages };
}

// ---------- checklist items ----------

export function addItem(d: Draft, stageKey: string, key = newKey()): { draft: Draft; key: string } {
  const item: DraftItem = { key, code: '', name_ru: '', name_en: '', autoCode: true };
  return { draft: mapStage(d, stageKey, (s) => ({ ...s, checklist: [...s.checklist, item] })), key };
}

export function updateItem(d: Draft, stageKey: string, itemKey: string, patch: Partial<Pick<DraftItem, 'code' | 'name_ru' | 'name_en'>>): Draft {
  return mapStage(d, stageKey, (s) => ({
    ...s,
    checklist: s.checklist.map((i) => {
      if (i.key !== itemKey) return i;
      const next = { ...i, ...patch };
      if (patch.code !== undefined) next.autoCode = false;
      else if (patch.name_ru !== undefined && i.autoCode) next.code = uniqueCode(slugify(patch.name_ru), itemCodes(d, itemKey));
      return next;
    }),
  }));
}

export function removeItem(d: Draft, stageKey: string, itemKey: string): Draft {
  return dropItemRefs(
    mapStage(d, stageKey, (s) => ({ ...s, checklist: s.checklist.filter((i) => i.key !== itemKey) })),
    itemKey,
  );
}

/** Takes an item out of every checklist guard (a guard left with nothing is removed). */
function dropItemRefs(d: Draft, itemKey: string): Draft {
  return {
    ...d,
    transitions: d.transitions.map((t) => ({
      ...t,
      guards: t.guards.flatMap((g): DraftGuard[] => {
        if (g.type !== 'checklist' || !g.items.includes(itemKey)) return [g];
        const items = g.items.filter((k) => k !== itemKey);
        return items.length ? [{ ...g, items }] : [];
      }),
    })),
  };
}

// ---------- what entering a stage does ----------

export function addEffect(d: Draft, stageKey: string, type: DraftEffect['type'], key = newKey()): Draft {
  const effect: DraftEffect =
    type === 'open_request'
      ? { key, type, request: 'delivery_cost' }
      : {
          key,
          type,
          code: uniqueCode('task', taskCodes(d)),
          title_ru: '',
          title_en: '',
          assignee: { type: 'responsible' },
          due: { type: 'in_hours', hours: 24 },
        };
  return mapStage(d, stageKey, (s) => ({ ...s, on_enter: [...s.on_enter, effect] }));
}

export function updateEffect(d: Draft, stageKey: string, effectKey: string, change: (e: DraftEffect) => DraftEffect): Draft {
  return mapStage(d, stageKey, (s) => ({ ...s, on_enter: s.on_enter.map((e) => (e.key === effectKey ? change(e) : e)) }));
}

export function removeEffect(d: Draft, stageKey: string, effectKey: string): Draft {
  return dropTaskRefs(
    mapStage(d, stageKey, (s) => ({ ...s, on_enter: s.on_enter.filter((e) => e.key !== effectKey) })),
    effectKey,
  );
}

/** A transition that waited for a removed task becomes a manual one. */
function dropTaskRefs(d: Draft, effectKey: string): Draft {
  const ref = `task:${effectKey}`;
  return {
    ...d,
    transitions: d.transitions.map((t) => (t.auto_on === ref ? { ...t, auto_on: null, manual: true } : t)),
  };
}

// ---------- transitions and guards ----------

export function addTransition(d: Draft, key = newKey()): { draft: Draft; key: string } {
  const from = d.stages.find((s) => s.kind === 'open')?.key ?? ANY_STAGE;
  const t: DraftTransition = { key, from, to: '', manual: true, auto_on: null, guards: [] };
  return { draft: { ...d, transitions: [...d.transitions, t] }, key };
}

export function updateTransition(d: Draft, key: string, patch: Partial<Omit<DraftTransition, 'key' | 'guards'>>): Draft {
  return { ...d, transitions: d.transitions.map((t) => (t.key === key ? { ...t, ...patch } : t)) };
}

export function removeTransition(d: Draft, key: string): Draft {
  return { ...d, transitions: d.transitions.filter((t) => t.key !== key) };
}

export function addGuard(d: Draft, transitionKey: string, type: GuardType, key = newKey()): { draft: Draft; key: string } {
  const guard: DraftGuard =
    type === 'roles'
      ? { key, type, roles: [] }
      : type === 'checklist'
        ? { key, type, items: [] }
        : type === 'request_completed'
          ? { key, type, request: 'delivery_cost' }
          : { key, type, fields: [] };
  return {
    draft: { ...d, transitions: d.transitions.map((t) => (t.key === transitionKey ? { ...t, guards: [...t.guards, guard] } : t)) },
    key,
  };
}

export function updateGuard(d: Draft, transitionKey: string, guard: DraftGuard): Draft {
  return {
    ...d,
    transitions: d.transitions.map((t) =>
      t.key === transitionKey ? { ...t, guards: t.guards.map((g) => (g.key === guard.key ? guard : g)) } : t,
    ),
  };
}

export function removeGuard(d: Draft, transitionKey: string, guardKey: string): Draft {
  return {
    ...d,
    transitions: d.transitions.map((t) => (t.key === transitionKey ? { ...t, guards: t.guards.filter((g) => g.key !== guardKey) } : t)),
  };
}
