// A deal's money (issue 11): its invoices with their schedule parts due / paid / overdue and the
// lines shipped, the payments put on them, the shipments, the client's advance and what it all
// says. Query keys, queryOptions and the tab's mutations over the typed client; errors stay
// ApiProblem.
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../../shared/api/client';
import type { Body, Ok } from '../../../../shared/api/types';

export type DealMoney = Ok<'/api/v1/deals/{id}/money', 'get'>;
export type InvoiceMoney = DealMoney['invoices'][number];
export type SchedulePart = InvoiceMoney['parts'][number];
export type InvoiceLine = InvoiceMoney['lines'][number];
export type DealPayment = DealMoney['payments'][number];
export type Shipment = DealMoney['shipments'][number];
export type CancelReason = DealMoney['cancel_reasons'][number];
export type ShipmentBody = Body<'/api/v1/deals/{id}/shipments', 'post'>;
export type CancelBody = Body<'/api/v1/invoices/{id}/cancel', 'post'>;
export type PaymentBody = Body<'/api/v1/payments', 'post'>;

/** What the tab needs of the deal (the deal card's own type lives in sales). */
export type DealForMoney = Pick<
  Ok<'/api/v1/deals/{id}', 'get'>,
  'id' | 'status' | 'client_id' | 'client_name' | 'counterparty_name' | 'company_name'
>;

export const dealMoneyKeys = {
  all: ['finance', 'deal-money'] as const,
  deal: (dealId: string) => [...dealMoneyKeys.all, dealId] as const,
};

export const dealMoneyQuery = (dealId: string) =>
  queryOptions({
    queryKey: dealMoneyKeys.deal(dealId),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/deals/{id}/money', { params: { path: { id: dealId } }, signal })),
  });

/** Records what was shipped against an invoice (no lines: everything that remains). */
export const recordShipment = (dealId: string, body: ShipmentBody) =>
  unwrap(api.POST('/api/v1/deals/{id}/shipments', { params: { path: { id: dealId } }, body }));

/** Cancels an issued invoice nothing is paid on; the deal is lost when it was its last one. */
export const cancelInvoice = (invoiceId: string, body: CancelBody) =>
  unwrap(api.POST('/api/v1/invoices/{id}/cancel', { params: { path: { id: invoiceId } }, body }));

/** An incoming payment entered by hand and put on an invoice. */
export const recordPayment = (body: PaymentBody) => unwrap(api.POST('/api/v1/payments', { body }));
