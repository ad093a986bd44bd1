// A production's profile as people read and type it: capacity and thickness the Russian way
// («1 250,5»), prices as money («1 250,50», parsed by shared/format/money), the working week as
// «Пн–Сб», and the form's values turned into the PUT's body — the offers a person left blank
// dropped, with a map back from the body's `offers[i]` to the form's row for the server's errors.
import { formatPhone } from '../../../shared/format/format';
import { formatMoneyInput, parseMoneyInput } from '../../../shared/format/money';
import { parseDecimalInput } from '../../../shared/format/decimal';
import type { Offer, PaymentTerms, Production, ProfileBody } from '../api/productions';

/** ISO weekdays, Monday first. */
export const WEEK = [1, 2, 3, 4, 5, 6, 7] as const;
export const PAYMENT_TERMS = ['prepayment', 'fifty_fifty', 'after_shipment'] as const satisfies readonly PaymentTerms[];

/**
 * The working days as a person says them: runs of three days or more as a range («Пн–Сб»), the
 * rest one by one («Пн, Ср, Пт»; «Пн–Ср, Пт, Сб»). `names` are Monday … Sunday; days outside
 * 1…7 and repeats are ignored; none → ''.
 */
export function workingDaysLabel(days: readonly number[], names: readonly string[]): string {
  const set = [...new Set(days)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < set.length; ) {
    let j = i;
    while (j + 1 < set.length && set[j + 1] === set[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${names[set[i]! - 1]}–${names[set[j]! - 1]}`);
    else for (let k = i; k <= j; k++) parts.push(names[set[k]! - 1]!);
    i = j + 1;
  }
  return parts.join(', ');
}

/**
 * A decimal from the API ("1250.5", "400", "45.500") the Russian way: «1 250,5», «400», «45,5» —
 * grouped with no-break spaces, trailing zeros of the fraction dropped. What is not a decimal
 * stays as it came; blank for none.
 */
export function formatDecimal(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return value;
  const [, sign, whole, frac = ''] = m;
  const fraction = frac.replace(/0+$/, '');
  return `${sign}${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')}${fraction ? `,${fraction}` : ''}`;
}

/** A whole number typed with spaces («1 000») → 1000; `null` blank; `undefined` not one. */
export function parseWholeInput(text: string): number | null | undefined {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  if (compact === '') return null;
  return /^\d{1,9}$/.test(compact) ? Number(compact) : undefined;
}

// ---- the form -----------------------------------------------------------------------------------

export interface OfferValues {
  /** The row's identity for React while rows come and go; never sent. */
  key: string;
  tile_type: string;
  thickness_mm: string;
  price_per_m2: string;
}

export interface ProfileValues {
  daily_capacity_m2: string;
  /** ISO weekdays as the checkboxes' values ('1' … '7'). */
  working_days: string[];
  payment_terms: PaymentTerms;
  acceptance_hours: string;
  contact_name: string;
  contact_phone: string;
  contact_email: string;
  offers: OfferValues[];
}

let rows = 0;
const nextKey = () => `offer-${++rows}`;

export function emptyOffer(): OfferValues {
  return { key: nextKey(), tile_type: '', thickness_mm: '', price_per_m2: '' };
}

const offerValues = (o: Offer): OfferValues => ({
  key: nextKey(),
  tile_type: o.tile_type,
  thickness_mm: formatDecimal(o.thickness_mm),
  price_per_m2: formatMoneyInput(o.price_per_m2),
});

/** The form filled from the stored profile; a production without one gets a usual start. */
export function profileValues(production: Pick<Production, 'profile'>): ProfileValues {
  const p = production.profile;
  if (!p)
    return {
      daily_capacity_m2: '',
      working_days: ['1', '2', '3', '4', '5'],
      payment_terms: 'prepayment',
      acceptance_hours: '24',
      contact_name: '',
      contact_phone: '',
      contact_email: '',
      offers: [emptyOffer()],
    };
  return {
    daily_capacity_m2: formatDecimal(p.daily_capacity_m2),
    working_days: [...p.working_days].sort((a, b) => a - b).map(String),
    payment_terms: p.payment_terms,
    acceptance_hours: String(p.acceptance_hours),
    contact_name: p.contact_name ?? '',
    // As the phone input shows a number once left: +7 (343) 234-56-90 (the server reads it so).
    contact_phone: formatPhone(p.contact_phone),
    contact_email: p.contact_email ?? '',
    offers: p.offers.map(offerValues),
  };
}

/** What the form itself refuses before asking the server (the server checks ranges and repeats). */
export type LocalError = 'required' | 'number' | 'capacityPrecision' | 'thicknessPrecision' | 'money' | 'wholeHours' | 'noDays';

export type PayloadResult =
  | {
      ok: true;
      body: ProfileBody;
      /** The form row of each offer sent: `offers[i]` of the body is row `rows[i]`. */
      rows: number[];
    }
  | { ok: false; errors: Record<string, LocalError> };

const isBlankOffer = (o: OfferValues) => !o.tile_type.trim() && !o.thickness_mm.trim() && !o.price_per_m2.trim();

/**
 * The PUT's body from the form, at `version` (null the first time): numbers as the API's decimal
 * strings, blanks as null, rows left wholly blank dropped. Or, when something cannot be read,
 * each problem under the form path of its field (`offers.2.price_per_m2`).
 */
export function profilePayload(values: ProfileValues, version: number | null): PayloadResult {
  const errors: Record<string, LocalError> = {};
  const capacity = parseDecimalInput(values.daily_capacity_m2, 2);
  if (capacity === null) errors.daily_capacity_m2 = 'required';
  else if (capacity === undefined)
    errors.daily_capacity_m2 = parseDecimalInput(values.daily_capacity_m2, 9) ? 'capacityPrecision' : 'number';
  const hours = parseWholeInput(values.acceptance_hours);
  if (hours === undefined) errors.acceptance_hours = 'wholeHours';
  const days = values.working_days.map(Number).filter((d) => d >= 1 && d <= 7);
  if (days.length === 0) errors.working_days = 'noDays';

  const offers: NonNullable<ProfileBody['offers']> = [];
  const rows: number[] = [];
  values.offers.forEach((o, i) => {
    if (isBlankOffer(o)) return;
    const at = (field: keyof Omit<OfferValues, 'key'>) => `offers.${i}.${field}`;
    if (!o.tile_type.trim()) errors[at('tile_type')] = 'required';
    const thickness = parseDecimalInput(o.thickness_mm, 1);
    if (thickness === null) errors[at('thickness_mm')] = 'required';
    else if (thickness === undefined) errors[at('thickness_mm')] = parseDecimalInput(o.thickness_mm, 9) ? 'thicknessPrecision' : 'number';
    const price = parseMoneyInput(o.price_per_m2);
    if (price === null) errors[at('price_per_m2')] = 'required';
    else if (price === undefined) errors[at('price_per_m2')] = 'money';
    if (thickness && price) {
      offers.push({ tile_type: o.tile_type.trim(), thickness_mm: thickness, price_per_m2: price });
      rows.push(i);
    }
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const text = (s: string) => (s.trim() === '' ? null : s.trim());
  return {
    ok: true,
    rows,
    body: {
      version,
      daily_capacity_m2: capacity!,
      working_days: [...new Set(days)].sort((a, b) => a - b),
      payment_terms: values.payment_terms,
      acceptance_hours: hours ?? null,
      contact_name: text(values.contact_name),
      contact_phone: text(values.contact_phone),
      contact_email: text(values.contact_email),
      offers,
    },
  };
}

/**
 * The form path of a field the server names: `offers[1].price_per_m2` → `offers.<row>.price_per_m2`
 * with the row the body's offer 1 came from; other paths as they are.
 */
export function formPath(field: string, rows: readonly number[]): string {
  const m = /^offers\[(\d+)\](?:\.(.+))?$/.exec(field);
  if (!m) return field;
  const row = rows[Number(m[1])];
  if (row === undefined) return 'offers';
  return m[2] ? `offers.${row}.${m[2]}` : `offers.${row}`;
}
