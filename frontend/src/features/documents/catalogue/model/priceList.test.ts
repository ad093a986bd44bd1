import { describe, expect, it } from 'vitest';
import { inForceOn, priceListPayload, today } from './priceList';

describe('priceListPayload', () => {
  it('trims the name and sends a blank end as null (no end)', () => {
    expect(priceListPayload({ name: ' Опт 2026 ', currency: 'EUR', valid_from: '2026-01-01', valid_to: '' })).toEqual({
      name: 'Опт 2026',
      currency: 'EUR',
      valid_from: '2026-01-01',
      valid_to: null,
    });
    expect(priceListPayload({ name: 'x', currency: 'RUB', valid_from: '2026-01-01', valid_to: '2026-12-31' }, 4)).toMatchObject({
      valid_to: '2026-12-31',
      version: 4,
    });
  });
});

describe('inForceOn', () => {
  it('includes both ends and has no end without valid_to', () => {
    const p = { valid_from: '2026-01-01', valid_to: '2026-03-31' };
    expect(inForceOn(p, '2026-01-01')).toBe(true);
    expect(inForceOn(p, '2026-03-31')).toBe(true);
    expect(inForceOn(p, '2026-04-01')).toBe(false);
    expect(inForceOn(p, '2025-12-31')).toBe(false);
    expect(inForceOn({ valid_from: '2026-01-01', valid_to: null }, '2099-01-01')).toBe(true);
  });

  it('gives today in local time', () => {
    expect(today(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});
