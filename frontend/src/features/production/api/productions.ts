// The productions' profiles (issue 12): the list with each one's summary, one production with its
// whole profile, and the PUT that replaces the profile at the version read — query-key factories,
// queryOptions and the mutation through the typed client (problems stay typed ApiProblems).
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../shared/api/client';
import type { Body, Ok } from '../../../shared/api/types';

export type ProductionRow = Ok<'/api/v1/productions', 'get'>['items'][number];
export type Production = Ok<'/api/v1/productions/{id}', 'get'>;
export type Profile = NonNullable<Production['profile']>;
export type Offer = Profile['offers'][number];
export type PaymentTerms = Profile['payment_terms'];
export type ProfileBody = Body<'/api/v1/productions/{id}/profile', 'put'>;

export const productionKeys = {
  all: ['productions'] as const,
  list: () => [...productionKeys.all, 'list'] as const,
  detail: (id: string) => [...productionKeys.all, 'detail', id] as const,
};

/** Every production the caller may read (a production: itself), with its profile's summary. */
export const productionListQuery = queryOptions({
  queryKey: productionKeys.list(),
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/productions', { signal })).then((r) => r.items),
});

/** One production with its profile (`null` until the head company enters it); 404 outside scope. */
export const productionQuery = (id: string) =>
  queryOptions({
    queryKey: productionKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/productions/{id}', { params: { path: { id } }, signal })),
  });

/**
 * Replaces the profile (its offers too) — `productions.manage`. 409 `version_conflict` when it was
 * saved since `version` was read; 422 names `daily_capacity_m2`, `working_days`, `offers[i].…`.
 */
export const saveProfile = (id: string, body: ProfileBody) =>
  unwrap(api.PUT('/api/v1/productions/{id}/profile', { params: { path: { id } }, body }));
