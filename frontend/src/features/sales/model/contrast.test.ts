import { describe, expect, it } from 'vitest';
import { textOn } from './contrast';

describe('text on a stage colour', () => {
  it('is dark on light and mid colours, white on dark ones', () => {
    expect(textOn('#228be6')).toBe('#1a1b1e');
    expect(textOn('#fcc419')).toBe('#1a1b1e');
    expect(textOn('#087f5b')).toBe('#ffffff');
    expect(textOn('#212529')).toBe('#ffffff');
    expect(textOn('teal')).toBeUndefined();
  });
});
