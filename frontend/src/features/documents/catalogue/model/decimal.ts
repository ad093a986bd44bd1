// Decimals as the API has them (strings with a point, never floats) and as Russians type and read
// them («92,5», «1 850,00 €»).
import { formatMoneyInput } from '../../../../shared/format/money';
import type { Currency } from '../api/catalogue';

const SIGN: Record<Currency, string> = { RUB: '₽', EUR: '€', USD: '$' };

/** «1 850,00 ₽», «120,50 €» — an amount in its currency; blank for none. */
export function formatAmount(amount: string | null | undefined, currency: Currency): string {
  if (amount === null || amount === undefined || amount === '') return '';
  return `${formatMoneyInput(amount)}\u00a0${SIGN[currency]}`;
}

/** A rate in roubles per unit with at least four decimals: "92.5" → «92,5000». */
export function formatRate(rate: string): string {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(rate.trim());
  if (!m) return rate;
  const whole = m[1]!.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${whole},${(m[2] ?? '').padEnd(4, '0')}`;
}
