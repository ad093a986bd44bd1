// «Добавить запись»: what the accountant types, checked before it goes, and the body the API takes.
// The amount is typed the Russian way («1 000,50») and sent as a decimal string ("1000.5").
import { parseDecimalInput } from '../../../../shared/format/decimal';
import { isIsoDate } from '../../../../shared/dates/parse';

/** The kinds the accountant enters (an order's amount comes only from its shipment). */
export const ENTRY_KINDS = ['payment_made', 'payment_received', 'tile_purchase', 'production_purchase', 'defect_deduction'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** Which side each kind goes to, from the head company's side (as the ledger has it). */
export const KIND_SIDE: Record<EntryKind, 'debit' | 'credit'> = {
  payment_made: 'debit',
  defect_deduction: 'debit',
  production_purchase: 'debit',
  payment_received: 'credit',
  tile_purchase: 'credit',
};

export interface EntryValues {
  kind: EntryKind | '';
  on_date: string;
  amount: string;
  document: string;
  note: string;
}

export const emptyEntry = (today: string): EntryValues => ({ kind: '', on_date: today, amount: '', document: '', note: '' });

/** What is wrong with the amount: 'required', 'invalid' (not a number, more than kopecks), 'zero', or null. */
export function amountProblem(text: string): 'required' | 'invalid' | 'zero' | null {
  const v = parseDecimalInput(text, 2);
  if (v === null) return 'required';
  if (v === undefined) return 'invalid';
  return /[1-9]/.test(v) ? null : 'zero';
}

export interface EntryBody {
  kind: EntryKind;
  on_date: string;
  amount: string;
  document: string;
  note?: string | null;
}

/** The body for valid values (the form's rules ran first). */
export function entryPayload(values: EntryValues): EntryBody {
  const note = values.note.trim();
  return {
    kind: values.kind as EntryKind,
    on_date: values.on_date,
    amount: parseDecimalInput(values.amount, 2) ?? '',
    document: values.document.trim(),
    note: note || null,
  };
}

/** Whether a date may be an entry's (a real day, not after today). */
export function entryDateProblem(value: string, today: string): 'required' | 'invalid' | 'future' | null {
  const v = value.trim();
  if (!v) return 'required';
  if (!isIsoDate(v)) return 'invalid';
  return v > today ? 'future' : null;
}
