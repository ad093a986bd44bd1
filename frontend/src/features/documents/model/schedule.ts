// The payment schedule of an invoice as the server will make it (`domain::documents::schedule`),
// previewed while the person chooses: which share is due by which date and its amount in
// kopecks. Amounts are split by the largest-remainder method — every part gets its exact share
// rounded down, the kopecks left over go one each to the largest dropped fractions (on a tie,
// the earlier part) — so the parts always add up to the total.
import { parseScaled, toPlainString } from './decimal';

export const SCHEDULE_KINDS = ['prepayment', 'fifty_fifty', 'custom', 'deferral'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

/** Days to pay a prepayment (and the first half of 50/50) when not said. */
export const DEFAULT_DAYS = 5;
/** Days after the invoice of the second half of 50/50 when no date is given. */
export const DEFAULT_SECOND_HALF_DAYS = 30;
export const MAX_DAYS = 3650;
/** Decimal places of a custom percent. */
export const PERCENT_SCALE = 4;
const HUNDRED = 100n * 10n ** BigInt(PERCENT_SCALE);

/** What the form holds: every field as typed. */
export interface ScheduleForm {
  kind: ScheduleKind;
  /** Prepayment, the first half, deferral. */
  days: string;
  /** 50/50: blank = the invoice date + 30 days. */
  second_due_date: string;
  parts: { percent: string; due_date: string }[];
}

/** The API's `schedule` body. */
export type ScheduleTerms =
  | { kind: 'prepayment'; days: number }
  | { kind: 'fifty_fifty'; days: number; second_due_date?: string }
  | { kind: 'custom'; parts: { percent: string; due_date: string }[] }
  | { kind: 'deferral'; days: number };

export interface SchedulePart {
  /** "50", "33.3333". */
  percent: string;
  /** Kopecks. */
  amount: bigint;
  /** `YYYY-MM-DD`. */
  due_date: string;
}

/** A field of the schedule that is wrong, by the API's field names (`schedule.parts[1].percent`). */
export type ScheduleErrors = Record<string, ScheduleProblem>;
export type ScheduleProblem = 'required' | 'invalid' | 'too_precise' | 'out_of_range' | 'before_previous' | 'sum';

export type SchedulePreview =
  | { ok: true; parts: SchedulePart[]; terms: ScheduleTerms }
  | { ok: false; errors: ScheduleErrors; /** Custom: the percents so far, in units of 10⁻⁴ %. */ sum?: bigint };

/** `YYYY-MM-DD` plus days (calendar days, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y!, m! - 1, d! + days));
  return t.toISOString().slice(0, 10);
}

/** Splits `total` kopecks by `percents` (units of 10⁻⁴ %, adding up to 100 %). */
export function allocate(total: bigint, percents: readonly bigint[]): bigint[] {
  const amounts: bigint[] = [];
  const remainders: { rest: bigint; i: number }[] = [];
  percents.forEach((p, i) => {
    const n = total * p;
    amounts.push(n / HUNDRED);
    remainders.push({ rest: n % HUNDRED, i });
  });
  let left = total - amounts.reduce((s, a) => s + a, 0n);
  remainders.sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
  for (const { i } of remainders) {
    if (left <= 0n) break;
    amounts[i]! += 1n;
    left -= 1n;
  }
  return amounts;
}

/** The sum of custom percents typed so far (units of 10⁻⁴ %), ignoring ones that are not numbers. */
export function percentSum(parts: readonly { percent: string }[]): bigint {
  return parts.reduce((s, p) => {
    const v = parseScaled(p.percent, PERCENT_SCALE);
    return typeof v === 'bigint' ? s + v : s;
  }, 0n);
}

/** «100», «33,3333» — a sum of percents for people. */
export function percentText(units: bigint): string {
  return toPlainString(units, PERCENT_SCALE).replace('.', ',');
}

function days(text: string, field: string, errors: ScheduleErrors, blank: number): number | null {
  if (!text.trim()) return blank;
  if (!/^\d+$/.test(text.trim())) {
    errors[field] = 'invalid';
    return null;
  }
  const n = Number(text.trim());
  if (n > MAX_DAYS) {
    errors[field] = 'out_of_range';
    return null;
  }
  return n;
}

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/** The parts of an invoice of `total` kopecks dated `invoiceDate`, or what is wrong. */
export function previewSchedule(form: ScheduleForm, total: bigint, invoiceDate: string): SchedulePreview {
  const errors: ScheduleErrors = {};
  switch (form.kind) {
    case 'prepayment':
    case 'deferral': {
      const d = days(form.days, 'schedule.days', errors, form.kind === 'prepayment' ? DEFAULT_DAYS : -1);
      if (d === -1) errors['schedule.days'] = 'required';
      if (d === null || d < 0) return { ok: false, errors };
      return {
        ok: true,
        parts: [{ percent: '100', amount: total, due_date: addDays(invoiceDate, d) }],
        terms: { kind: form.kind, days: d },
      };
    }
    case 'fifty_fifty': {
      const d = days(form.days, 'schedule.days', errors, DEFAULT_DAYS);
      const second = form.second_due_date.trim();
      if (second && !isDate(second)) errors['schedule.second_due_date'] = 'invalid';
      if (d === null || Object.keys(errors).length) return { ok: false, errors };
      const first = addDays(invoiceDate, d);
      const secondDue = second || addDays(invoiceDate, DEFAULT_SECOND_HALF_DAYS);
      if (secondDue < first) return { ok: false, errors: { 'schedule.second_due_date': 'before_previous' } };
      const [a, b] = allocate(total, [50n * 10n ** 4n, 50n * 10n ** 4n]);
      return {
        ok: true,
        parts: [
          { percent: '50', amount: a!, due_date: first },
          { percent: '50', amount: b!, due_date: secondDue },
        ],
        terms: second ? { kind: 'fifty_fifty', days: d, second_due_date: second } : { kind: 'fifty_fifty', days: d },
      };
    }
    case 'custom': {
      if (form.parts.length === 0) return { ok: false, errors: { 'schedule.parts': 'required' }, sum: 0n };
      const percents: bigint[] = [];
      let previous: string | null = null;
      form.parts.forEach((p, i) => {
        const v = p.percent.trim() ? parseScaled(p.percent, PERCENT_SCALE) : 'required';
        if (typeof v === 'string') errors[`schedule.parts[${i}].percent`] = v;
        else if (v <= 0n) errors[`schedule.parts[${i}].percent`] = 'out_of_range';
        else percents.push(v);
        const due = p.due_date.trim();
        const field = `schedule.parts[${i}].due_date`;
        if (!due) errors[field] = 'required';
        else if (!isDate(due)) errors[field] = 'invalid';
        else if (previous === null && due < invoiceDate) errors[field] = 'out_of_range';
        else if (previous !== null && due < previous) errors[field] = 'before_previous';
        if (due && isDate(due)) previous = previous === null || due > previous ? due : previous;
      });
      const sum = percentSum(form.parts);
      if (sum !== HUNDRED) errors['schedule.parts'] = 'sum';
      if (Object.keys(errors).length) return { ok: false, errors, sum };
      const amounts = allocate(total, percents);
      const parts = form.parts.map((p, i) => ({
        percent: toPlainString(percents[i]!, PERCENT_SCALE),
        amount: amounts[i]!,
        due_date: p.due_date.trim(),
      }));
      return { ok: true, parts, terms: { kind: 'custom', parts: parts.map(({ percent, due_date }) => ({ percent, due_date })) } };
    }
  }
}
