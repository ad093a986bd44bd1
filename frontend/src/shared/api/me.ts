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

/**
 * Whether the user works for a production rather than the head company: the production role, or
 * any role in a production's organization. Such a user sees its own production's profile, never
 * the list, and edits none (the server refuses it whatever the role's permissions say).
 */
export function onProductionSide(me: Pick<Me, 'role'> & { organization?: Pick<Me['organization'], 'kind'> } | undefined): boolean {
  return !!me && (me.role === 'production' || me.organization?.kind === 'production');
}
