import { describe, expect, it } from 'vitest';
import { fromKopecks, isPositive, minMoney, percentOf, sumMoney, toKopecks } from './money';

describe('money in kopecks', () => {
  it('reads the API amounts, including "0" and a lone kopeck digit', () => {
    expect(toKopecks('12500.50')).toBe(1250050n);
    expect(toKopecks('12500.5')).toBe(1250050n);
    expect(toKopecks('0')).toBe(0n);
    expect(toKopecks('-100.05')).toBe(-10005n);
    expect(toKopecks('1.234')).toBeNull();
    expect(toKopecks('12 500,50')).toBeNull();
    expect(toKopecks(null)).toBeNull();
  });

  it('writes them back as the API does', () => {
    expect(fromKopecks(1250050n)).toBe('12500.50');
    expect(fromKopecks(5n)).toBe('0.05');
    expect(fromKopecks(0n)).toBe('0.00');
    expect(fromKopecks(-10005n)).toBe('-100.05');
  });

  it('adds without floating point errors', () => {
    // 0.1 + 0.2 in floats is 0.30000000000000004.
    expect(sumMoney(['0.10', '0.20'])).toBe('0.30');
    expect(sumMoney(Array.from({ length: 10_000 }, () => '0.01'))).toBe('100.00');
    expect(sumMoney(['9999999999999.99', '0.01'])).toBe('10000000000000.00');
    expect(sumMoney([])).toBe('0.00');
    expect(sumMoney(['825000.00', null, 'broken', '156000'])).toBe('981000.00');
  });

  it('takes the smaller amount and tells a positive one', () => {
    expect(minMoney('100.00', '1689132.00')).toBe('100.00');
    expect(minMoney('2090000.00', '102920')).toBe('102920.00');
    expect(isPositive('0')).toBe(false);
    expect(isPositive('0.00')).toBe(false);
    expect(isPositive('0.01')).toBe(true);
    expect(isPositive(undefined)).toBe(false);
  });

  it('gives a share in whole percent, half up', () => {
    expect(percentOf('1', '3')).toBe(33);
    expect(percentOf('2', '3')).toBe(67);
    expect(percentOf('0.50', '1.00')).toBe(50);
    expect(percentOf('0.005', '1')).toBe(0); // not an amount: counts as nothing
    expect(percentOf('10', '0.00')).toBe(0);
  });
});
