// The money of an offer's lines, computed in the browser exactly as the server does
// (`domain::documents::lines`): prices include VAT,
//   amount = round2(quantity × price × (1 − discount / 100))
//   vat    = round2(amount × rate / (100 + rate))
//   net    = amount − vat
// rounded half away from zero to the kopeck; the totals are sums of the rounded lines, so the
// printed lines always add up to the printed totals. Everything is BigInt: kopecks, thousandths
// of a unit, hundredths of a percent.
import { divRound, parseScaled } from './decimal';

export const VAT_CODES = ['vat22', 'vat20', 'vat10', 'vat0', 'none'] as const;
export type VatCode = (typeof VAT_CODES)[number];

/** The rate in percent; null for «без НДС». */
export const VAT_PERCENT: Record<VatCode, bigint | null> = { vat22: 22n, vat20: 20n, vat10: 10n, vat0: 0n, none: null };

export const isVatCode = (v: string): v is VatCode => (VAT_CODES as readonly string[]).includes(v);

/** Decimal places the server accepts. */
export const QUANTITY_SCALE = 3;
export const PRICE_SCALE = 2;
export const DISCOUNT_SCALE = 2;
/** The largest quantity on a line. */
export const MAX_QUANTITY = 1_000_000_000n;
/** Whole roubles at most of a price and of quantity × price (`Money::MAX_UNITS`). */
export const MAX_UNITS = 9_999_999_999_999n;

/** A line as typed: numbers as text, the Russian way or the API's. */
export interface LineText {
  quantity: string;
  price: string;
  /** Blank is no discount. */
  discount_pct: string;
  vat: string;
}

/** Why a field of a line is refused, as the server would refuse it. */
export type LineProblem = 'required' | 'invalid' | 'too_precise' | 'out_of_range' | 'too_large';
export type LineErrors = Partial<Record<keyof LineText, LineProblem>>;

/** One line's money, in kopecks. */
export interface LineAmounts {
  amount: bigint;
  vat: bigint;
  net: bigint;
  rate: VatCode;
}

/** A checked line: its quantity in thousandths, price in kopecks, discount in hundredths of a percent. */
export interface ParsedLine {
  quantity: bigint;
  price: bigint;
  discount: bigint;
  rate: VatCode;
}

export type LineResult = { ok: true; line: ParsedLine } | { ok: false; errors: LineErrors };

/** Checks a typed line the way the server does (`LineInput::parse`). */
export function parseLine(text: LineText): LineResult {
  const errors: LineErrors = {};
  const num = (field: keyof LineText, value: string, scale: number, blankIsZero = false): bigint | null => {
    if (!value.trim()) {
      if (blankIsZero) return 0n;
      errors[field] = 'required';
      return null;
    }
    const v = parseScaled(value, scale);
    if (typeof v === 'string') {
      errors[field] = v;
      return null;
    }
    return v;
  };
  const quantity = num('quantity', text.quantity, QUANTITY_SCALE);
  const price = num('price', text.price, PRICE_SCALE);
  const discount = num('discount_pct', text.discount_pct, DISCOUNT_SCALE, true);
  if (quantity !== null && (quantity <= 0n || quantity > MAX_QUANTITY * 1000n)) errors.quantity = 'out_of_range';
  if (price !== null && price > MAX_UNITS * 100n) errors.price = 'out_of_range';
  if (discount !== null && discount > 10_000n) errors.discount_pct = 'out_of_range';
  if (!isVatCode(text.vat)) errors.vat = text.vat ? 'invalid' : 'required';
  // quantity × price beyond MAX_UNITS roubles: refused under `price`.
  if (!errors.quantity && !errors.price && quantity !== null && price !== null && quantity * price > MAX_UNITS * 100_000n)
    errors.price = 'too_large';
  if (Object.keys(errors).length > 0 || quantity === null || price === null || discount === null) return { ok: false, errors };
  return { ok: true, line: { quantity, price, discount, rate: text.vat as VatCode } };
}

/** The money of a checked line. */
export function amountsOf(line: ParsedLine): LineAmounts {
  // quantity/10³ × price/10² × (10⁴ − discount)/10⁴, in kopecks (× 10²): over 10³·10⁴.
  const amount = divRound(line.quantity * line.price * (10_000n - line.discount), 10_000_000n);
  const rate = VAT_PERCENT[line.rate];
  const vat = rate === null || rate === 0n ? 0n : divRound(amount * rate, 100n + rate);
  return { amount, vat, net: amount - vat, rate: line.rate };
}

/** A document's totals, in kopecks: sums of the rounded lines. */
export interface Totals {
  total: bigint;
  vat_total: bigint;
  net_total: bigint;
  /** VAT per rate that occurs, from the highest rate to «без НДС». */
  vat_by_rate: { rate: VatCode; vat: bigint }[];
}

export function totalsOf(lines: readonly LineAmounts[]): Totals {
  let total = 0n;
  let vatTotal = 0n;
  const byRate = new Map<VatCode, bigint>();
  for (const l of lines) {
    total += l.amount;
    vatTotal += l.vat;
    byRate.set(l.rate, (byRate.get(l.rate) ?? 0n) + l.vat);
  }
  return {
    total,
    vat_total: vatTotal,
    net_total: total - vatTotal,
    vat_by_rate: VAT_CODES.filter((r) => byRate.has(r)).map((rate) => ({ rate, vat: byRate.get(rate)! })),
  };
}

/** Every line of an editor: its money or why it cannot be counted; totals of the countable ones. */
export interface OfferCalculation {
  lines: (LineAmounts | { errors: LineErrors })[];
  totals: Totals;
  /** True when every line is valid (the totals are the document's). */
  complete: boolean;
}

export function calculate(lines: readonly LineText[]): OfferCalculation {
  const out: OfferCalculation['lines'] = [];
  const good: LineAmounts[] = [];
  for (const text of lines) {
    const r = parseLine(text);
    if (r.ok) {
      const a = amountsOf(r.line);
      out.push(a);
      good.push(a);
    } else out.push({ errors: r.errors });
  }
  return { lines: out, totals: totalsOf(good), complete: good.length === lines.length && lines.length > 0 };
}

/** The standard rate in force on a document date (`YYYY-MM-DD`): 20 % before 2026, 22 % since. */
export function standardRateOn(date: string): VatCode {
  return date < '2026-01-01' ? 'vat20' : 'vat22';
}

/** A catalogue item's VAT kind → the line's rate on the document date (`VatKind::rate_on`). */
export function rateForKind(kind: 'standard' | 'reduced' | 'zero' | 'exempt', date: string): VatCode {
  switch (kind) {
    case 'standard':
      return standardRateOn(date);
    case 'reduced':
      return 'vat10';
    case 'zero':
      return 'vat0';
    case 'exempt':
      return 'none';
  }
}

/** The rates a document dated `date` may use: the standard one in force, 10 %, 0 %, «без НДС». */
export function ratesOn(date: string): VatCode[] {
  return [standardRateOn(date), 'vat10', 'vat0', 'none'];
}
