// API keys for integrations: the list, issuing one (its secret is shown once), revoking.
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../shared/api/client';
import type { Body, Ok } from '../../../shared/api/types';

export type ApiKey = Ok<'/api/v1/api-keys', 'get'>['items'][number];
export type CreateApiKeyBody = Body<'/api/v1/api-keys', 'post'>;
export type CreatedApiKey = Ok<'/api/v1/api-keys', 'post'>;

export const apiKeyKeys = {
  all: ['api-keys'] as const,
  list: () => [...apiKeyKeys.all, 'list'] as const,
};

export const apiKeysQuery = queryOptions({
  queryKey: apiKeyKeys.list(),
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/api-keys', { signal })).then((r) => r.items),
});
export const createApiKey = (body: CreateApiKeyBody) => unwrap(api.POST('/api/v1/api-keys', { body }));
export const revokeApiKey = (id: string) => unwrap(api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id } } }));
