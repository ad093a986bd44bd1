import { describe, expect, it } from 'vitest';
import { mergeFresh } from './useCardForm';

describe('mergeFresh', () => {
  it('takes the server’s new values except for the fields being edited', () => {
    const before = { title: 'Плитка', price_range: '', agreed_design: false };
    const current = { title: 'Плитка', price_range: 'от 1500 ₽/м²', agreed_design: false };
    const fresh = { title: 'Плитка на дачу', price_range: '', agreed_design: true };
    expect(mergeFresh(current, before, fresh)).toEqual({ title: 'Плитка на дачу', price_range: 'от 1500 ₽/м²', agreed_design: true });
  });
});
