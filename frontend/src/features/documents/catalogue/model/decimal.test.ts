import { describe, expect, it } from 'vitest';
import { formatAmount, formatRate } from './decimal';

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
