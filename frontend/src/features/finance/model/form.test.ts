import { describe, expect, it } from 'vitest';
import { amountProblem, emptyPayment, paymentPayload, todayIso } from './form';

describe('the new payment form', () => {
  it('starts as an incoming bank payment of today', () => {
    expect(todayIso(new Date(2026, 10, 5))).toBe('2026-11-05');
    expect(emptyPayment('2026-11-30')).toMatchObject({ direction: 'incoming', method: 'bank', paid_on: '2026-11-30', is_refund: false });
  });

  it('reads amounts the Russian way', () => {
    expect(amountProblem('')).toBe('required');
    expect(amountProblem('12,5,0')).toBe('invalid');
    expect(amountProblem('125 000,50')).toBeNull();
  });

  it('sends decimal strings, digits of requisites and no blanks', () => {
    const body = paymentPayload({
      ...emptyPayment('2026-11-30'),
      number: ' 1042 ',
      amount: '825 000,5',
      party_inn: '5001 056 781',
      purpose: 'Оплата по счёту № 1',
      is_refund: true, // ignored for an incoming payment
    });
    expect(body).toEqual({
      direction: 'incoming',
      method: 'bank',
      number: '1042',
      paid_on: '2026-11-30',
      amount: '825000.50',
      client_id: undefined,
      party_name: undefined,
      party_inn: '5001056781',
      party_account: undefined,
      party_bik: undefined,
      purpose: 'Оплата по счёту № 1',
      is_refund: false,
      note: undefined,
    });
  });

  it('keeps a refund for an outgoing payment', () => {
    expect(paymentPayload({ ...emptyPayment(), direction: 'outgoing', amount: '100', is_refund: true, client_id: 'c1' })).toMatchObject({
      is_refund: true,
      client_id: 'c1',
      amount: '100.00',
    });
  });
});
