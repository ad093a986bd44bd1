import { describe, expect, it } from 'vitest';
import { fromDefinition, toDefinition } from './draft';
import { sample } from './fixtures.test-util';
import {
  addEffect,
  addGuard,
  addItem,
  addStage,
  addTransition,
  moveStage,
  removeEffect,
  removeItem,
  removeStage,
  slugify,
  transitionsOfStage,
  uniqueCode,
  updateItem,
  updateStage,
} from './ops';

describe('slugify and uniqueCode', () => {
  it('makes a code of a Russian name', () => {
    expect(slugify('Замер на объекте')).toBe('zamer_na_obekte');
    expect(slugify('КП отправлено!')).toBe('kp_otpravleno');
    expect(slugify('1-й звонок')).toBe('s_1_i_zvonok');
    expect(slugify('  ')).toBe('');
    expect(slugify('Щ'.repeat(50)).length).toBeLessThanOrEqual(40);
  });

  it('numbers a taken code', () => {
    expect(uniqueCode('won', new Set(['won', 'won_2']))).toBe('won_3');
    expect(uniqueCode('new', new Set())).toBe('new');
  });
});

describe('stages', () => {
  it('adds a new open stage before the closed ones', () => {
    const { draft, key } = addStage(fromDefinition(sample()));
    expect(draft.stages.map((s) => s.code)).toEqual(['offer_task', 'offer_sent', '', 'won', 'lost']);
    expect(draft.stages[2]!.key).toBe(key);
  });

  it('derives the code from the Russian name until a code is typed', () => {
    let { draft, key } = addStage(fromDefinition(sample()));
    draft = updateStage(draft, key, { name_ru: 'КП отправлено' });
    expect(draft.stages.find((s) => s.key === key)!.code).toBe('kp_otpravleno');
    draft = updateStage(draft, key, { code: 'measure' });
    draft = updateStage(draft, key, { name_ru: 'Замер' });
    expect(draft.stages.find((s) => s.key === key)!.code).toBe('measure');
  });

  it('does not rename a loaded stage when its name changes', () => {
    const d = fromDefinition(sample());
    const next = updateStage(d, d.stages[0]!.key, { name_ru: 'Новое имя' });
    expect(next.stages[0]!.code).toBe('offer_task');
  });

  it('removes a stage with its transitions, its items from guards and the facts of its tasks', () => {
    const d = fromDefinition(sample());
    const first = d.stages[0]!.key;
    expect(transitionsOfStage(d, first)).toHaveLength(1);
    const def = toDefinition(removeStage(d, first));
    expect(def.stages.map((s) => s.code)).toEqual(['offer_sent', 'won', 'lost']);
    expect(def.transitions.map((t) => `${t.from}→${t.to}`)).toEqual(['offer_sent→won', '*→lost']);
  });

  it('reorders stages and keeps transitions pointing at the same stages', () => {
    const d = fromDefinition(sample());
    const moved = moveStage(d, d.stages[1]!.key, -1);
    const def = toDefinition(moved);
    expect(def.stages.map((s) => s.code).slice(0, 2)).toEqual(['offer_sent', 'offer_task']);
    expect(def.transitions[0]).toMatchObject({ from: 'offer_task', to: 'offer_sent' });
    expect(moveStage(d, d.stages[0]!.key, -1)).toBe(d);
  });
});

describe('checklist items, effects and guards', () => {
  it('adds an item whose code follows its name, unique across the pipeline', () => {
    const d = fromDefinition(sample());
    const stage = d.stages[1]!.key;
    let { draft, key } = addItem(d, stage);
    draft = updateItem(draft, stage, key, { name_ru: 'Позвонил' });
    expect(draft.stages[1]!.checklist[0]!.code).toBe('pozvonil');
    draft = updateItem(draft, stage, key, { code: 'called' });
    expect(draft.stages[1]!.checklist[0]!.code).toBe('called');
  });

  it('takes a removed item out of the guards, dropping a guard left empty', () => {
    const d = fromDefinition(sample());
    const stage = d.stages[0]!;
    const def = toDefinition(removeItem(d, stage.key, stage.checklist[0]!.key));
    expect(def.transitions[0]!.guards).toEqual([{ type: 'fields', fields: ['expected_revenue'] }]);
  });

  it('makes a transition manual when the task it waited for is removed', () => {
    const d = fromDefinition(sample());
    const stage = d.stages[0]!;
    const def = toDefinition(removeEffect(d, stage.key, stage.on_enter[1]!.key));
    expect(def.transitions[0]).toMatchObject({ manual: true, auto_on: null });
  });

  it('adds a stage task with a unique code and a default due time', () => {
    const d = fromDefinition(sample());
    const next = addEffect(addEffect(d, d.stages[1]!.key, 'create_task'), d.stages[1]!.key, 'create_task');
    expect(toDefinition(next).stages[1]!.on_enter).toMatchObject([
      { type: 'create_task', code: 'task', assignee: { type: 'responsible' }, due: { type: 'in_hours', hours: 24 } },
      { type: 'create_task', code: 'task_2' },
    ]);
  });

  it('adds transitions and guards', () => {
    const d = fromDefinition(sample());
    const { draft, key } = addTransition(d);
    const { draft: withGuard } = addGuard(draft, key, 'roles');
    const def = toDefinition(withGuard);
    expect(def.transitions.at(-1)).toEqual({ from: 'offer_task', to: '', manual: true, auto_on: null, guards: [{ type: 'roles', roles: [] }] });
  });
});
