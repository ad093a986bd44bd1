// Users of the system: the list, creating one, changing role, organization or status.
import { infiniteQueryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../shared/api/client';
import type { Body, Ok } from '../../../shared/api/types';

export type User = Ok<'/api/v1/users', 'get'>['items'][number];
export type CreateUserBody = Body<'/api/v1/users', 'post'>;
export type UpdateUserBody = Body<'/api/v1/users/{id}', 'patch'>;

export const userKeys = {
  all: ['users'] as const,
  list: (q: string) => [...userKeys.all, 'list', q] as const,
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
