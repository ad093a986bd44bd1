import { describe, expect, it } from 'vitest';
import { pricesChange } from './prices';

describe('pricesChange', () => {
  it('sends only new and changed prices, a blanked one as null', () => {
    const change = pricesChange(
      [
        { item_id: 'same', text: '1 850,00', saved: '1850.00' },
        { item_id: 'changed', text: '1 900', saved: '1850.00' },
        { item_id: 'new', text: '99,9 ₽', saved: null },
        { item_id: 'new-blank', text: '', saved: null },
        { item_id: 'cleared', text: ' ', saved: '10.00' },
      ],
      ['removed'],
    );
    expect(change.invalid).toEqual({});
    expect(change.prices).toEqual([
      { item_id: 'changed', price: '1900' },
      { item_id: 'new', price: '99.9' },
      { item_id: 'cleared', price: null },
      { item_id: 'removed', price: null },
    ]);
  });

  it('names the rows whose text is no price', () => {
    const change = pricesChange([
      { item_id: 'a', text: 'дорого', saved: null },
      { item_id: 'b', text: '1,234', saved: null },
      { item_id: 'c', text: '5', saved: null },
    ]);
    expect(change.invalid).toEqual({ a: true, b: true });
  });
});
