import { describe, expect, it } from 'vitest';
import { countOutcomes, filterLines, lineOutcome, newMoney, pageOf } from './statement';

const auto = { kind: 'auto', reasons: [], suggestions: [] };
const unmatched = { kind: 'unmatched', reasons: [], suggestions: [] };
const line = (state: string, direction: string, matching: typeof auto | null, amount = '100.00') => ({ state, direction, matching, amount });

describe('statement lines', () => {
  it('say what the import does with each', () => {
    expect(lineOutcome(line('duplicate', 'incoming', auto))).toBe('duplicate');
    expect(lineOutcome(line('new', 'outgoing', null))).toBe('outgoing');
    expect(lineOutcome(line('new', 'incoming', auto))).toBe('auto');
    expect(lineOutcome(line('new', 'incoming', unmatched))).toBe('unmatched');
    expect(lineOutcome(line('new', 'incoming', null))).toBe('unmatched');
  });

  it('are filtered and counted by outcome', () => {
    const lines = [line('new', 'incoming', auto), line('new', 'incoming', unmatched), line('new', 'outgoing', null), line('duplicate', 'incoming', auto)];
    expect(filterLines(lines, 'all')).toHaveLength(4);
    expect(filterLines(lines, 'auto')).toEqual([lines[0]]);
    expect(countOutcomes(lines)).toEqual({ all: 4, auto: 1, unmatched: 1, outgoing: 1, duplicate: 1 });
  });

  it('are shown a hundred at a time', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => i);
    expect(pageOf(many, 1)).toMatchObject({ pages: 100, page: 1 });
    expect(pageOf(many, 1).items).toHaveLength(100);
    expect(pageOf(many, 100).items.at(-1)).toBe(9_999);
    expect(pageOf(many, 500).page).toBe(100); // clamped when the filter leaves fewer pages
    expect(pageOf([], 3)).toEqual({ pages: 1, page: 1, items: [] });
  });

  it('add up the money of the new lines only', () => {
    const lines = [
      line('new', 'incoming', auto, '825000.00'),
      line('new', 'incoming', unmatched, '0.10'),
      line('duplicate', 'incoming', auto, '999.00'),
      line('new', 'outgoing', null, '240000.00'),
      line('new', 'outgoing', null, '18500.20'),
    ];
    expect(newMoney(lines)).toEqual({ incoming: '825000.10', outgoing: '258500.20' });
  });
});
