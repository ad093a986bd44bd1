import { describe, expect, it } from 'vitest';
import { compareLines, type ComparableLine } from './compare';

const l = (name: string, quantity: string, price = '100.00', item_id: string | null = null): ComparableLine => ({
  item_id,
  name,
  quantity,
  unit: 'm2',
  price,
  discount_pct: '0',
  vat: 'vat22',
  amount: '0.00',
});

describe('two offer versions side by side', () => {
  it('pairs lines by item, else by name, and says what changed', () => {
    const v1 = [l('Плитка 40 мм', '300', '1850.00', 'i1'), l('Доставка', '1', '18500.00'), l('Укладка', '300')];
    const v2 = [l('Плитка 40 мм, терракота', '300.000', '1750.00', 'i1'), l('Доставка', '1', '18500.00'), l('Бордюр', '40')];
    const rows = compareLines(v1, v2);
    expect(rows.map((r) => [r.left?.name ?? null, r.right?.name ?? null, r.change, r.fields])).toEqual([
      ['Плитка 40 мм', 'Плитка 40 мм, терракота', 'changed', ['price']],
      ['Доставка', 'Доставка', 'same', []],
      ['Укладка', null, 'removed', []],
      [null, 'Бордюр', 'added', []],
    ]);
  });

  it('puts a removed first line first', () => {
    const rows = compareLines([l('A', '1'), l('B', '1')], [l('B', '2')]);
    expect(rows.map((r) => r.change)).toEqual(['removed', 'changed']);
  });
});
