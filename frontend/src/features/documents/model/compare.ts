// Two versions of an offer side by side: which lines stayed, changed, came or went. A line is
// the same line in both when it is the same catalogue item, else when it has the same name.

export interface ComparableLine {
  item_id?: string | null;
  name: string;
  quantity: string;
  unit: string;
  price: string;
  discount_pct: string;
  vat: string;
  amount: string;
}

export const COMPARED_FIELDS = ['quantity', 'unit', 'price', 'discount_pct', 'vat', 'amount'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export type RowChange = 'same' | 'changed' | 'added' | 'removed';

/** One row of the comparison: the line in the left version, in the right one, and what differs. */
export interface ComparedRow<L extends ComparableLine> {
  left: L | null;
  right: L | null;
  change: RowChange;
  /** The fields that differ (for `changed`). */
  fields: ComparedField[];
}

/** Numbers compare by value: "120.000" and "120" are the same quantity. */
function same(a: string, b: string): boolean {
  const num = /^-?\d+(\.\d+)?$/;
  if (num.test(a) && num.test(b)) {
    const norm = (s: string) => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);
    return norm(a) === norm(b);
  }
  return a === b;
}

const key = (l: ComparableLine) => (l.item_id ? `item:${l.item_id}` : `name:${l.name.trim().toLowerCase()}`);

/** Rows in the right version's order, lines that went placed after the line before them on the left. */
export function compareLines<L extends ComparableLine>(left: readonly L[], right: readonly L[]): ComparedRow<L>[] {
  const unmatched = new Map<string, L[]>();
  for (const l of left) unmatched.set(key(l), [...(unmatched.get(key(l)) ?? []), l]);
  const matched = new Map<L, L>();
  const rows: ComparedRow<L>[] = right.map((r) => {
    const candidates = unmatched.get(key(r));
    const l = candidates?.shift() ?? null;
    if (!l) return { left: null, right: r, change: 'added', fields: [] };
    matched.set(l, r);
    const fields = COMPARED_FIELDS.filter((f) => !same(l[f], r[f]));
    return { left: l, right: r, change: fields.length ? 'changed' : 'same', fields };
  });
  // Removed lines: after the row of the nearest earlier left line that is still there.
  left.forEach((l, i) => {
    if (matched.has(l)) return;
    let at = 0;
    for (let j = i - 1; j >= 0; j--) {
      const r = matched.get(left[j]!);
      if (r) {
        at = rows.findIndex((row) => row.right === r) + 1;
        break;
      }
    }
    while (at < rows.length && rows[at]!.change === 'removed') at++;
    rows.splice(at, 0, { left: l, right: null, change: 'removed', fields: [] });
  });
  return rows;
}
