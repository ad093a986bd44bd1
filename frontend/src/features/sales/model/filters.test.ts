import { describe, expect, it } from 'vitest';
import { ALL_PEOPLE, responsibleFilter } from './filters';

describe('responsibleFilter', () => {
  const manager = { id: 'm1', role: 'manager' as const };
  const head = { id: 'h1', role: 'management' as const };

  it('shows a manager their own cards by default, everyone’s when they ask', () => {
    expect(responsibleFilter(null, manager)).toBe('m1');
    expect(responsibleFilter(ALL_PEOPLE, manager)).toBeUndefined();
    expect(responsibleFilter('u7', manager)).toBe('u7');
  });

  it('shows other roles everyone’s cards by default', () => {
    expect(responsibleFilter(null, head)).toBeUndefined();
    expect(responsibleFilter('u7', head)).toBe('u7');
    expect(responsibleFilter(null, undefined)).toBeUndefined();
  });
});
