import { describe, expect, it } from 'vitest';
import { isValidPeriod, periodFromParams, periodQuery, presetOf, presetPeriod } from './period';

// 14 May 2026, a Thursday in the second quarter.
const may14 = new Date(2026, 4, 14, 15, 30);

describe('the settlements period', () => {
  it('gives the quick choices to today, but last month whole', () => {
    expect(presetPeriod('month', may14)).toEqual({ from: '2026-05-01', to: '2026-05-14' });
    expect(presetPeriod('lastMonth', may14)).toEqual({ from: '2026-04-01', to: '2026-04-30' });
    expect(presetPeriod('quarter', may14)).toEqual({ from: '2026-04-01', to: '2026-05-14' });
    expect(presetPeriod('year', may14)).toEqual({ from: '2026-01-01', to: '2026-05-14' });
    // January's last month is last year's December; its quarter starts on 1 January.
    const jan5 = new Date(2027, 0, 5);
    expect(presetPeriod('lastMonth', jan5)).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetPeriod('quarter', jan5)).toEqual({ from: '2027-01-01', to: '2027-01-05' });
    expect(presetPeriod('quarter', new Date(2026, 11, 31))).toEqual({ from: '2026-10-01', to: '2026-12-31' });
  });

  it('knows which quick choice a period is', () => {
    expect(presetOf({ from: '2026-04-01', to: '2026-05-14' }, may14)).toBe('quarter');
    expect(presetOf({ from: '2026-04-01', to: '2026-04-30' }, may14)).toBe('lastMonth');
    expect(presetOf({ from: '2026-04-02', to: '2026-05-14' }, may14)).toBeNull();
  });

  it('reads the URL, this month to today when it says nothing or nonsense', () => {
    expect(periodFromParams(new URLSearchParams('from=2026-02-01&to=2026-02-28'), may14)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodFromParams(new URLSearchParams(''), may14)).toEqual({ from: '2026-05-01', to: '2026-05-14' });
    expect(periodFromParams(new URLSearchParams('from=2026-02-31&to=завтра'), may14)).toEqual({ from: '2026-05-01', to: '2026-05-14' });
    expect(periodQuery({ from: '2026-02-01', to: '2026-02-28' })).toBe('from=2026-02-01&to=2026-02-28');
  });

  it('refuses a period that ends before it starts', () => {
    expect(isValidPeriod({ from: '2026-02-01', to: '2026-02-01' })).toBe(true);
    expect(isValidPeriod({ from: '2026-02-02', to: '2026-02-01' })).toBe(false);
    expect(isValidPeriod({ from: '01.02.2026', to: '2026-02-01' })).toBe(false);
  });
});
