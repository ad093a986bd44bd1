import { describe, expect, it } from 'vitest';
import { formatAmount, formatRate, parseDecimalInput } from './decimal';

describe('parseDecimalInput', () => {
  it('reads a comma or a point and spaces between digits', () => {
    expect(parseDecimalInput('92,5', 6)).toBe('92.5');
    expect(parseDecimalInput('1 850.25', 2)).toBe('1850.25');
    expect(parseDecimalInput('007', 2)).toBe('7');
    expect(parseDecimalInput('0,123456', 6)).toBe('0.123456');
  });

  it('is null for a blank field and undefined for no number or too many decimals', () => {
    expect(parseDecimalInput('  ', 2)).toBeNull();
    expect(parseDecimalInput('12,345', 2)).toBeUndefined();
    expect(parseDecimalInput('-1', 2)).toBeUndefined();
    expect(parseDecimalInput('abc', 2)).toBeUndefined();
  });
});

describe('formatAmount and formatRate', () => {
  it('shows amounts the Russian way with the currency sign', () => {
    expect(formatAmount('1850', 'RUB')).toBe('1\u00a0850,00\u00a0₽');
    expect(formatAmount('120.5', 'EUR')).toBe('120,50\u00a0€');
    expect(formatAmount(null, 'USD')).toBe('');
  });

  it('shows a rate with four decimals at least', () => {
    expect(formatRate('92.5')).toBe('92,5000');
    expect(formatRate('101.123456')).toBe('101,123456');
    expect(formatRate('1000')).toBe('1\u00a0000,0000');
  });
});
