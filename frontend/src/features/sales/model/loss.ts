// The loss dialog's rules (seed 000: «Отмечаем подробно возражения, заносим в список рассылки»):
// a reason from the dictionary is required; «Другое» needs the objections written out.
import type { LossInput } from '../api/sales';

export interface LossValues {
  reason: string;
  objections: string;
  add_to_mailing: boolean;
}

/** The reason whose objections must be described (the server says the same). */
export const OTHER_REASON = 'other';

export const emptyLoss = (): LossValues => ({ reason: '', objections: '', add_to_mailing: false });

export type LossErrors = Partial<Record<'reason' | 'objections', 'required'>>;

export function validateLoss(v: LossValues): LossErrors {
  const errors: LossErrors = {};
  if (!v.reason) errors.reason = 'required';
  if (v.reason === OTHER_REASON && !v.objections.trim()) errors.objections = 'required';
  return errors;
}

export function lossPayload(v: LossValues): LossInput {
  const objections = v.objections.trim();
  return { reason: v.reason, objections: objections || null, add_to_mailing: v.add_to_mailing };
}
