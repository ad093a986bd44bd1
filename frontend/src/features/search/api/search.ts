// One search across clients, contacts, leads and deals (`GET /api/v1/search`).
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../shared/api/client';
import type { Ok } from '../../../shared/api/types';

export type SearchResults = Ok<'/api/v1/search', 'get'>;
export type SearchHit = SearchResults['clients'][number];
export const SEARCH_KINDS = ['clients', 'contacts', 'leads', 'deals'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** Whether the server takes the query: three characters, or a card number («5», «№5»). */
export function searchable(q: string): boolean {
  const t = q.trim();
  return t.length >= 3 || /^[№#]?\s*\d+$/.test(t);
}

export const searchQuery = (q: string) =>
  queryOptions({
    queryKey: ['search', q.trim()] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/search', { params: { query: { q: q.trim(), limit: 5 } }, signal })),
    enabled: searchable(q),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
