// Money as the finance API sends it — decimal strings of roubles ("12500.50", sometimes "0" or
// "-100.5") — computed exactly: each amount becomes a BigInt of kopecks and back. No floating point
// anywhere a sum, a minimum or a share is worked out (the same idea as documents' `decimal.ts`).

/** "12500.5" → 1250050n; `null` when the text is not an amount (or has more than two kopeck digits). */
export function toKopecks(amount: string | null | undefined): bigint | null {
  if (amount === null || amount === undefined) return null;
  const m = /^(-?)(\d+)(?:\.(\d{0,2}))?$/.exec(amount.trim());
  if (!m) return null;
  const units = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] ? -units : units;
}

/** 1250050n → "12500.50" (the API's form). */
export function fromKopecks(kopecks: bigint): string {
  const negative = kopecks < 0n;
  const digits = (negative ? -kopecks : kopecks).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Kopecks of an amount the API sent; an unreadable one counts as nothing. */
const k = (amount: string | null | undefined): bigint => toKopecks(amount) ?? 0n;

/** The sum of amounts, as the API's decimal string. */
export function sumMoney(amounts: Iterable<string | null | undefined>): string {
  let total = 0n;
  for (const a of amounts) total += k(a);
  return fromKopecks(total);
}

/** The smaller of two amounts. */
export function minMoney(a: string, b: string): string {
  return fromKopecks(k(a) <= k(b) ? k(a) : k(b));
}

/** Whether an amount is more than zero ("0", "0.00" and blanks are not). */
export function isPositive(amount: string | null | undefined): boolean {
  return k(amount) > 0n;
}

/**
 * What share `part` is of `whole`, in whole percent rounded half up (0 when `whole` is nothing):
 * the overdue part of the receivables.
 */
export function percentOf(part: string, whole: string): number {
  const w = k(whole);
  if (w <= 0n) return 0;
  return Number((k(part) * 200n + w) / (2n * w));
}
