// Settlements between the head company and each production (issue 12): the overview of all of
// them (a production's people get their own line only), one production's statement with its
// running balance, the accountant's entries and the reconciliation statement (акт сверки) as PDF —
// query-key factories, queryOptions and the mutation through the typed client.
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../../shared/api/client';
import type { Body, Ok } from '../../../../shared/api/types';
import type { Period } from '../model/period';

export type Overview = Ok<'/api/v1/settlements', 'get'>;
export type ProductionLine = Overview['productions'][number];
export type Balance = Overview['total'];
export type Statement = Ok<'/api/v1/productions/{id}/settlements', 'get'>;
export type Entry = Statement['entries'][number];
export type EntryInput = Body<'/api/v1/productions/{id}/settlements', 'post'>;

export const settlementKeys = {
  all: ['settlements'] as const,
  overview: (period: Period) => [...settlementKeys.all, 'overview', period] as const,
  statement: (id: string, period: Period) => [...settlementKeys.all, 'statement', id, period] as const,
};

/** Every production's balance for the period, the totals and the headline figures. */
export const overviewQuery = (period: Period) =>
  queryOptions({
    queryKey: settlementKeys.overview(period),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/settlements', { params: { query: { from: period.from, to: period.to } }, signal })),
    placeholderData: keepPreviousData,
  });

/** One production's statement for the period; 404 for another production's people. */
export const statementQuery = (id: string, period: Period) =>
  queryOptions({
    queryKey: settlementKeys.statement(id, period),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/productions/{id}/settlements', { params: { path: { id }, query: { from: period.from, to: period.to } }, signal })),
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === id ? previous : undefined),
  });

/** An entry the production orders do not record — `settlements.write`; 422 names kind, on_date, amount, document, note. */
export const recordEntry = (id: string, body: EntryInput) =>
  unwrap(api.POST('/api/v1/productions/{id}/settlements', { params: { path: { id } }, body }));

/** The reconciliation statement's address for the period (downloaded with the session). */
export function reconciliationUrl(id: string, period: Period): string {
  const params = new URLSearchParams({ from: period.from, to: period.to });
  return `/api/v1/productions/${encodeURIComponent(id)}/settlements/reconciliation.pdf?${params.toString()}`;
}
