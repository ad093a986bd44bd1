import { describe, expect, it } from 'vitest';
import { parseDecimalInput } from './decimal';

describe('parseDecimalInput', () => {
  it('reads a comma or a point and spaces between digits', () => {
    expect(parseDecimalInput('92,5', 6)).toBe('92.5');
    expect(parseDecimalInput('1 850.25', 2)).toBe('1850.25');
    expect(parseDecimalInput('1\u00a0250.50', 2)).toBe('1250.5');
    expect(parseDecimalInput('007', 2)).toBe('7');
    expect(parseDecimalInput('0,123456', 6)).toBe('0.123456');
    expect(parseDecimalInput('40,0', 1)).toBe('40');
  });

  it('is null for a blank field and undefined for no number or too many decimals', () => {
    expect(parseDecimalInput('  ', 2)).toBeNull();
    expect(parseDecimalInput('12,345', 2)).toBeUndefined();
    expect(parseDecimalInput('-1', 2)).toBeUndefined();
    expect(parseDecimalInput('12 мм', 1)).toBeUndefined();
    expect(parseDecimalInput('abc', 2)).toBeUndefined();
  });
});
