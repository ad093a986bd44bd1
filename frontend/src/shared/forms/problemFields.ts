// Puts the `errors` of a 422 problem next to the form fields they name. Form values mirror
// the request body, so API paths (`counterparty.inn`) are form paths; `rename` covers the rest.
import type { ApiProblem, FieldError } from '../api/problem';

export interface MappedProblem {
  /** Field path → message, ready for Mantine's `form.setErrors`. */
  fields: Record<string, string>;
  /** Errors that name no field of this form: show them above the form. */
  rest: FieldError[];
}

export interface MapOptions {
  /** Whether the form has a field at this path. */
  hasField: (path: string) => boolean;
  /** Text for one error (e.g. translated). Defaults to the server's message. */
  message?: (error: FieldError) => string;
  /** API path → form path, for fields named differently in the form. */
  rename?: Record<string, string>;
}

export function mapProblemToFields(problem: Pick<ApiProblem, 'errors'>, options: MapOptions): MappedProblem {
  const message = options.message ?? ((e: FieldError) => e.message || e.code);
  const fields: Record<string, string> = {};
  const rest: FieldError[] = [];
  for (const error of problem.errors) {
    const path = options.rename?.[error.field] ?? error.field;
    if (!path || !options.hasField(path)) {
      rest.push(error);
      continue;
    }
    const text = message(error);
    fields[path] = fields[path] ? `${fields[path]}; ${text}` : text;
  }
  return { fields, rest };
}

/** True when `values` has a (possibly empty) value at the dotted `path`, e.g. `counterparty.inn`. */
export function hasPath(values: unknown, path: string): boolean {
  let node: unknown = values;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return true;
}

interface FormLike {
  getValues: () => unknown;
  setErrors: (errors: Record<string, string>) => void;
}

/**
 * Shows each field error on its field of a Mantine form; returns the ones that fit no field.
 * `hasField` may narrow the fields (e.g. a hidden optional section).
 */
export function applyProblemToForm(
  form: FormLike,
  problem: Pick<ApiProblem, 'errors'>,
  options: Partial<MapOptions> = {},
): FieldError[] {
  const values = form.getValues();
  const { fields, rest } = mapProblemToFields(problem, {
    hasField: options.hasField ?? ((p) => hasPath(values, p)),
    message: options.message,
    rename: options.rename,
  });
  form.setErrors(fields);
  return rest;
}
