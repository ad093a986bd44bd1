// Exact decimals for money, quantities and percents: a number typed the Russian way («1 850,5»)
// or sent by the API ("1850.50") becomes a BigInt of units at a fixed scale (kopecks,
// thousandths), and back. No floating point anywhere money is computed.

/** Why a typed number was refused. */
export type DecimalProblem = 'invalid' | 'too_precise';

/**
 * Text → BigInt units of 10^-scale: «1 850,5» at scale 2 → 185050n. Spaces (also no-break) group
 * digits, a comma or a point starts the fraction. Negative numbers are not amounts here.
 */
export function parseScaled(text: string, scale: number): bigint | DecimalProblem {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  const m = /^(\d+)(?:\.(\d*))?$/.exec(compact) ?? /^()\.(\d+)$/.exec(compact);
  if (!m) return 'invalid';
  const whole = m[1] || '0';
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > scale) return 'too_precise';
  return BigInt(whole) * 10n ** BigInt(scale) + BigInt(frac.padEnd(scale, '0') || '0');
}

/** BigInt units of 10^-scale → the API's decimal string: 185050n at 2 → "1850.50". */
export function toDecimalString(units: bigint, scale: number): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  if (scale === 0) return `${negative ? '-' : ''}${abs}`;
  const digits = abs.toString().padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** The same without trailing zeros in the fraction: 120500n at 3 → "120.5", 5n at 0 → "5". */
export function toPlainString(units: bigint, scale: number): string {
  const s = toDecimalString(units, scale);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** A decimal string for an input field the Russian way: "120.5" → «120,5». */
export function toInputText(decimal: string | null | undefined): string {
  if (decimal === null || decimal === undefined || decimal === '') return '';
  const m = /^(-?\d+)(?:\.(\d+))?$/.exec(decimal.trim());
  if (!m) return decimal;
  const frac = (m[2] ?? '').replace(/0+$/, '');
  return frac ? `${m[1]},${frac}` : m[1]!;
}

/**
 * n / d rounded to an integer, half away from zero (as the server's `MidpointAwayFromZero`).
 * `d` must be positive.
 */
export function divRound(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new RangeError('divisor must be positive');
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const q = (2n * abs + d) / (2n * d);
  return negative ? -q : q;
}
