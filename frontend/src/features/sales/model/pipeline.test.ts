import { describe, expect, it } from 'vitest';
import type { PipelineDefinition } from '../api/sales';
import { boardOf, leadDefinition } from './fixtures';
import { boardAfterMove, canDrop, checklistItemName, checklistStages, dropTargets, groupRuns, groupTotals, columnWidth } from './pipeline';

describe('dropTargets', () => {
  it('are the stages a transition row leads to from the card’s stage, in board order', () => {
    expect(dropTargets(leadDefinition, 'received')).toEqual(['in_work', 'lost']);
    expect(dropTargets(leadDefinition, 'in_work')).toEqual(['surveyed', 'lost']);
    expect(dropTargets(leadDefinition, 'surveyed')).toEqual(['converted', 'lost']);
  });

  it('take "*" rows from open stages only: a closed card goes nowhere', () => {
    expect(dropTargets(leadDefinition, 'converted')).toEqual([]);
    expect(dropTargets(leadDefinition, 'lost')).toEqual([]);
  });

  it('include rows moved by a recorded fact: the server explains its refusal', () => {
    const def: PipelineDefinition = {
      ...leadDefinition,
      transitions: [...leadDefinition.transitions, { from: 'surveyed', to: 'in_work', manual: false, auto_on: 'payment_received', guards: [] }],
    };
    expect(dropTargets(def, 'surveyed')).toEqual(['in_work', 'converted', 'lost']);
  });

  it('never offer the card’s own stage, nor an unknown stage', () => {
    const def: PipelineDefinition = {
      ...leadDefinition,
      transitions: [{ from: '*', to: 'received', manual: true, guards: [] }],
    };
    expect(dropTargets(def, 'received')).toEqual([]);
    expect(dropTargets(def, 'in_work')).toEqual(['received']);
    expect(dropTargets(def, 'nope')).toEqual([]);
  });

  it('work for a pipeline an admin defined', () => {
    const def: PipelineDefinition = {
      kind: 'deal',
      stages: [
        { code: 'a', name_ru: 'А', name_en: 'A', color: '#000000', kind: 'open' },
        { code: 'b', name_ru: 'Б', name_en: 'B', color: '#000000', kind: 'open' },
        { code: 'c', name_ru: 'В', name_en: 'C', color: '#000000', kind: 'open' },
        { code: 'won', name_ru: 'Успех', name_en: 'Won', color: '#000000', kind: 'won' },
      ],
      transitions: [
        { from: 'a', to: 'c', manual: true, guards: [] },
        { from: 'a', to: 'b', manual: true, guards: [] },
        { from: '*', to: 'won', manual: true, guards: [] },
      ],
    };
    expect(dropTargets(def, 'a')).toEqual(['b', 'c', 'won']);
    expect(canDrop(def, 'b', 'won')).toBe(true);
    expect(canDrop(def, 'b', 'a')).toBe(false);
  });
});

describe('groupRuns', () => {
  it('puts consecutive stages of one group under one label', () => {
    const runs = groupRuns(leadDefinition.stages);
    expect(runs.map((r) => [r.group, r.stages.map((s) => s.code)])).toEqual([
      ['Лид', ['received', 'in_work', 'surveyed']],
      [null, ['converted', 'lost']],
    ]);
  });

  it('starts a new run when a group comes back after another', () => {
    const s = leadDefinition.stages;
    const runs = groupRuns([s[0]!, { ...s[1]!, group: 'Другое' }, s[2]!]);
    expect(runs.map((r) => r.group)).toEqual(['Лид', 'Другое', 'Лид']);
  });
});

describe('checklist', () => {
  it('lists the stages that have one and names items by language', () => {
    expect(checklistStages(leadDefinition).map((s) => s.code)).toEqual(['in_work']);
    expect(checklistItemName(leadDefinition, 'named_price_range', 'ru')).toBe('Озвучил вилку цен');
    expect(checklistItemName(leadDefinition, 'named_price_range', 'en')).toBe('Named the price range');
    expect(checklistItemName(leadDefinition, 'unknown', 'ru')).toBe('unknown');
  });
});

describe('boardAfterMove', () => {
  const board = boardOf(leadDefinition, {
    received: [{ id: 'x', revenue: '125000.50' }, { id: 'y', revenue: '0.70' }],
    in_work: [{ id: 'z', revenue: '1000.00' }],
  });

  it('moves the card to the head of the target column and keeps counts and sums in kopecks', () => {
    const next = boardAfterMove(board, leadDefinition, 'y', 'in_work')!;
    const col = (code: string) => next.columns.find((c) => c.stage === code)!;
    expect(col('received')).toMatchObject({ count: 1, sum: '125000.50' });
    expect(col('received').cards.map((c) => c.id)).toEqual(['x']);
    expect(col('in_work')).toMatchObject({ count: 2, sum: '1000.70' });
    expect(col('in_work').cards.map((c) => c.id)).toEqual(['y', 'z']);
    expect(col('in_work').cards[0]).toMatchObject({ stage: 'in_work', stuck: false, stage_name: 'Заявка принята в обработку' });
  });

  it('is null when there is nothing to move', () => {
    expect(boardAfterMove(board, leadDefinition, 'nope', 'in_work')).toBeNull();
    expect(boardAfterMove(board, leadDefinition, 'x', 'received')).toBeNull();
    expect(boardAfterMove(board, leadDefinition, 'x', 'unknown')).toBeNull();
  });
});

describe('groupTotals', () => {
  it('counts and sums a collapsed group’s stages to the kopeck', () => {
    const col = (count: number, sum: string) => ({ stage: 's', count, sum, cards: [] });
    expect(groupTotals([col(2, '0.10'), undefined, col(1, '0.20'), col(0, '0.00')])).toEqual({ count: 3, sum: '0.30' });
    expect(groupTotals([col(1, '125000.50'), col(4, '0.55')])).toEqual({ count: 5, sum: '125001.05' });
  });
});

describe('columnWidth', () => {
  it('keeps full columns while they fit, narrows them to fit the screen down to a minimum, else scrolls', () => {
    expect(columnWidth(1200, 4)).toBe(272);
    expect(columnWidth(1200, 7)).toBe(157);
    expect(columnWidth(1200, 22)).toBe(272);
    expect(columnWidth(0, 7)).toBe(272);
  });
});
