// A deal's production orders and their distribution (issue 12): the deal's orders (the head
// company's; a production gets 403), the productions ranked for what is to be made (and those
// left out, with why), and the assignment of (part of) the deal to one of them — query-key
// factories, queryOptions and the POST through the typed client (problems stay typed ApiProblems).
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../shared/api/client';
import type { Body, Ok, Query } from '../../../shared/api/types';

export type DealOrderList = Ok<'/api/v1/deals/{id}/production-orders', 'get'>;
export type DealOrder = DealOrderList['items'][number];
export type Distribution = Ok<'/api/v1/deals/{id}/distribution', 'get'>;
export type Ranked = Distribution['ranked'][number];
export type Excluded = Distribution['excluded'][number];
export type Placement = NonNullable<Distribution['placement']>;
export type DistributionParams = Query<'/api/v1/deals/{id}/distribution', 'get'>;
export type AssignBody = Body<'/api/v1/deals/{id}/production-orders', 'post'>;
export type DistributionQueue = Ok<'/api/v1/distribution/deals', 'get'>;
export type WaitingDeal = DistributionQueue['items'][number];

/** The most the queue shows (the API's largest page). */
export const QUEUE_LIMIT = 200;

export const dealOrderKeys = {
  all: ['deal-production-orders'] as const,
  list: (dealId: string) => [...dealOrderKeys.all, dealId, 'list'] as const,
  distribution: (dealId: string, p: DistributionParams) => [...dealOrderKeys.all, dealId, 'distribution', p] as const,
  /** Under `all`: whatever an assignment invalidates (the deal card's tab does so) reads the queue again. */
  queue: () => [...dealOrderKeys.all, 'queue'] as const,
};

/**
 * «Распределение»: paid deals whose tiles no live order carries yet, oldest first — the head
 * company's logisticians, managers and admins only (403 for anyone else).
 */
export const distributionQueueQuery = () =>
  queryOptions({
    queryKey: dealOrderKeys.queue(),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/distribution/deals', { params: { query: { limit: QUEUE_LIMIT } }, signal })),
  });

/** The deal's orders, oldest first, declined and cancelled ones too. */
export const dealOrdersQuery = (dealId: string) =>
  queryOptions({
    queryKey: dealOrderKeys.list(dealId),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/deals/{id}/production-orders', { params: { path: { id: dealId } }, signal })),
  });

/**
 * The productions ranked for `p`; without `lat`/`lon` the point is the city of the deal's delivery
 * address — 422 with `lat` `not_located` when none is found there.
 */
export const distributionQuery = (dealId: string, p: DistributionParams) =>
  queryOptions({
    queryKey: dealOrderKeys.distribution(dealId, p),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/deals/{id}/distribution', { params: { path: { id: dealId }, query: p }, signal })),
    staleTime: 0,
    retry: false,
  });

/** Gives (part of) the deal to a production: 201 the order; 403 not an assigning role; 422 by field. */
export const assignOrder = (dealId: string, body: AssignBody) =>
  unwrap(api.POST('/api/v1/deals/{id}/production-orders', { params: { path: { id: dealId } }, body }));
