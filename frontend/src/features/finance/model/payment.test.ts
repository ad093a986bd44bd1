import { describe, expect, it } from 'vitest';
import { hasRest, oneClickAmount, paymentParty, paymentStatus, rankedSuggestions } from './payment';

const incoming = { direction: 'incoming', is_refund: false };

describe('payment status', () => {
  it('maps an incoming payment by what is on invoices', () => {
    expect(paymentStatus({ ...incoming, allocated: '100.00', rest: '0.00' })).toBe('allocated');
    expect(paymentStatus({ ...incoming, allocated: '50.00', rest: '50.00' })).toBe('partial');
    expect(paymentStatus({ ...incoming, allocated: '0', rest: '100.00' })).toBe('unallocated');
  });

  it('maps money paid out, a refund apart', () => {
    expect(paymentStatus({ direction: 'outgoing', is_refund: false, allocated: '0', rest: '0' })).toBe('outgoing');
    expect(paymentStatus({ direction: 'outgoing', is_refund: true, allocated: '0', rest: '0' })).toBe('refund');
  });

  it('has a rest only for incoming money left over', () => {
    expect(hasRest({ direction: 'incoming', rest: '0.01' })).toBe(true);
    expect(hasRest({ direction: 'incoming', rest: '0' })).toBe(false);
    expect(hasRest({ direction: 'outgoing', rest: '10.00' })).toBe(false);
  });
});

describe('one-click matching', () => {
  it('puts as much as both the rest and the outstanding allow', () => {
    expect(oneClickAmount({ rest: '825000.00' }, { outstanding: '1689132.00' })).toBe('825000.00');
    expect(oneClickAmount({ rest: '2090000.00' }, { outstanding: '156918' })).toBe('156918.00');
  });

  it('ranks suggestions best first, the older invoice first on a tie', () => {
    const ranked = rankedSuggestions([
      { score: 35, invoice_date: '2026-11-30', id: 'a' },
      { score: 60, invoice_date: '2026-11-30', id: 'b' },
      { score: 35, invoice_date: '2026-11-01', id: 'c' },
    ]);
    expect(ranked.map((s) => s.id)).toEqual(['b', 'c', 'a']);
  });
});

describe('who a payment is with', () => {
  it('names the client, with the bank’s name of the payer when it differs', () => {
    expect(paymentParty({ client_name: 'ДачаСтрой', party_name: 'ООО «ДачаСтрой»' })).toEqual({ name: 'ДачаСтрой', bankName: 'ООО «ДачаСтрой»' });
    expect(paymentParty({ client_name: 'ООО «ДачаСтрой»', party_name: 'ООО "ДачаСтрой"' })).toEqual({ name: 'ООО «ДачаСтрой»', bankName: null });
  });

  it('falls back to the payer as the bank named it when there is no client', () => {
    expect(paymentParty({ client_name: null, party_name: 'ИП Соколов Андрей Викторович' })).toEqual({ name: 'ИП Соколов Андрей Викторович', bankName: null });
    expect(paymentParty({ client_name: undefined, party_name: 'ООО «РезинТех»' })).toEqual({ name: 'ООО «РезинТех»', bankName: null });
  });
});
