// Money as the API sends it — a decimal string of roubles ("125000.50") — shown and typed the
// Russian way: «125 000,50 ₽». Amounts stay strings end to end, grouped as text: no floating point.

/** "125000.5" → «125 000,50» (non-breaking spaces); `null` when it is not a decimal. */
function grouped(amount: string): string | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!m) return null;
  const [, sign, whole, frac = ''] = m;
  return `${sign}${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')},${frac.padEnd(2, '0').slice(0, 2)}`;
}

/** «125 000,50 ₽»; blank for no amount. */
export function formatMoney(amount: string | number | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '';
  const text = typeof amount === 'number' ? amount.toFixed(2) : amount;
  const g = grouped(text);
  return g === null ? String(amount) : `${g}\u00a0₽`;
}

/** «125 000,50» — the amount for an input field, without the currency sign. */
export function formatMoneyInput(amount: string | null | undefined): string {
  if (!amount) return '';
  return grouped(amount) ?? amount;
}

/**
 * What a person typed as an amount («125 000,50», «125000.5», «1 500 ₽») as the API's decimal
 * string ("125000.50"); `null` for a blank field, `undefined` when it is not an amount.
 */
export function parseMoneyInput(text: string): string | null | undefined {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(/₽|руб\.?|р\.?$/gi, '');
  if (compact === '') return null;
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!m) return undefined;
  const whole = m[1]!.replace(/^0+(?=\d)/, '');
  const kopecks = (m[2] ?? '').padEnd(2, '0');
  return `${whole}.${kopecks}`;
}
