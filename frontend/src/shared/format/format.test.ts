import { describe, expect, it } from 'vitest';
import { digitsOnly, formatDateTime, formatPhone } from './format';

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
