// Exact decimals for money and quantities: a number typed the Russian way («1 850,5») or sent by
// the API ("1850.50") becomes a BigInt of units at a fixed scale (kopecks, thousandths), and
// back. No floating point anywhere money is added up or compared. (The same idea as the
// documents' helpers, kept here because a feature never reaches into another.)

/** Why a typed number was refused. */
export type DecimalProblem = 'invalid' | 'too_precise';

/** Kopecks in a rouble, thousandths in a unit. */
export const MONEY = 2;
export const QUANTITY = 3;

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

/** The API's decimal string as units; a malformed one (never sent by the API) counts as zero. */
export function units(decimal: string, scale: number): bigint {
  const negative = decimal.trim().startsWith('-');
  const parsed = parseScaled(negative ? decimal.trim().slice(1) : decimal, scale);
  if (typeof parsed !== 'bigint') return 0n;
  return negative ? -parsed : parsed;
}

/** BigInt units of 10^-scale → the API's decimal string: 185050n at 2 → "1850.50". */
export function toDecimalString(value: bigint, scale: number): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  if (scale === 0) return `${negative ? '-' : ''}${abs}`;
  const digits = abs.toString().padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** The same without trailing zeros in the fraction: 120500n at 3 → "120.5", 5000n at 3 → "5". */
export function toPlainString(value: bigint, scale: number): string {
  const s = toDecimalString(value, scale);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** A decimal string for an input field the Russian way: "120.500" → «120,5». */
export function toInputText(decimal: string): string {
  const m = /^(-?\d+)(?:\.(\d+))?$/.exec(decimal.trim());
  if (!m) return decimal;
  const frac = (m[2] ?? '').replace(/0+$/, '');
  return frac ? `${m[1]},${frac}` : m[1]!;
}

/** A quantity as the tab shows it: "1801.000" → «1 801», "12.5" → «12,5» (no-break spaces). */
export function formatQuantity(decimal: string): string {
  const text = toInputText(decimal);
  const m = /^(-?)(\d+)(,\d+)?$/.exec(text);
  if (!m) return decimal;
  return `${m[1]}${m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')}${m[3] ?? ''}`;
}
