// The organization's requisites form: values (strings, as typed; named as the body's fields so a
// server error lands under its field) and the PUT body they become.
import { digitsOnly, formatPhoneInput } from '../../../shared/format/format';
import type { Requisites, RequisitesBody } from '../api/requisites';

export const REQUISITES_FIELDS = [
  'full_name',
  'short_name',
  'inn',
  'kpp',
  'ogrn',
  'legal_address',
  'postal_address',
  'phone',
  'email',
  'bik',
  'bank_account',
  'corr_account',
  'bank_name',
  'bank_city',
  'director_position',
  'director_name',
  'director_acting',
  'accountant_name',
] as const;

export type RequisitesValues = Record<(typeof REQUISITES_FIELDS)[number], string>;

/** Requisites typed with spaces (or dashes) that are digits only. */
const DIGITS: ReadonlySet<string> = new Set(['inn', 'ogrn', 'bik', 'bank_account', 'corr_account']);

/** The form's values: the stored requisites, or a blank form when there are none yet. */
export function requisitesValues(r: Requisites | null): RequisitesValues {
  const out = {} as RequisitesValues;
  for (const f of REQUISITES_FIELDS) {
    const v = r?.[f] ?? '';
    out[f] = f === 'phone' ? formatPhoneInput(v) : v;
  }
  return out;
}

/**
 * The body of PUT …/requisites: every field (the PUT replaces them all), blanks as null, digits-only
 * requisites without their spaces; `version` is the one read, left out the first time.
 */
export function requisitesPayload(v: RequisitesValues, version: number | null): RequisitesBody {
  const body: Record<string, string | number | null> = {};
  for (const f of REQUISITES_FIELDS) {
    const s = v[f].trim();
    body[f] = s === '' ? null : DIGITS.has(f) && /^[\d\s-]+$/.test(s) ? digitsOnly(s) : s;
  }
  return {
    ...(body as Omit<RequisitesBody, 'full_name' | 'short_name'>),
    full_name: v.full_name.trim(),
    short_name: v.short_name.trim(),
    ...(version === null ? {} : { version }),
  };
}
