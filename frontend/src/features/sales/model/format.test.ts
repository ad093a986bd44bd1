import { describe, expect, it } from 'vitest';
import { formatDuration, secondsSince } from './format';

const ru = { lessThanMinute: 'меньше минуты', min: 'мин', h: 'ч', d: 'дн.' };
const en = { lessThanMinute: 'under a minute', min: 'min', h: 'h', d: 'd' };

describe('formatDuration', () => {
  it('says short times in minutes', () => {
    expect(formatDuration(0, ru)).toBe('меньше минуты');
    expect(formatDuration(59, ru)).toBe('меньше минуты');
    expect(formatDuration(60, ru)).toBe('1 мин');
    expect(formatDuration(45 * 60 + 30, ru)).toBe('45 мин');
  });

  it('uses the two largest units', () => {
    expect(formatDuration(3600, ru)).toBe('1 ч');
    expect(formatDuration(3 * 3600 + 15 * 60, ru)).toBe('3 ч 15 мин');
    expect(formatDuration(86400, ru)).toBe('1 дн.');
    expect(formatDuration(2 * 86400 + 4 * 3600 + 59 * 60, ru)).toBe('2 дн. 4 ч');
  });

  it('speaks English too and never goes negative', () => {
    expect(formatDuration(2 * 86400 + 3600, en)).toBe('2 d 1 h');
    expect(formatDuration(90 * 60, en)).toBe('1 h 30 min');
    expect(formatDuration(-5, en)).toBe('under a minute');
  });
});

describe('secondsSince', () => {
  it('counts from the ISO time to now', () => {
    expect(secondsSince('2026-01-01T00:00:00Z', Date.parse('2026-01-01T01:00:00Z'))).toBe(3600);
    expect(secondsSince('not a date', 0)).toBe(0);
    expect(secondsSince('2026-01-02T00:00:00Z', Date.parse('2026-01-01T00:00:00Z'))).toBe(0);
  });
});
