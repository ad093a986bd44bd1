// The app's one search (`GET /api/v1/search`), shared by the header's search and the pickers that
// find a client, lead or deal (a new task's subject).
import { api, unwrap } from './client';
import type { Ok } from './types';

export type SearchResults = Ok<'/api/v1/search', 'get'>;
export type SearchHit = SearchResults['clients'][number];

/** Whether the server takes the query: three characters, or a card number («5», «№5»). */
export function searchable(q: string): boolean {
  const t = q.trim();
  return t.length >= 3 || /^[№#]?\s*\d+$/.test(t);
}

export function search(q: string, limit: number, signal?: AbortSignal): Promise<SearchResults> {
  return unwrap(api.GET('/api/v1/search', { params: { query: { q: q.trim(), limit } }, signal }));
}
