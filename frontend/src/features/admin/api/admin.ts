import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../shared/api/client';
import type { Body, Ok } from '../../../shared/api/types';

export type User = Ok<'/api/v1/users', 'get'>['items'][number];
export type CreateUserBody = Body<'/api/v1/users', 'post'>;
export type UpdateUserBody = Body<'/api/v1/users/{id}', 'patch'>;
export type ApiKey = Ok<'/api/v1/api-keys', 'get'>['items'][number];
export type CreateApiKeyBody = Body<'/api/v1/api-keys', 'post'>;
export type CreatedApiKey = Ok<'/api/v1/api-keys', 'post'>;
export type ImportResult = Ok<'/api/v1/banks/import', 'post'>;

export const userKeys = {
  all: ['users'] as const,
  list: (q: string) => [...userKeys.all, 'list', q] as const,
};
export const apiKeyKeys = {
  all: ['api-keys'] as const,
  list: () => [...apiKeyKeys.all, 'list'] as const,
};

export const usersQuery = (q: string) =>
  infiniteQueryOptions({
    queryKey: userKeys.list(q),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/users', {
          params: { query: { q: q || undefined, limit: 50, cursor: pageParam ?? undefined } },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: (previous) => previous,
  });

export const createUser = (body: CreateUserBody) => unwrap(api.POST('/api/v1/users', { body }));
export const updateUser = (id: string, body: UpdateUserBody) =>
  unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body }));

export const apiKeysQuery = queryOptions({
  queryKey: apiKeyKeys.list(),
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/api-keys', { signal })).then((r) => r.items),
});
export const createApiKey = (body: CreateApiKeyBody) => unwrap(api.POST('/api/v1/api-keys', { body }));
export const revokeApiKey = (id: string) => unwrap(api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id } } }));

/** Sends the ED807 file as it is (windows-1251 XML): the server parses it. */
export const importBanks = (file: Blob) =>
  unwrap(
    api.POST('/api/v1/banks/import', {
      body: file as unknown as string,
      bodySerializer: (b: unknown) => b as BodyInit,
      headers: { 'Content-Type': 'application/xml' },
    }),
  );
