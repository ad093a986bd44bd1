import { describe, expect, it } from 'vitest';
import { absolute, formatSigned, standingOf } from './balance';
import { amountProblem, emptyEntry, entryDateProblem, entryPayload } from './entry';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('an entry', () => {
  it('reads the amount typed the Russian way', () => {
    expect(entryPayload({ ...emptyEntry('2026-05-14'), kind: 'tile_purchase', amount: '1 000,50', document: ' ТН 7 ', note: '  ' })).toEqual({
      kind: 'tile_purchase',
      on_date: '2026-05-14',
      amount: '1000.5',
      document: 'ТН 7',
      note: null,
    });
    expect(amountProblem('')).toBe('required');
    expect(amountProblem('12,345')).toBe('invalid');
    expect(amountProblem('-5')).toBe('invalid');
    expect(amountProblem('0,00')).toBe('zero');
    expect(amountProblem('1\u00a0000,5')).toBeNull();
  });

  it('takes no day after today', () => {
    expect(entryDateProblem('2026-05-14', '2026-05-14')).toBeNull();
    expect(entryDateProblem('2026-05-15', '2026-05-14')).toBe('future');
    expect(entryDateProblem('31.02.2026', '2026-05-14')).toBe('invalid');
    expect(entryDateProblem(' ', '2026-05-14')).toBe('required');
  });
});

describe('a balance', () => {
  it('tells who owes whom by its sign, from the head company’s side', () => {
    expect(standingOf('-90300.00')).toBe('weOwe');
    expect(standingOf('12.50')).toBe('owedToUs');
    expect(standingOf('0.00')).toBe('settled');
    expect(standingOf('-0.00')).toBe('settled');
  });

  it('is shown with a real minus sign', () => {
    expect(plain(formatSigned('-90300.5'))).toBe('\u221290 300,50 ₽');
    expect(plain(formatSigned('1000'))).toBe('1 000,00 ₽');
    expect(absolute('-90300.00')).toBe('90300.00');
  });
});
