import { describe, expect, it } from 'vitest';
import { AGEING_BUCKETS, isOverdueBucket, overdueShare } from './ageing';

describe('ageing', () => {
  it('lists the buckets from not yet due to over 90 days, all but the first overdue', () => {
    expect(AGEING_BUCKETS).toEqual(['not_due', 'd1_30', 'd31_60', 'd61_90', 'over_90']);
    expect(AGEING_BUCKETS.filter(isOverdueBucket)).toEqual(['d1_30', 'd31_60', 'd61_90', 'over_90']);
  });

  it('gives the overdue share of the total', () => {
    expect(overdueShare({ overdue: '0.00', total: '1948970.00' })).toBe(0);
    expect(overdueShare({ overdue: '649656.67', total: '1948970.00' })).toBe(33);
    expect(overdueShare({ overdue: '0', total: '0' })).toBe(0);
  });
});
