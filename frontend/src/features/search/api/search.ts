// One search across clients, contacts, leads and deals (`GET /api/v1/search`), as the header asks it.
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { search, searchable } from '../../../shared/api/search';

export { searchable, type SearchHit, type SearchResults } from '../../../shared/api/search';
export const SEARCH_KINDS = ['clients', 'contacts', 'leads', 'deals'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const searchQuery = (q: string) =>
  queryOptions({
    queryKey: ['search', q.trim()] as const,
    queryFn: ({ signal }) => search(q, 5, signal),
    enabled: searchable(q),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
