import { describe, expect, it } from 'vitest';
import { ANY_STAGE, fromDefinition, minimalDefinition, toDefinition } from './draft';
import { sample } from './fixtures.test-util';

describe('fromDefinition / toDefinition', () => {
  it('round-trips a definition unchanged', () => {
    expect(toDefinition(fromDefinition(sample()))).toEqual(sample());
  });

  it('keeps a task marked to carry over its stage', () => {
    const def = sample();
    const task = def.stages[0]!.on_enter![1]!;
    if (task.type === 'create_task') task.carry_over = true;
    expect(toDefinition(fromDefinition(def)).stages[0]!.on_enter![1]).toMatchObject({ type: 'create_task', carry_over: true });
  });

  it('refers to stages, items and tasks by key, so renaming a code follows everywhere', () => {
    const draft = fromDefinition(sample());
    const [first, second] = draft.stages;
    const t0 = draft.transitions[0]!;
    expect(t0.from).toBe(first!.key);
    expect(t0.to).toBe(second!.key);
    expect(t0.auto_on).toBe(`task:${first!.on_enter[1]!.key}`);
    expect(draft.transitions[2]!.from).toBe(ANY_STAGE);

    first!.code = 'offer';
    first!.checklist[0]!.code = 'client_called';
    const task = first!.on_enter[1]!;
    if (task.type === 'create_task') task.code = 'offer_ready';
    const def = toDefinition(draft);
    expect(def.transitions[0]).toMatchObject({
      from: 'offer',
      to: 'offer_sent',
      auto_on: 'task_completed:offer_ready',
      guards: [{ type: 'checklist', items: ['client_called'] }, { type: 'fields', fields: ['expected_revenue'] }],
    });
  });

  it('gives every row its own key', () => {
    const draft = fromDefinition(sample());
    const keys = [
      ...draft.stages.map((s) => s.key),
      ...draft.stages.flatMap((s) => s.checklist.map((i) => i.key)),
      ...draft.stages.flatMap((s) => s.on_enter.map((e) => e.key)),
      ...draft.transitions.map((t) => t.key),
      ...draft.transitions.flatMap((t) => t.guards.map((g) => g.key)),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((k) => /^K\d+$/.test(k))).toBe(true);
  });

  it('keeps references it cannot resolve as they were', () => {
    const def = sample();
    def.transitions[0]!.to = 'nowhere';
    def.transitions[0]!.guards = [{ type: 'checklist', items: ['ghost'] }];
    def.transitions[1]!.auto_on = 'task_completed:ghost_task';
    expect(toDefinition(fromDefinition(def)).transitions.slice(0, 2)).toEqual(def.transitions.slice(0, 2));
  });

  it('sends a blank group as null', () => {
    const draft = fromDefinition(sample());
    draft.stages[0]!.group = '  ';
    expect(toDefinition(draft).stages[0]!.group).toBeNull();
  });

  it('copies: editing the draft never touches the source definition', () => {
    const source = sample();
    const draft = fromDefinition(source);
    draft.stages[0]!.name_ru = 'Другое';
    const task = draft.stages[0]!.on_enter[1]!;
    if (task.type === 'create_task') task.due = { type: 'in_hours', hours: 1 };
    expect(source).toEqual(sample());
  });
});

describe('minimalDefinition', () => {
  it('has where cards start, a won and a lost stage, and a way to each', () => {
    const def = minimalDefinition('deal');
    expect(def.kind).toBe('deal');
    expect(def.stages.map((s) => [s.code, s.kind])).toEqual([
      ['new', 'open'],
      ['won', 'won'],
      ['lost', 'lost'],
    ]);
    expect(def.transitions.map((t) => `${t.from}→${t.to}`)).toEqual(['new→won', '*→lost']);
    expect(def.stages.every((s) => /^#[0-9a-f]{6}$/i.test(s.color))).toBe(true);
  });

  it('serves lead pipelines too', () => {
    expect(minimalDefinition('lead').kind).toBe('lead');
    expect(toDefinition(fromDefinition(minimalDefinition('lead')))).toEqual(minimalDefinition('lead'));
  });
});
