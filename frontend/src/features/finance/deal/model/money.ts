// What a deal's money panel says, worked out exactly (BigInt kopecks and thousandths): the line
// that sums the deal up, the totals of its live invoices, what a payment should be, what is left
// to ship on each line, and whether what a person typed fits.
import { MONEY, parseScaled, QUANTITY, toDecimalString, toInputText, toPlainString, units } from './decimal';

/** The parts of an invoice the model reads (the API's `InvoiceMoneyView`). */
export interface InvoiceFacts {
  status: string;
  total: string;
  paid: string;
  outstanding: string;
  required_now: string;
}

export interface LineFacts {
  line_id: string;
  quantity: string;
  shipped: string;
}

export interface PartFacts {
  amount: string;
  paid: string;
  outstanding: string;
  overdue: boolean;
}

/** The one line at the top of the tab. The server's facts (`state`) first; when it says
 * `nothing`, what the deal is waiting for. */
export type MoneyState =
  | 'none'
  | 'awaitingAdvance'
  | 'awaitingRest'
  | 'notDueYet'
  | 'payment_received'
  | 'shipped_unpaid'
  | 'settled'
  | 'lost'
  | 'reissued';

export const isLive = (i: Pick<InvoiceFacts, 'status'>) => i.status !== 'cancelled';

export function moneyState(state: string, invoices: readonly InvoiceFacts[]): MoneyState {
  if (invoices.length === 0) return 'none';
  if (state === 'payment_received' || state === 'shipped_unpaid' || state === 'settled' || state === 'lost') return state;
  const live = invoices.filter(isLive);
  if (live.length === 0) return 'reissued';
  const short = live.some((i) => units(i.required_now, MONEY) > units(i.paid, MONEY));
  const someMoney = live.some((i) => units(i.paid, MONEY) > 0n);
  if (!short) return 'notDueYet';
  return someMoney ? 'awaitingRest' : 'awaitingAdvance';
}

/** Sums of the live invoices, as the API's decimal strings. */
export function totalsOf(invoices: readonly InvoiceFacts[]) {
  const live = invoices.filter(isLive);
  const sum = (pick: (i: InvoiceFacts) => bigint) => toDecimalString(live.reduce((s, i) => s + pick(i), 0n), MONEY);
  return {
    total: sum((i) => units(i.total, MONEY)),
    paid: sum((i) => units(i.paid, MONEY)),
    outstanding: sum((i) => units(i.outstanding, MONEY)),
    dueNow: sum((i) => dueNowUnits(i)),
  };
}

/** What the schedule wants paid by today and is not yet: 0 when the invoice is up to date. */
function dueNowUnits(i: InvoiceFacts): bigint {
  const d = units(i.required_now, MONEY) - units(i.paid, MONEY);
  return d > 0n ? d : 0n;
}

export const dueNow = (i: InvoiceFacts): string => toDecimalString(dueNowUnits(i), MONEY);

/** What a payment on the invoice starts from: what is due now, or else all that is outstanding. */
export function suggestedPayment(i: InvoiceFacts): string {
  const due = dueNowUnits(i);
  return toDecimalString(due > 0n ? due : units(i.outstanding, MONEY), MONEY);
}

export const hasOutstanding = (i: InvoiceFacts) => isLive(i) && units(i.outstanding, MONEY) > 0n;

/** Nothing paid on it (only then may it be cancelled). */
export const unpaid = (i: InvoiceFacts) => units(i.paid, MONEY) === 0n;

export type PartStatus = 'paid' | 'overdue' | 'partly' | 'due';

export function partStatus(p: PartFacts): PartStatus {
  if (units(p.outstanding, MONEY) <= 0n) return 'paid';
  if (p.overdue) return 'overdue';
  return units(p.paid, MONEY) > 0n ? 'partly' : 'due';
}

/** What is left to ship on a line ("0" when it is all shipped). */
export function remaining(l: LineFacts): string {
  const r = units(l.quantity, QUANTITY) - units(l.shipped, QUANTITY);
  return toPlainString(r > 0n ? r : 0n, QUANTITY);
}

export const shippable = (i: InvoiceFacts & { lines: readonly LineFacts[] }) =>
  isLive(i) && i.lines.some((l) => units(remaining(l), QUANTITY) > 0n);

/** The quantities the shipment dialog starts from: everything left, typed the Russian way. */
export function remainingTexts(lines: readonly LineFacts[]): Record<string, string> {
  return Object.fromEntries(lines.map((l) => [l.line_id, toInputText(remaining(l))]));
}

export type QuantityProblem = 'invalid' | 'too_precise' | 'too_much';

/**
 * The typed quantities checked against what is left: the lines to send (blank or zero ones
 * left out), the problem of each line that has one, and whether nothing at all is shipped.
 */
export function checkShipment(lines: readonly LineFacts[], typed: Record<string, string>) {
  const problems: Record<string, QuantityProblem> = {};
  const send: { line_id: string; quantity: string }[] = [];
  for (const l of lines) {
    const text = (typed[l.line_id] ?? '').trim();
    if (!text) continue;
    const q = parseScaled(text, QUANTITY);
    if (q === 'invalid' || q === 'too_precise') {
      problems[l.line_id] = q;
      continue;
    }
    if (q === 0n) continue;
    if (q > units(remaining(l), QUANTITY)) {
      problems[l.line_id] = 'too_much';
      continue;
    }
    send.push({ line_id: l.line_id, quantity: toPlainString(q, QUANTITY) });
  }
  const ok = Object.keys(problems).length === 0 && send.length > 0;
  return { ok, send, problems, nothing: Object.keys(problems).length === 0 && send.length === 0 };
}

export type AmountProblem = 'required' | 'invalid' | 'zero';

/** A typed payment amount as the API's decimal string, or why not. */
export function checkAmount(text: string): { amount: string } | { problem: AmountProblem } {
  if (!text.trim()) return { problem: 'required' };
  const v = parseScaled(text.replace(/₽/g, ''), MONEY);
  if (typeof v !== 'bigint') return { problem: 'invalid' };
  if (v === 0n) return { problem: 'zero' };
  return { amount: toDecimalString(v, MONEY) };
}

/** What of a payment goes on the invoice: all of it up to what is outstanding; the rest stays
 * the client's advance. */
export function allocationFor(amount: string, outstanding: string): string {
  const a = units(amount, MONEY);
  const o = units(outstanding, MONEY);
  return toDecimalString(a < o ? a : o, MONEY);
}
