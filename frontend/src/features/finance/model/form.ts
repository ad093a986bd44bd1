// The «Новый платёж» form: its values as typed, the checks made before sending, and the request
// body they become (amounts as the API's decimal strings, blanks left out).
import { parseMoneyInput } from '../../../shared/format/money';
import type { PaymentBody } from '../api/finance';
import type { Direction, Method } from '../api/finance';

export interface PaymentValues {
  direction: Direction;
  method: Method;
  number: string;
  paid_on: string;
  amount: string;
  /** '' for none. */
  client_id: string;
  party_name: string;
  party_inn: string;
  party_account: string;
  party_bik: string;
  purpose: string;
  is_refund: boolean;
  note: string;
}

/** `YYYY-MM-DD` of today in the person's time zone. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export const emptyPayment = (today = todayIso()): PaymentValues => ({
  direction: 'incoming',
  method: 'bank',
  number: '',
  paid_on: today,
  amount: '',
  client_id: '',
  party_name: '',
  party_inn: '',
  party_account: '',
  party_bik: '',
  purpose: '',
  is_refund: false,
  note: '',
});

/** Why an amount as typed cannot be sent: blank, not a number, or nothing. */
export function amountProblem(text: string): 'required' | 'invalid' | null {
  const parsed = parseMoneyInput(text);
  if (parsed === null) return 'required';
  if (parsed === undefined) return 'invalid';
  return null;
}

/** The request body; call after the form's checks passed. */
export function paymentPayload(v: PaymentValues): PaymentBody {
  const text = (s: string) => s.trim() || undefined;
  const digits = (s: string) => s.replace(/[\s-]/g, '') || undefined;
  return {
    direction: v.direction,
    method: v.method,
    number: v.number.trim(),
    paid_on: v.paid_on,
    amount: parseMoneyInput(v.amount) ?? v.amount,
    client_id: v.client_id || undefined,
    party_name: text(v.party_name),
    party_inn: digits(v.party_inn),
    party_account: digits(v.party_account),
    party_bik: digits(v.party_bik),
    purpose: v.purpose.trim(),
    is_refund: v.direction === 'outgoing' && v.is_refund,
    note: text(v.note),
  };
}
