// Production orders (issue 12): the portal's list (a production sees only its own, with no price
// and no client), one order with its steps, and a step taken at the version read — query-key
// factories, queryOptions and the action through the typed client (problems stay typed ApiProblems).
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../shared/api/client';
import type { Body, Ok } from '../../../shared/api/types';

export type OrderList = Ok<'/api/v1/production-orders', 'get'>;
export type OrderItem = OrderList['items'][number];
export type Order = Ok<'/api/v1/production-orders/{id}', 'get'>;
export type OrderEvent = Order['events'][number];
export type OrderState = OrderItem['state'];
export type OrderAction = OrderItem['allowed_actions'][number];
export type OrderActor = OrderEvent['actor_role'];
export type ActionBody = Body<'/api/v1/production-orders/{id}/actions', 'post'>;
/** A step as this app sends it: always an action and the version read. */
export type StepBody = ActionBody & { action: OrderAction; version: number };

export interface OrderListParams {
  state: OrderState | null;
  offset: number;
}

export const orderKeys = {
  all: ['production-orders'] as const,
  lists: () => [...orderKeys.all, 'list'] as const,
  list: (p: OrderListParams, limit: number) => [...orderKeys.lists(), p.state ?? 'all', p.offset, limit] as const,
  detail: (id: string) => [...orderKeys.all, 'detail', id] as const,
};

/** One page of the orders the caller may read, newest first, optionally in one stage. */
export const orderListQuery = (p: OrderListParams, limit: number) =>
  queryOptions({
    queryKey: orderKeys.list(p, limit),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/production-orders', {
          params: { query: { limit, offset: p.offset, ...(p.state ? { state: p.state } : {}) } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });

/** One order with its steps; 404 outside the caller's scope (another production's). */
export const orderQuery = (id: string) =>
  queryOptions({
    queryKey: orderKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/production-orders/{id}', { params: { path: { id } }, signal })),
  });

/**
 * Takes one step. 403: the caller's role does not take it; 409 `version_conflict`: acted on since
 * `version` was read; 422: the stage refuses it (`state`, `quality`) or a field is wrong.
 */
export const actOnOrder = (id: string, body: StepBody) =>
  unwrap(api.POST('/api/v1/production-orders/{id}/actions', { params: { path: { id } }, body }));
