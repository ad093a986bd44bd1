// What a payment is, as the accountant reads it: incoming or outgoing, put on invoices in full, in
// part, or not at all (the unmatched queue), and what one click on a suggestion puts on an invoice.
import type { Payment, Suggestion } from '../api/finance';
import { isPositive, minMoney } from './money';

export const DIRECTIONS = ['incoming', 'outgoing'] as const;
export const METHODS = ['bank', 'cash'] as const;

/**
 * - `allocated`: all of an incoming payment is on invoices;
 * - `partial`: some is, the rest is the client's advance;
 * - `unallocated`: none is (the unmatched queue);
 * - `outgoing` / `refund`: money paid out (a refund returns a client's advance).
 */
export type PaymentStatus = 'allocated' | 'partial' | 'unallocated' | 'outgoing' | 'refund';

export function paymentStatus(p: Pick<Payment, 'direction' | 'is_refund' | 'allocated' | 'rest'>): PaymentStatus {
  if (p.direction !== 'incoming') return p.is_refund ? 'refund' : 'outgoing';
  if (!isPositive(p.rest)) return 'allocated';
  return isPositive(p.allocated) ? 'partial' : 'unallocated';
}

export const STATUS_COLOR: Record<PaymentStatus, string> = {
  allocated: 'green',
  partial: 'yellow',
  unallocated: 'red',
  outgoing: 'gray',
  refund: 'grape',
};

/** Whether the payment has money left to put on invoices (an incoming one with a rest). */
export const hasRest = (p: Pick<Payment, 'direction' | 'rest'>) => p.direction === 'incoming' && isPositive(p.rest);

/** One click on a suggestion: as much as both the payment's rest and the invoice's outstanding allow. */
export function oneClickAmount(p: Pick<Payment, 'rest'>, s: Pick<Suggestion, 'outstanding'>): string {
  return minMoney(p.rest, s.outstanding);
}

/** Suggestions best first (the server ranks them; a tie keeps the older invoice first). */
export function rankedSuggestions<S extends Pick<Suggestion, 'score' | 'invoice_date'>>(suggestions: readonly S[]): S[] {
  return [...suggestions].sort((a, b) => b.score - a.score || a.invoice_date.localeCompare(b.invoice_date));
}

const nameKey = (name: string) => name.toLowerCase().replace(/[«»"'„“\s]/g, '');

/**
 * Who a payment is with, as the list shows it: the client's name when the payment has a client
 * (the bank's name of the payer otherwise), and the bank's name under it when it says more.
 */
export function paymentParty(p: Pick<Payment, 'client_name' | 'party_name'>): { name: string; bankName: string | null } {
  const client = p.client_name?.trim();
  if (!client) return { name: p.party_name, bankName: null };
  const bank = p.party_name.trim();
  return { name: client, bankName: bank && nameKey(bank) !== nameKey(client) ? bank : null };
}
