import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { Me, Permission } from './types';

export const meKeys = { me: ['me'] as const };

export const meQuery = queryOptions({
  queryKey: meKeys.me,
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/me', { signal })),
  staleTime: 5 * 60_000,
});

export function can(me: Pick<Me, 'permissions'> | undefined, permission: Permission): boolean {
  return !!me?.permissions.includes(permission);
}

/** The signed-in user; only used below the app shell, which has already loaded it. */
export function useMe(): Me | undefined {
  return useQuery(meQuery).data;
}

export function useCan(permission: Permission): boolean {
  return can(useMe(), permission);
}
