// Form values are strings; request bodies want absent (create) or null (patch) for blanks.

type Blankless<T> = { [K in keyof T]: T[K] extends string ? string | undefined : T[K] };

/** Trims strings and drops blank ones — for create requests. */
export function withoutBlanks<T extends object>(values: T): Blankless<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === 'string') {
      const s = v.trim();
      if (s !== '') out[k] = s;
    } else if (v !== undefined) out[k] = v;
  }
  return out as Blankless<T>;
}

/**
 * Only the fields that changed against `original`, blanks as null (cleared) — for PATCH.
 * Untouched fields are left out so a concurrent edit of another field is not overwritten.
 */
export function changedFields<T extends object>(
  values: T,
  original: Partial<Record<keyof T, unknown>>,
): Partial<{ [K in keyof T]: T[K] | null }> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    const next = typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : v;
    const before = original[k as keyof T] ?? null;
    if (next !== before) out[k] = next;
  }
  return out as Partial<{ [K in keyof T]: T[K] | null }>;
}
