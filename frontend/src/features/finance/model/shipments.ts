// The shipping queue as the warehouse reads it (issue 11): invoices with something left to ship,
// a page of fifty at a time, what each still waits for before it may leave (the payment the
// schedule wants first), and how far each line has gone. Exact decimals: BigInt kopecks and
// thousandths, never floating point.
import { MONEY, QUANTITY, toDecimalString, units } from '../deal/model/decimal';

export const SHIPMENT_PAGE_SIZE = 50;

/** One page of the queue: its number (1-based), how many pages, and the positions it shows. */
export interface QueuePage {
  page: number;
  pages: number;
  /** 1-based positions of the first and last invoice shown; 0 and 0 when there are none. */
  from: number;
  to: number;
}

/** Where `offset` falls in a queue of `total` (and how many it shows of `shown`). */
export function queuePage(offset: number, total: number, shown: number, size = SHIPMENT_PAGE_SIZE): QueuePage {
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(pages, Math.floor(Math.max(0, offset) / size) + 1);
  if (total === 0 || shown === 0) return { page, pages, from: 0, to: 0 };
  const from = Math.max(0, offset) + 1;
  return { page, pages, from, to: Math.min(total, from + shown - 1) };
}

/** The offset a page (1-based) starts at; nonsense (0, negative, NaN) is the first page. */
export function offsetOfPage(page: number, size = SHIPMENT_PAGE_SIZE): number {
  return Number.isFinite(page) && page > 1 ? (Math.floor(page) - 1) * size : 0;
}

/**
 * The page to show when the queue shrank under the one open (its last invoice shipped): the last
 * page that still has invoices, or null when the open one is fine.
 */
export function pageAfterShrink(page: number, total: number, size = SHIPMENT_PAGE_SIZE): number | null {
  const pages = Math.max(1, Math.ceil(total / size));
  return page > pages ? pages : null;
}

/** The parts of an invoice in the queue the page reads (the API's `InvoiceMoneyView`). */
export interface QueueInvoiceFacts {
  paid: string;
  required_now: string;
}

/** What must still come in before the invoice may be shipped: "0.00" when it is ready. */
export function missingBeforeShipping(i: QueueInvoiceFacts): string {
  const missing = units(i.required_now, MONEY) - units(i.paid, MONEY);
  return toDecimalString(missing > 0n ? missing : 0n, MONEY);
}

export type LineProgress = 'nothing' | 'partly' | 'fully';

/** How far a line has been shipped. */
export function lineProgress(l: { quantity: string; shipped: string }): LineProgress {
  const shipped = units(l.shipped, QUANTITY);
  if (shipped <= 0n) return 'nothing';
  return shipped >= units(l.quantity, QUANTITY) ? 'fully' : 'partly';
}
