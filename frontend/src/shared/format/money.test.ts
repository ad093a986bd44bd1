import { describe, expect, it } from 'vitest';
import { formatMoney, formatMoneyInput, parseMoneyInput } from './money';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('shows roubles the Russian way', () => {
    expect(nbsp(formatMoney('125000.00'))).toBe('125 000,00 ₽');
    expect(nbsp(formatMoney('125000.5'))).toBe('125 000,50 ₽');
    expect(nbsp(formatMoney('0.00'))).toBe('0,00 ₽');
    expect(nbsp(formatMoney(1500))).toBe('1 500,00 ₽');
  });

  it('is exact for amounts beyond floating point', () => {
    expect(nbsp(formatMoney('9999999999999.99'))).toBe('9 999 999 999 999,99 ₽');
    expect(nbsp(formatMoney('1234567890123.45'))).toBe('1 234 567 890 123,45 ₽');
  });

  it('is blank without an amount and leaves garbage as it is', () => {
    expect(formatMoney(null)).toBe('');
    expect(formatMoney(undefined)).toBe('');
    expect(formatMoney('')).toBe('');
    expect(formatMoney('abc')).toBe('abc');
  });
});

describe('formatMoneyInput', () => {
  it('gives the amount without the currency sign', () => {
    expect(nbsp(formatMoneyInput('125000.50'))).toBe('125 000,50');
    expect(formatMoneyInput(null)).toBe('');
  });
});

describe('parseMoneyInput', () => {
  it('reads what people type', () => {
    expect(parseMoneyInput('125 000,50')).toBe('125000.50');
    expect(parseMoneyInput('125\u00a0000,5')).toBe('125000.50');
    expect(parseMoneyInput('125000.5')).toBe('125000.50');
    expect(parseMoneyInput('1500')).toBe('1500.00');
    expect(parseMoneyInput('1 500 ₽')).toBe('1500.00');
    expect(parseMoneyInput('007')).toBe('7.00');
  });

  it('is null for blank and undefined for what is not an amount', () => {
    expect(parseMoneyInput('  ')).toBeNull();
    expect(parseMoneyInput('12,345')).toBeUndefined();
    expect(parseMoneyInput('-5')).toBeUndefined();
    expect(parseMoneyInput('abc')).toBeUndefined();
    expect(parseMoneyInput('1.2.3')).toBeUndefined();
  });
});
