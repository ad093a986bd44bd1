// The price list page's table: each row's price as typed, what was saved, and what to send.
import type { PriceInput } from '../api/catalogue';
import { parseDecimalInput } from '../../../../shared/format/decimal';

export interface PriceDraft {
  item_id: string;
  /** The price as typed («1 850,00»); blank removes the item from the list. */
  text: string;
  /** The saved price ("1850.00"), or null for a row added since the last save. */
  saved: string | null;
}

export interface PricesChange {
  /** Only the rows that changed: a new or different price, or `null` for a removed one. */
  prices: PriceInput[];
  /** Rows whose text is no price (item id → true): nothing is sent while there are any. */
  invalid: Record<string, true>;
}

const same = (a: string, b: string) => Number(a) === Number(b);

/** What a save of these rows sends (`removed` are saved rows taken off the table). */
export function pricesChange(rows: PriceDraft[], removed: string[] = []): PricesChange {
  const prices: PriceInput[] = [];
  const invalid: Record<string, true> = {};
  for (const row of rows) {
    const price = parseDecimalInput(row.text.replace(/[₽€$]/g, ''), 2);
    if (price === undefined) invalid[row.item_id] = true;
    else if (price === null) {
      if (row.saved !== null) prices.push({ item_id: row.item_id, price: null });
    } else if (row.saved === null || !same(price, row.saved)) prices.push({ item_id: row.item_id, price });
  }
  for (const item_id of removed) prices.push({ item_id, price: null });
  return { prices, invalid };
}
