// Distributing a deal's tiles among the productions, as people type and read it: who may assign
// (the domain's table: a logistician, a manager, an admin), the ranking's question from what was
// typed (m² and the thickness the Russian way through shared/format/decimal, optional
// coordinates «55,7558»), its figures («1 417 км», «9,1 %», points «7,8»), the proposed placement
// in one sentence's parts, and the assignment's body.
import type { Me, Role } from '../../../shared/api/types';
import { parseDecimalInput } from '../../../shared/format/decimal';
import { isIsoDate } from '../../../shared/dates/parse';
import { onProductionSide } from '../../../shared/api/me';
import type { AssignBody, DistributionParams, Placement } from '../api/distribution';
import type { PaymentTerms } from '../api/productions';

/** Who gives a deal's tiles to a production (the API's `assign`). */
export const ASSIGN_ROLES = ['admin', 'manager', 'logistician'] as const satisfies readonly Role[];

/** Whether `me` assigns orders: one of the roles, on the head company's side. */
export function canAssign(me: Pick<Me, 'role'> & { organization?: Pick<Me['organization'], 'kind'> } | undefined): boolean {
  return !!me && !onProductionSide(me) && (ASSIGN_ROLES as readonly Role[]).includes(me.role);
}

/** The ranking form: what to make, how much, by when, and (optionally) where to. */
export interface DistributionValues {
  tile_type: string;
  thickness_mm: string;
  quantity_m2: string;
  due_date: string;
  lat: string;
  lon: string;
}

export type DistributionField = keyof DistributionValues;
export type InputError = 'required' | 'number' | 'date' | 'latitude' | 'longitude' | 'positive';

export const emptyDistribution = (): DistributionValues => ({ tile_type: 'Плитка', thickness_mm: '', quantity_m2: '', due_date: '', lat: '', lon: '' });

/** «55,7558», «-37.6» → 55.7558, -37.6; `null` blank; `undefined` not a number. */
export function parseCoordinate(text: string): number | null | undefined {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(/^[−–]/, '-');
  if (compact === '') return null;
  const m = /^(-?)(\d+(?:[.,]\d+)?)$/.exec(compact);
  if (!m) return undefined;
  return Number(`${m[1]}${m[2]!.replace(',', '.')}`);
}

const positive = (decimal: string) => /[1-9]/.test(decimal);

export type BuiltDistribution = { ok: true; params: DistributionParams } | { ok: false; errors: Partial<Record<DistributionField, InputError>> };

/**
 * The ranking's query from the form: the tile type trimmed, the thickness and m² as decimals
 * («150,5» → "150.5"), the day as typed in the date field (`YYYY-MM-DD`); coordinates only when
 * both are typed (one of them alone is an error). Nothing is asked when a field is wrong.
 */
export function buildDistributionParams(v: DistributionValues): BuiltDistribution {
  const errors: Partial<Record<DistributionField, InputError>> = {};
  const tile = v.tile_type.trim();
  if (!tile) errors.tile_type = 'required';
  const thickness = parseDecimalInput(v.thickness_mm, 2);
  if (thickness === null) errors.thickness_mm = 'required';
  else if (thickness === undefined) errors.thickness_mm = 'number';
  else if (!positive(thickness)) errors.thickness_mm = 'positive';
  const quantity = parseDecimalInput(v.quantity_m2, 2);
  if (quantity === null) errors.quantity_m2 = 'required';
  else if (quantity === undefined) errors.quantity_m2 = 'number';
  else if (!positive(quantity)) errors.quantity_m2 = 'positive';
  const due = v.due_date.trim();
  if (!due) errors.due_date = 'required';
  else if (!isIsoDate(due)) errors.due_date = 'date';
  const lat = parseCoordinate(v.lat);
  const lon = parseCoordinate(v.lon);
  if (lat === undefined || (lat !== null && Math.abs(lat) > 90)) errors.lat = 'latitude';
  if (lon === undefined || (lon !== null && Math.abs(lon) > 180)) errors.lon = 'longitude';
  if (lat === null && typeof lon === 'number') errors.lat = 'required';
  if (lon === null && typeof lat === 'number') errors.lon = 'required';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const params: DistributionParams = { tile_type: tile, thickness_mm: thickness!, quantity_m2: quantity!, due_date: due };
  if (typeof lat === 'number' && typeof lon === 'number') {
    params.lat = lat;
    params.lon = lon;
  }
  return { ok: true, params };
}

/** The assignment's form, prefilled from the ranking. */
export interface AssignValues {
  quantity: string;
  due_date: string;
  delivery_contact: string;
  terms: PaymentTerms | null;
}

export type AssignField = keyof AssignValues;

export type BuiltAssign = { ok: true; body: AssignBody } | { ok: false; errors: Partial<Record<AssignField, InputError>> };

/** What to make is the ranking's (its tile and thickness); m², the day, who receives, the terms are typed. */
export function buildAssignBody(
  productionId: string,
  asked: Pick<DistributionParams, 'tile_type' | 'thickness_mm'>,
  v: AssignValues,
): BuiltAssign {
  const errors: Partial<Record<AssignField, InputError>> = {};
  const quantity = parseDecimalInput(v.quantity, 2);
  if (quantity === null) errors.quantity = 'required';
  else if (quantity === undefined) errors.quantity = 'number';
  else if (!positive(quantity)) errors.quantity = 'positive';
  const due = v.due_date.trim();
  if (!due) errors.due_date = 'required';
  else if (!isIsoDate(due)) errors.due_date = 'date';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const body: AssignBody = {
    production_id: productionId,
    tile_type: asked.tile_type ?? '',
    thickness_mm: asked.thickness_mm ?? '',
    quantity: quantity!,
    due_date: due,
  };
  const contact = v.delivery_contact.trim();
  if (contact) body.delivery_contact = contact;
  if (v.terms) body.terms = v.terms;
  return { ok: true, body };
}

/** The m² to give a production: its part of the proposed placement, else the whole quantity. */
export function quantityFor(placement: Placement | null | undefined, productionId: string, whole: string): string {
  return placement?.parts.find((p) => p.production_id === productionId)?.quantity_m2 ?? whole;
}

const group = (n: number, digits: number) =>
  new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 0, maximumFractionDigits: digits }).format(n).replace(/[\u202f ]/g, '\u00a0');

/** 1416.7 → «1 417 км» (whole kilometres). */
export const formatKm = (km: number) => `${group(Math.round(km), 0)}\u00a0км`;

/** Points: 7.83 → «7,8», 25 → «25». */
export const formatPoints = (points: number) => group(Math.round(points * 10) / 10, 1);

/** A percentage string "12.5" → «12,5 %». */
export function formatPercent(value: string): string {
  const n = Number(value);
  return Number.isFinite(n) ? `${group(Math.round(n * 10) / 10, 1)}\u00a0%` : value;
}

/** The defect rate as a fraction ("0.0909") → «9,1 %»; `null` when there were no checks. */
export function formatDefectRate(rate: string | null | undefined): string | null {
  if (rate === null || rate === undefined || rate === '') return null;
  const n = Number(rate);
  return Number.isFinite(n) ? `${group(Math.round(n * 1000) / 10, 1)}\u00a0%` : rate;
}

/** The five components of a score, in the order and with the maxima the API gives them. */
export const SCORE_PARTS = [
  ['distance', 30],
  ['price', 25],
  ['capacity', 20],
  ['quality', 15],
  ['load', 10],
] as const;
