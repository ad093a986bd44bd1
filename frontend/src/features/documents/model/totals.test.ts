import { describe, expect, it } from 'vitest';
import { divRound, parseScaled, toDecimalString, toInputText, toPlainString } from './decimal';
import { amountsOf, calculate, parseLine, rateForKind, ratesOn, totalsOf, VAT_CODES, VAT_PERCENT, type LineText, type VatCode } from './totals';

const rub = (kopecks: bigint) => toDecimalString(kopecks, 2);

function line(quantity: string, price: string, discount_pct: string, vat: VatCode) {
  const r = parseLine({ quantity, price, discount_pct, vat });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const a = amountsOf(r.line);
  return { amount: rub(a.amount), vat: rub(a.vat), net: rub(a.net) };
}

describe('decimals', () => {
  it('read numbers typed the Russian way and the API’s', () => {
    expect(parseScaled('1 850,5', 2)).toBe(185050n);
    expect(parseScaled('1\u00a0850.50', 2)).toBe(185050n);
    expect(parseScaled('120', 3)).toBe(120000n);
    expect(parseScaled(',5', 2)).toBe(50n);
    expect(parseScaled('10.500', 2)).toBe(1050n); // trailing zeros are not precision
    expect(parseScaled('10.005', 2)).toBe('too_precise');
    expect(parseScaled('1e5', 2)).toBe('invalid');
    expect(parseScaled('-5', 2)).toBe('invalid');
    expect(parseScaled('12,3,4', 2)).toBe('invalid');
  });

  it('write them back for the API and for a field', () => {
    expect(toDecimalString(185050n, 2)).toBe('1850.50');
    expect(toDecimalString(5n, 2)).toBe('0.05');
    expect(toPlainString(120500n, 3)).toBe('120.5');
    expect(toPlainString(500n, 2)).toBe('5');
    expect(toInputText('1850.50')).toBe('1850,5');
    expect(toInputText('120.000')).toBe('120');
  });

  it('round half away from zero', () => {
    expect(divRound(25n, 10n)).toBe(3n);
    expect(divRound(24n, 10n)).toBe(2n);
    expect(divRound(-25n, 10n)).toBe(-3n);
    expect(divRound(15n, 10n)).toBe(2n); // banker's rounding would give 2 too; 25 tells them apart
  });
});

describe('line amounts, as the server computes them', () => {
  it('take VAT out of the price, not on top of it', () => {
    expect(line('1', '122.00', '0', 'vat22')).toEqual({ amount: '122.00', vat: '22.00', net: '100.00' });
    expect(line('10', '1200', '0', 'vat20')).toEqual({ amount: '12000.00', vat: '2000.00', net: '10000.00' });
    expect(line('1', '110', '0', 'vat10')).toEqual({ amount: '110.00', vat: '10.00', net: '100.00' });
  });

  it('apply the discount before VAT is extracted', () => {
    // 1700 × 22 / 122 = 306.557… → 306.56
    expect(line('2', '1000', '15', 'vat22')).toEqual({ amount: '1700.00', vat: '306.56', net: '1393.44' });
  });

  it('round half away from zero to the kopeck', () => {
    expect(line('0.5', '0.05', '0', 'none').amount).toBe('0.03');
    expect(line('1.5', '0.01', '0', 'none').amount).toBe('0.02');
    expect(line('2.5', '0.01', '0', 'none').amount).toBe('0.03');
    // VAT exactly at the midpoint: 16.47 × 20 / 120 = 2.745 → 2.75.
    expect(line('1', '16.47', '0', 'vat20').vat).toBe('2.75');
  });

  it('carry no VAT at 0 % and «без НДС»', () => {
    expect(line('3', '99.99', '0', 'vat0')).toEqual({ amount: '299.97', vat: '0.00', net: '299.97' });
    expect(line('3', '99,99', '', 'none')).toEqual({ amount: '299.97', vat: '0.00', net: '299.97' });
  });

  it('give a zero line for a full discount', () => {
    expect(line('5', '1000', '100', 'vat22')).toEqual({ amount: '0.00', vat: '0.00', net: '0.00' });
  });

  it('price «1 850,00 ₽» × 120 m² with 5 % off', () => {
    // 120 × 1850 × 0.95 = 210 900; VAT 22/122 = 38 031.147… → 38 031.15
    expect(line('120', '1 850,00', '5', 'vat22')).toEqual({ amount: '210900.00', vat: '38031.15', net: '172868.85' });
  });
});

describe('line checks, as the server refuses', () => {
  const errors = (l: Partial<LineText>) => {
    const r = parseLine({ quantity: '1', price: '1', discount_pct: '0', vat: 'vat22', ...l });
    return r.ok ? {} : r.errors;
  };
  it('name the field that is wrong', () => {
    expect(errors({ quantity: '0' })).toEqual({ quantity: 'out_of_range' });
    expect(errors({ quantity: '1,2345' })).toEqual({ quantity: 'too_precise' });
    expect(errors({ quantity: '' })).toEqual({ quantity: 'required' });
    expect(errors({ price: '10,005' })).toEqual({ price: 'too_precise' });
    expect(errors({ discount_pct: '100,01' })).toEqual({ discount_pct: 'out_of_range' });
    expect(errors({ vat: '' })).toEqual({ vat: 'required' });
    expect(errors({ vat: 'vat18' })).toEqual({ vat: 'invalid' });
    expect(errors({ quantity: '1000000000', price: '10000' })).toEqual({ price: 'too_large' });
  });
});

describe('totals', () => {
  it('add up the lines and break VAT down per rate', () => {
    const lines = (
      [
        ['1', '122', 'vat22'],
        ['2', '61', 'vat22'],
        ['1', '110', 'vat10'],
        ['1', '50', 'none'],
      ] as const
    ).map(([q, p, v]) => {
      const r = parseLine({ quantity: q, price: p, discount_pct: '', vat: v });
      if (!r.ok) throw new Error('line');
      return amountsOf(r.line);
    });
    const t = totalsOf(lines);
    expect([rub(t.total), rub(t.vat_total), rub(t.net_total)]).toEqual(['404.00', '54.00', '350.00']);
    expect(t.vat_by_rate.map((x) => [x.rate, rub(x.vat)])).toEqual([
      ['vat22', '44.00'],
      ['vat10', '10.00'],
      ['none', '0.00'],
    ]);
  });

  it('count only valid lines and say when some are not', () => {
    const c = calculate([
      { quantity: '2', price: '100', discount_pct: '', vat: 'vat22' },
      { quantity: '', price: '100', discount_pct: '', vat: 'vat22' },
    ]);
    expect(c.complete).toBe(false);
    expect(rub(c.totals.total)).toBe('200.00');
    expect(c.lines[1]).toEqual({ errors: { quantity: 'required' } });
    expect(calculate([]).complete).toBe(false);
  });
});

describe('VAT of a catalogue item on the document date', () => {
  it('standard is 20 % in 2025 and 22 % from 2026', () => {
    expect(rateForKind('standard', '2025-12-31')).toBe('vat20');
    expect(rateForKind('standard', '2026-01-01')).toBe('vat22');
    expect(rateForKind('reduced', '2026-05-01')).toBe('vat10');
    expect(rateForKind('zero', '2026-05-01')).toBe('vat0');
    expect(rateForKind('exempt', '2026-05-01')).toBe('none');
    expect(ratesOn('2026-11-30')).toEqual(['vat22', 'vat10', 'vat0', 'none']);
  });
});

/** A small deterministic generator (mulberry32), so a failing case can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('properties of random offers', () => {
  const rnd = random(20261130);
  const int = (max: number) => Math.floor(rnd() * (max + 1));
  const decimalText = (whole: number, places: number) => {
    const w = int(whole);
    const f = places > 0 ? String(int(10 ** places - 1)).padStart(places, '0') : '';
    return f ? `${w},${f}` : String(w);
  };

  it('every line is within half a kopeck of its exact amount and its VAT of the exact share', () => {
    for (let i = 0; i < 2000; i++) {
      const text: LineText = {
        quantity: decimalText(5000, int(3)),
        price: decimalText(200_000, int(2)),
        discount_pct: int(3) === 0 ? '' : decimalText(99, int(2)),
        vat: VAT_CODES[int(VAT_CODES.length - 1)]!,
      };
      const r = parseLine(text);
      if (!r.ok) {
        expect(r.errors).toEqual({ quantity: 'out_of_range' }); // only a zero quantity is refused here
        continue;
      }
      const { quantity: q, price: p, discount: d } = r.line;
      const a = amountsOf(r.line);
      // exact amount in kopecks = q·p·(10⁴ − d) / 10⁷: the rounded one is off by at most ½.
      const exact = q * p * (10_000n - d);
      const diff = a.amount * 10_000_000n - exact;
      expect(diff * 2n <= 10_000_000n && diff * 2n > -10_000_000n, JSON.stringify(text)).toBe(true);
      const rate = VAT_PERCENT[a.rate] ?? 0n;
      const vatDiff = a.vat * (100n + rate) - a.amount * rate;
      expect(vatDiff * 2n <= 100n + rate && vatDiff * 2n > -(100n + rate), JSON.stringify(text)).toBe(true);
      expect(a.vat + a.net).toBe(a.amount);
      expect(a.vat >= 0n && a.vat <= a.amount).toBe(true);
    }
  });

  it('totals reconcile: Σ amount, Σ VAT = Σ per rate, net = total − VAT', () => {
    for (let i = 0; i < 300; i++) {
      const lines: LineText[] = Array.from({ length: 1 + int(12) }, () => ({
        quantity: decimalText(900, int(3)).replace(/^0(,0*)?$/, '1'),
        price: decimalText(99_999, int(2)),
        discount_pct: decimalText(100, 0),
        vat: VAT_CODES[int(VAT_CODES.length - 1)]!,
      }));
      const c = calculate(lines);
      expect(c.complete, JSON.stringify(lines)).toBe(true);
      const amounts = c.lines as { amount: bigint; vat: bigint; net: bigint }[];
      expect(c.totals.total).toBe(amounts.reduce((s, l) => s + l.amount, 0n));
      expect(c.totals.vat_total).toBe(amounts.reduce((s, l) => s + l.vat, 0n));
      expect(c.totals.vat_by_rate.reduce((s, r) => s + r.vat, 0n)).toBe(c.totals.vat_total);
      expect(c.totals.net_total).toBe(amounts.reduce((s, l) => s + l.net, 0n));
      expect(c.totals.net_total + c.totals.vat_total).toBe(c.totals.total);
    }
  });
});
