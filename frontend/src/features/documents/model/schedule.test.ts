import { describe, expect, it } from 'vitest';
import { toDecimalString } from './decimal';
import { addDays, allocate, percentSum, percentText, previewSchedule, type ScheduleForm } from './schedule';

const form = (f: Partial<ScheduleForm>): ScheduleForm => ({ kind: 'prepayment', days: '', second_due_date: '', parts: [], ...f });
const rub = (k: bigint) => toDecimalString(k, 2);
const pct = (s: string) => BigInt(Math.round(Number(s) * 10_000));

describe('the schedule preview, as the server makes it', () => {
  const invoice = '2026-11-30';
  const total = 45_000_000n; // 450 000,00 ₽

  it('prepayment: everything within 5 days by default', () => {
    const p = previewSchedule(form({ kind: 'prepayment' }), total, invoice);
    expect(p).toEqual({ ok: true, parts: [{ percent: '100', amount: total, due_date: '2026-12-05' }], terms: { kind: 'prepayment', days: 5 } });
  });

  it('50/50: halves in days and a month after the invoice unless a date is given', () => {
    const p = previewSchedule(form({ kind: 'fifty_fifty', days: '3' }), 100_001n, invoice);
    expect(p.ok && p.parts.map((x) => [x.percent, rub(x.amount), x.due_date])).toEqual([
      ['50', '500.01', '2026-12-03'],
      ['50', '500.00', '2026-12-30'],
    ]);
    const dated = previewSchedule(form({ kind: 'fifty_fifty', days: '5', second_due_date: '2027-01-15' }), total, invoice);
    expect(dated.ok && dated.terms).toEqual({ kind: 'fifty_fifty', days: 5, second_due_date: '2027-01-15' });
    const early = previewSchedule(form({ kind: 'fifty_fifty', days: '10', second_due_date: '2026-12-01' }), total, invoice);
    expect(early).toEqual({ ok: false, errors: { 'schedule.second_due_date': 'before_previous' } });
  });

  it('deferral needs its days', () => {
    expect(previewSchedule(form({ kind: 'deferral' }), total, invoice)).toEqual({ ok: false, errors: { 'schedule.days': 'required' } });
    const p = previewSchedule(form({ kind: 'deferral', days: '30' }), total, invoice);
    expect(p.ok && p.parts[0]!.due_date).toBe('2026-12-30');
    expect(previewSchedule(form({ kind: 'deferral', days: '3651' }), total, invoice)).toEqual({
      ok: false,
      errors: { 'schedule.days': 'out_of_range' },
    });
  });

  it('custom: 30 000 split 33,334 / 33,333 / 33,333 adds up to the kopeck', () => {
    const p = previewSchedule(
      form({
        kind: 'custom',
        parts: [
          { percent: '33,334', due_date: '2026-12-01' },
          { percent: '33.333', due_date: '2026-12-15' },
          { percent: '33,333', due_date: '2027-01-15' },
        ],
      }),
      3_000_000n,
      invoice,
    );
    expect(p.ok && p.parts.map((x) => rub(x.amount))).toEqual(['10000.20', '9999.90', '9999.90']);
    expect(p.ok && p.terms).toEqual({
      kind: 'custom',
      parts: [
        { percent: '33.334', due_date: '2026-12-01' },
        { percent: '33.333', due_date: '2026-12-15' },
        { percent: '33.333', due_date: '2027-01-15' },
      ],
    });
  });

  it('custom: percents that do not add up to 100 say their sum; dates may not go back', () => {
    const p = previewSchedule(
      form({
        kind: 'custom',
        parts: [
          { percent: '30', due_date: '2026-11-29' },
          { percent: '60', due_date: '2026-12-10' },
          { percent: '0', due_date: '2026-12-05' },
        ],
      }),
      total,
      invoice,
    );
    expect(p).toEqual({
      ok: false,
      sum: pct('90'),
      errors: {
        'schedule.parts[0].due_date': 'out_of_range',
        'schedule.parts[2].percent': 'out_of_range',
        'schedule.parts[2].due_date': 'before_previous',
        'schedule.parts': 'sum',
      },
    });
    expect(percentText(percentSum([{ percent: '33,3333' }, { percent: '33,3333' }, { percent: 'x' }]))).toBe('66,6666');
  });
});

describe('allocation by the largest remainder', () => {
  it('gives the left-over kopeck to the largest dropped fraction, on a tie to the earlier part', () => {
    expect(allocate(10_000n, [pct('33.3333'), pct('33.3333'), pct('33.3334')]).map(rub)).toEqual(['33.33', '33.33', '33.34']);
    expect(allocate(100n, [pct('50'), pct('50')])).toEqual([50n, 50n]);
    expect(allocate(1n, [pct('50'), pct('50')])).toEqual([1n, 0n]);
    expect(allocate(0n, [pct('100')])).toEqual([0n]);
  });

  it('always adds up to the total, each part within a kopeck of its share', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648);
    for (let i = 0; i < 1000; i++) {
      const total = BigInt(next()) * BigInt(next() % 1000);
      const n = 1 + (next() % 6);
      const cuts = Array.from({ length: n - 1 }, () => BigInt(next() % 1_000_000)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const bounds = [0n, ...cuts, 1_000_000n];
      const percents = bounds.slice(1).map((b, j) => b - bounds[j]!);
      const parts = allocate(total, percents);
      expect(parts.reduce((s, a) => s + a, 0n)).toBe(total);
      parts.forEach((a, j) => {
        const exact = total * percents[j]!; // in units of 1/1 000 000 kopeck
        expect(a * 1_000_000n >= exact - 1_000_000n && a * 1_000_000n <= exact + 1_000_000n).toBe(true);
      });
    }
  });
});

describe('calendar days', () => {
  it('cross months and years', () => {
    expect(addDays('2026-12-30', 5)).toBe('2027-01-04');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});
