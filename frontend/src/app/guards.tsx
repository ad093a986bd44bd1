import { Center, Loader } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { can, meQuery } from '../shared/api/me';
import { getTokens, subscribeSession } from '../shared/api/session';
import type { Permission, Role } from '../shared/api/types';
import { NotFound } from '../shared/ui/NotFound';
import { navItems, shows } from './navigation';

export { ORDER_ROLES } from './navigation';

/** Without a session (never signed in, logged out, refresh failed) every page leads to /login. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const tokens = useSyncExternalStore(subscribeSession, getTokens);
  const location = useLocation();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!tokens) queryClient.clear();
  }, [tokens, queryClient]);
  if (!tokens) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}

/** Pages a role may not use look like pages that do not exist; `roles` may use it without the permission. */
export function RequirePermission({ permission, roles, children }: { permission: Permission; roles?: readonly Role[]; children: ReactNode }) {
  const { data: me } = useQuery(meQuery);
  if (!me) return null;
  return can(me, permission) || roles?.includes(me.role) ? children : <NotFound />;
}

/** `/` opens the first section the user may use. */
export function HomeRedirect() {
  const { data: me, isPending } = useQuery(meQuery);
  if (isPending)
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  const first = navItems.find((item) => shows(item, me));
  return first ? <Navigate to={first.to} replace /> : <NotFound />;
}
