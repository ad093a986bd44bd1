import { describe, expect, it } from 'vitest';
import { age, fromDateTimeInput, postponeChoices, relativeTime, toDateInput, toDateTimeInput } from './time';

const now = new Date(2026, 10, 25, 14, 0); // Wednesday

describe('relativeTime', () => {
  it('speaks Russian by default', () => {
    expect(relativeTime(new Date(2026, 10, 25, 16, 0).toISOString(), now, 'ru')).toBe('через 2 ч');
    expect(relativeTime(new Date(2026, 10, 25, 11, 0).toISOString(), now, 'ru')).toBe('3 ч назад');
    expect(relativeTime(new Date(2026, 10, 25, 13, 55).toISOString(), now, 'ru')).toBe('5 мин. назад');
    expect(relativeTime(new Date(2026, 10, 26, 14, 0).toISOString(), now, 'ru')).toBe('завтра');
    expect(relativeTime(new Date(now.getTime() + 59 * 60_000 + 40_000).toISOString(), now, 'ru')).toBe('через 1 ч');
    expect(relativeTime(new Date(now.getTime() + 23 * 3600_000 + 50 * 60_000).toISOString(), now, 'ru')).toBe('завтра');
  });

  it('follows the English switch', () => {
    expect(relativeTime(new Date(2026, 10, 25, 16, 0).toISOString(), now, 'en')).toBe('in 2 hr.');
  });
});

describe('age', () => {
  it('is compact and never negative', () => {
    expect(age(new Date(2026, 10, 25, 12, 0).toISOString(), now, 'ru')).toBe('2 ч');
    expect(age(new Date(2026, 10, 22, 14, 0).toISOString(), now, 'ru')).toBe('3 дн.');
    expect(age(new Date(2026, 10, 25, 14, 5).toISOString(), now, 'ru')).toBe('0 мин');
  });
});

describe('date-time inputs', () => {
  it('round-trips a local date-time', () => {
    const value = toDateTimeInput(now);
    expect(value).toBe('2026-11-25T14:00');
    expect(fromDateTimeInput(value)).toBe(now.toISOString());
  });

  it('refuses blanks and impossible dates', () => {
    expect(fromDateTimeInput('')).toBeNull();
    expect(fromDateTimeInput('2026-02-30T10:00')).toBeNull();
    expect(fromDateTimeInput('25.11.2026 10:00')).toBeNull();
  });

  it('gives the date of a day', () => {
    expect(toDateInput(now)).toBe('2026-11-25');
  });
});

describe('postponeChoices', () => {
  it('offers an hour later, tomorrow at 10 and next Monday at 10', () => {
    const [hour, tomorrow, monday] = postponeChoices(now);
    expect(hour!.at).toEqual(new Date(2026, 10, 25, 15, 0));
    expect(tomorrow!.at).toEqual(new Date(2026, 10, 26, 10, 0));
    expect(monday!.at).toEqual(new Date(2026, 10, 30, 10, 0));
  });

  it('offers no Monday on a Sunday, when tomorrow is Monday already', () => {
    const choices = postponeChoices(new Date(2026, 10, 29, 9, 0));
    expect(choices.map((c) => c.key)).toEqual(['hour', 'tomorrow']);
    expect(choices[1]!.at).toEqual(new Date(2026, 10, 30, 10, 0));
  });

  it('takes next week’s Monday on a Monday', () => {
    const [, , monday] = postponeChoices(new Date(2026, 10, 30, 9, 0));
    expect(monday!.at).toEqual(new Date(2026, 11, 7, 10, 0));
  });
});
