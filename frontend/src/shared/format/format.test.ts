import { describe, expect, it } from 'vitest';
import { digitsOnly, formatBytes, formatDateTime, formatElapsed, formatPhone, formatPhoneInput } from './format';

describe('formatPhone', () => {
  it.each([
    ['+74951234567', '+7 (495) 123-45-67'],
    ['84951234567', '+7 (495) 123-45-67'],
    ['8 (495) 123-45-67', '+7 (495) 123-45-67'],
    ['4951234567', '+7 (495) 123-45-67'],
    ['+7 912 000 11 22', '+7 (912) 000-11-22'],
  ])('shows %s as %s', (input, shown) => {
    expect(formatPhone(input)).toBe(shown);
  });

  it('leaves foreign and partial numbers as they are', () => {
    expect(formatPhone('+375 29 123-45-67')).toBe('+375 29 123-45-67');
    expect(formatPhone('123')).toBe('123');
    expect(formatPhone(null)).toBe('');
  });
});

describe('formatDateTime', () => {
  it('uses the Russian day.month.year order', () => {
    expect(formatDateTime('2026-03-05T10:00:00Z')).toMatch(/^05\.03\.2026/);
  });
});

describe('digitsOnly', () => {
  it('strips spaces and dashes from requisites', () => {
    expect(digitsOnly(' 0445-252 25 ')).toBe('044525225');
  });
});

describe('formatPhoneInput', () => {
  it('shows a Russian number the server reads as one as +7 (…) …-…-…', () => {
    expect(formatPhoneInput('84951234504')).toBe('+7 (495) 123-45-04');
    expect(formatPhoneInput('+7-495-123-45-04')).toBe('+7 (495) 123-45-04');
    expect(formatPhoneInput('9161230001')).toBe('+7 (916) 123-00-01');
    expect(formatPhoneInput('+74951234504')).toBe('+7 (495) 123-45-04');
  });

  it('leaves anything else as typed', () => {
    expect(formatPhoneInput('5123456789')).toBe('5123456789');
    expect(formatPhoneInput('+49 30 1234567')).toBe('+49 30 1234567');
    expect(formatPhoneInput('+84951234504')).toBe('+84951234504');
    expect(formatPhoneInput('доб. 12')).toBe('доб. 12');
    expect(formatPhoneInput('')).toBe('');
  });
});

describe('formatBytes', () => {
  it('reads as bytes, kilobytes or megabytes with one decimal, the Russian way', () => {
    expect(formatBytes(812, 'ru')).toMatch(/^812\sБ$/);
    expect(formatBytes(1536, 'ru')).toMatch(/^1,5\sкБ$/);
    expect(formatBytes(3.4 * 1024 * 1024, 'ru')).toMatch(/^3,4\sМБ$/);
    expect(formatBytes(1536, 'en')).toMatch(/^1\.5\skB$/);
  });
});

describe('formatElapsed', () => {
  const now = Date.parse('2026-11-30T12:00:00Z');
  const ago = (ms: number) => new Date(now - ms).toISOString();
  it('says how long ago in its largest whole unit, with the Russian plural', () => {
    expect(formatElapsed(ago(2 * 86_400_000 + 5 * 3_600_000), 'ru', now)).toMatch(/^2\sдня$/);
    expect(formatElapsed(ago(5 * 86_400_000), 'ru', now)).toMatch(/^5\sдней$/);
    expect(formatElapsed(ago(21 * 86_400_000), 'ru', now)).toMatch(/^21\sдень$/);
    expect(formatElapsed(ago(3 * 3_600_000 + 59 * 60_000), 'ru', now)).toMatch(/^3\sчаса$/);
    expect(formatElapsed(ago(15 * 60_000), 'ru', now)).toMatch(/^15\sминут$/);
    expect(formatElapsed(ago(10_000), 'ru', now)).toMatch(/^1\sминута$/);
    expect(formatElapsed(ago(2 * 86_400_000), 'en', now)).toMatch(/^2\sdays$/);
  });
  it('reads a date in the future as a minute and nothing as nothing', () => {
    expect(formatElapsed(ago(-60_000), 'ru', now)).toMatch(/^1\sминута$/);
    expect(formatElapsed(null, 'ru', now)).toBe('');
    expect(formatElapsed('вчера', 'ru', now)).toBe('');
  });
});
