// Decimals as people type them («1 250,5», «92.5») read into the API's decimal strings ("1250.5"):
// no floating point on the way.

/**
 * «1 250,5», «1250.50», «45» → "1250.5", "1250.5", "45": a comma or a point, spaces between the
 * digits, trailing zeros of the fraction dropped. `null` for a blank field; `undefined` when it is
 * not a number or has more than `maxFraction` significant digits after the comma.
 */
export function parseDecimalInput(text: string, maxFraction: number): string | null | undefined {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  if (compact === '') return null;
  const m = /^(\d+)(?:[.,](\d+))?$/.exec(compact);
  if (!m) return undefined;
  const whole = m[1]!.replace(/^0+(?=\d)/, '');
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > maxFraction) return undefined;
  return frac ? `${whole}.${frac}` : whole;
}
