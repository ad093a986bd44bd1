import { describe, expect, it } from 'vitest';
import { formatQuantity, parseScaled, toInputText, units } from './decimal';
import { allocationFor, checkAmount, checkShipment, dueNow, moneyState, partStatus, remaining, remainingTexts, shippable, suggestedPayment, totalsOf } from './money';

const invoice = (over: Partial<{ status: string; total: string; paid: string; outstanding: string; required_now: string }> = {}) => ({
  status: 'issued',
  total: '205840.00',
  paid: '0.00',
  outstanding: '205840.00',
  required_now: '102920.00',
  ...over,
});

describe('the line at the top of the money tab', () => {
  it('is the empty state without invoices', () => {
    expect(moneyState('nothing', [])).toBe('none');
  });

  it('takes the server’s facts as they are', () => {
    for (const s of ['payment_received', 'shipped_unpaid', 'settled', 'lost'])
      expect(moneyState(s, [invoice({ paid: '1.00' })])).toBe(s);
  });

  it('waits for the advance when nothing is paid and something is due', () => {
    expect(moneyState('nothing', [invoice()])).toBe('awaitingAdvance');
  });

  it('waits for the rest of what is due when part of it came', () => {
    expect(moneyState('nothing', [invoice({ paid: '50000.00', outstanding: '155840.00' })])).toBe('awaitingRest');
  });

  it('says nothing is due yet for a deferral', () => {
    expect(moneyState('nothing', [invoice({ required_now: '0.00' })])).toBe('notDueYet');
  });

  it('asks for a new invoice when every invoice was cancelled as re-issued', () => {
    expect(moneyState('nothing', [invoice({ status: 'cancelled' })])).toBe('reissued');
  });

  it('ignores cancelled invoices when looking for what is due', () => {
    expect(moneyState('nothing', [invoice({ status: 'cancelled' }), invoice({ required_now: '0.00' })])).toBe('notDueYet');
  });
});

describe('sums', () => {
  it('adds the live invoices in kopecks, without floating point', () => {
    const t = totalsOf([
      invoice({ total: '0.10', paid: '0.10', outstanding: '0.00', required_now: '0.10' }),
      invoice({ total: '0.20', paid: '0.00', outstanding: '0.20', required_now: '0.20' }),
      invoice({ status: 'cancelled', total: '1000.00', outstanding: '1000.00' }),
    ]);
    expect(t).toEqual({ total: '0.30', paid: '0.10', outstanding: '0.20', dueNow: '0.20' });
  });

  it('never shows a negative amount due now', () => {
    expect(dueNow(invoice({ paid: '150000.00', required_now: '102920.00' }))).toBe('0.00');
  });
});

describe('a payment on an invoice', () => {
  it('starts from what is due now', () => {
    expect(suggestedPayment(invoice())).toBe('102920.00');
  });

  it('starts from the outstanding amount when nothing is due now', () => {
    expect(suggestedPayment(invoice({ paid: '102920.00', outstanding: '102920.00' }))).toBe('102920.00');
    expect(suggestedPayment(invoice({ required_now: '0.00' }))).toBe('205840.00');
  });

  it('takes amounts typed the Russian way', () => {
    expect(checkAmount('102 920,5')).toEqual({ amount: '102920.50' });
    expect(checkAmount('102\u00a0920,00 ₽')).toEqual({ amount: '102920.00' });
  });

  it('refuses blank, malformed and zero amounts', () => {
    expect(checkAmount(' ')).toEqual({ problem: 'required' });
    expect(checkAmount('12,345')).toEqual({ problem: 'invalid' });
    expect(checkAmount('abc')).toEqual({ problem: 'invalid' });
    expect(checkAmount('0')).toEqual({ problem: 'zero' });
  });

  it('puts on the invoice at most what is outstanding (the rest stays the advance)', () => {
    expect(allocationFor('100.01', '100.00')).toBe('100.00');
    expect(allocationFor('40.50', '100.00')).toBe('40.50');
  });
});

describe('schedule parts', () => {
  it('are paid, overdue, partly paid or due', () => {
    expect(partStatus({ amount: '10.00', paid: '10.00', outstanding: '0.00', overdue: false })).toBe('paid');
    expect(partStatus({ amount: '10.00', paid: '0.00', outstanding: '10.00', overdue: true })).toBe('overdue');
    expect(partStatus({ amount: '10.00', paid: '5.00', outstanding: '5.00', overdue: false })).toBe('partly');
    expect(partStatus({ amount: '10.00', paid: '0.00', outstanding: '10.00', overdue: false })).toBe('due');
  });
});

describe('shipping', () => {
  const lines = [
    { line_id: 'a', quantity: '85', shipped: '40.5' },
    { line_id: 'b', quantity: '1', shipped: '1' },
  ];

  it('knows what is left on each line', () => {
    expect(remaining(lines[0]!)).toBe('44.5');
    expect(remaining(lines[1]!)).toBe('0');
    expect(remainingTexts(lines)).toEqual({ a: '44,5', b: '0' });
  });

  it('ships an invoice with something left, not a cancelled one', () => {
    expect(shippable({ ...invoice(), lines })).toBe(true);
    expect(shippable({ ...invoice(), lines: [lines[1]!] })).toBe(false);
    expect(shippable({ ...invoice({ status: 'cancelled' }), lines })).toBe(false);
  });

  it('sends the typed quantities, leaving out blank and zero lines', () => {
    expect(checkShipment(lines, { a: '44,5', b: '0' })).toEqual({ ok: true, send: [{ line_id: 'a', quantity: '44.5' }], problems: {}, nothing: false });
  });

  it('refuses more than is left, malformed numbers and an empty shipment', () => {
    expect(checkShipment(lines, { a: '45', b: '' }).problems).toEqual({ a: 'too_much' });
    expect(checkShipment(lines, { a: '1,2345' }).problems).toEqual({ a: 'too_precise' });
    expect(checkShipment(lines, { a: 'x' }).problems).toEqual({ a: 'invalid' });
    expect(checkShipment(lines, { a: '', b: '0' })).toMatchObject({ ok: false, nothing: true });
  });
});

describe('decimals', () => {
  it('read the API’s strings, negative ones too', () => {
    expect(units('1850.50', 2)).toBe(185050n);
    expect(units('-0.01', 2)).toBe(-1n);
    expect(parseScaled('1 850,5', 2)).toBe(185050n);
  });

  it('show quantities the Russian way', () => {
    expect(formatQuantity('1801.000')).toBe('1\u00a0801');
    expect(formatQuantity('12.5')).toBe('12,5');
    expect(toInputText('120.500')).toBe('120,5');
  });
});
