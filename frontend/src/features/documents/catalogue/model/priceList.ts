// A price list's form and its in-force period.
import type { Currency, PriceList, PriceListBody } from '../api/catalogue';

export const CURRENCIES = ['RUB', 'EUR', 'USD'] as const satisfies readonly Currency[];

export interface PriceListValues {
  name: string;
  currency: Currency;
  /** `YYYY-MM-DD` (or text that is no date, which the form refuses). */
  valid_from: string;
  valid_to: string;
}

export const emptyPriceList = (today: string): PriceListValues => ({ name: '', currency: 'RUB', valid_from: today, valid_to: '' });

export const priceListValues = (p: PriceList): PriceListValues => ({
  name: p.name,
  currency: p.currency,
  valid_from: p.valid_from,
  valid_to: p.valid_to ?? '',
});

export function priceListPayload(v: PriceListValues, version?: number): PriceListBody {
  return {
    name: v.name.trim(),
    currency: v.currency,
    valid_from: v.valid_from,
    valid_to: v.valid_to.trim() === '' ? null : v.valid_to,
    ...(version === undefined ? {} : { version }),
  };
}

/** Whether the list is in force on `date` (`YYYY-MM-DD`; both ends included). */
export const inForceOn = (p: Pick<PriceList, 'valid_from' | 'valid_to'>, date: string) =>
  p.valid_from <= date && (!p.valid_to || date <= p.valid_to);

/** Today in the browser's time zone as `YYYY-MM-DD`. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
