// Clients as a picker finds them: the search behind the one ClientSelect of the sales and
// finance forms (the clients feature has the rest of the clients API).
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { Ok } from './types';

export type ClientOption = Ok<'/api/v1/clients', 'get'>['items'][number];

export const clientOptionKeys = {
  /** The clients feature's key too: whatever refreshes the clients refreshes the pickers. */
  all: ['clients'] as const,
  search: (q: string) => [...clientOptionKeys.all, 'options', q] as const,
};

/** Up to 20 clients by name, INN, phone or e-mail (all of them, the first 20, for an empty `q`). */
export const clientOptionsQuery = (q: string) =>
  queryOptions({
    queryKey: clientOptionKeys.search(q),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/clients', { params: { query: { q: q || undefined, limit: 20 } }, signal })).then((r) => r.items),
    placeholderData: (previous) => previous,
    staleTime: 30_000,
  });

/** How a client is named in a picker: with its INN, when it has one. */
export const clientOptionLabel = (c: Pick<ClientOption, 'name' | 'inn'>) => (c.inn ? `${c.name} (${c.inn})` : c.name);
