import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';

export const organizationKeys = {
  all: ['organizations'] as const,
  list: () => [...organizationKeys.all, 'list'] as const,
};

export const organizationsQuery = queryOptions({
  queryKey: organizationKeys.list(),
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/organizations', { signal })).then((r) => r.items),
  staleTime: 5 * 60_000,
});
