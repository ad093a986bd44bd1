import { formatRuDate, isIsoDate, isIsoDateTime, parseRuDate, parseRuDateTime } from './parse';

describe('dates typed the Russian way', () => {
  it('reads дд.мм.гггг and its usual variants as YYYY-MM-DD', () => {
    expect(parseRuDate('01.02.2026')).toBe('2026-02-01');
    expect(parseRuDate(' 1.2.2026 ')).toBe('2026-02-01');
    expect(parseRuDate('01.02.26')).toBe('2026-02-01');
    expect(parseRuDate('01022026')).toBe('2026-02-01');
    expect(parseRuDate('29/02/2028')).toBe('2028-02-29');
    expect(parseRuDate('2026-02-01')).toBe('2026-02-01');
  });

  it('refuses what is not a real day', () => {
    for (const wrong of ['31.02.2026', '29.02.2027', '00.01.2026', '12.13.2026', '1.2', 'завтра', '2026-02-30', ''])
      expect(parseRuDate(wrong)).toBeNull();
  });

  it('reads a date with a 24-hour time', () => {
    expect(parseRuDateTime('05.12.2026 9:30')).toBe('2026-12-05T09:30');
    expect(parseRuDateTime('05.12.2026 18:05')).toBe('2026-12-05T18:05');
    expect(parseRuDateTime('2026-12-05 18:05:00')).toBe('2026-12-05T18:05');
    expect(parseRuDateTime('05.12.2026 24:00')).toBeNull();
    expect(parseRuDateTime('05.12.2026')).toBeNull();
  });

  it('checks stored values and writes them back', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDateTime('2026-02-28T23:59')).toBe(true);
    expect(isIsoDateTime('2026-02-28T24:00')).toBe(false);
    expect(formatRuDate('2026-02-01')).toBe('01.02.2026');
  });
});
