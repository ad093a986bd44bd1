// Clients: query-key factory, queryOptions and mutations, all through the typed client.
import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../shared/api/client';
import type { Body, Ok, Query } from '../../../shared/api/types';

export type ClientSummary = Ok<'/api/v1/clients', 'get'>['items'][number];
export type ClientDetail = Ok<'/api/v1/clients/{id}', 'get'>;
export type Counterparty = ClientDetail['counterparties'][number];
export type Contact = ClientDetail['contacts'][number];
export type BankAccount = Counterparty['bank_accounts'][number];
export type AuditEntry = Ok<'/api/v1/clients/{id}/history', 'get'>['items'][number];
export type SimilarClient = Ok<'/api/v1/clients/similar', 'get'>['items'][number];
export type Bank = Ok<'/api/v1/banks/{bik}', 'get'>;
export type DealTotals = Ok<'/api/v1/clients/{id}/deal-totals', 'get'>;
export type ClientCard = Ok<'/api/v1/deals', 'get'>['items'][number];
export type BanksImportResult = Ok<'/api/v1/banks/import', 'post'>;

export type ClientListQuery = Query<'/api/v1/clients', 'get'>;
export type Relationship = ClientSummary['relationship'];
export type ClientSort = NonNullable<ClientListQuery['sort']>;
export type SimilarQuery = Query<'/api/v1/clients/similar', 'get'>;

export type CreateClientBody = Body<'/api/v1/clients', 'post'>;
export type UpdateClientBody = Body<'/api/v1/clients/{id}', 'patch'>;
export type CounterpartyBody = Body<'/api/v1/clients/{id}/counterparties', 'post'>;
export type ContactBody = Body<'/api/v1/clients/{id}/contacts', 'post'>;
export type ContactPatchBody = Body<'/api/v1/contacts/{id}', 'patch'>;
export type CounterpartyPatchBody = Body<'/api/v1/counterparties/{id}', 'patch'>;
export type BankAccountBody = Body<'/api/v1/counterparties/{id}/bank-accounts', 'post'>;

export interface ClientFilters {
  q?: string;
  relationship?: Relationship;
  organization_id?: string;
  sort: ClientSort;
}

const PAGE_SIZE = 50;

/** The export of what the list's filters select (all of it, not only the pages loaded). */
export function clientExportUrl(filters: ClientFilters, format: 'csv' | 'xlsx'): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, format })) if (v) params.set(k, String(v));
  return `/api/v1/clients/export?${params.toString()}`;
}

export const clientKeys = {
  all: ['clients'] as const,
  lists: () => [...clientKeys.all, 'list'] as const,
  list: (filters: ClientFilters) => [...clientKeys.lists(), filters] as const,
  similar: (q: SimilarQuery) => [...clientKeys.all, 'similar', q] as const,
  details: () => [...clientKeys.all, 'detail'] as const,
  detail: (id: string) => [...clientKeys.details(), id] as const,
  history: (id: string) => [...clientKeys.detail(id), 'history'] as const,
  sales: (id: string, what: 'totals' | 'deals' | 'leads' | 'tasks' | 'timeline') => [...clientKeys.detail(id), 'sales', what] as const,
};

export type ClientTask = Ok<'/api/v1/tasks', 'get'>['items'][number];
export type ClientTimelineEntry = Ok<'/api/v1/clients/{id}/timeline', 'get'>['items'][number];

/** The tasks of all the client's leads and deals, every status. */
export const clientTasksQuery = (id: string) =>
  queryOptions({
    queryKey: clientKeys.sales(id, 'tasks'),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/tasks', { params: { query: { view: 'client', subject_id: id, limit: 200 } }, signal })).then((p) => p.items),
  });

/** The newest entries of the timelines of all the client's leads and deals. */
export const clientTimelineQuery = (id: string) =>
  queryOptions({
    queryKey: clientKeys.sales(id, 'timeline'),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/clients/{id}/timeline', { params: { path: { id } }, signal })).then((p) => p.items),
  });

export const bankKeys = {
  bik: (bik: string) => ['banks', bik] as const,
};

export const clientListQuery = (filters: ClientFilters) =>
  infiniteQueryOptions({
    queryKey: clientKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/clients', {
          params: {
            query: {
              q: filters.q || undefined,
              relationship: filters.relationship,
              organization_id: filters.organization_id,
              sort: filters.sort,
              limit: PAGE_SIZE,
              cursor: pageParam ?? undefined,
            },
          },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });

export const similarClientsQuery = (q: SimilarQuery, enabled = true) =>
  queryOptions({
    enabled,
    queryKey: clientKeys.similar(q),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/clients/similar', { params: { query: q }, signal })).then((r) => r.items),
    staleTime: 10_000,
    placeholderData: (previous) => previous,
  });

export const clientQuery = (id: string) =>
  queryOptions({
    queryKey: clientKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/clients/{id}', { params: { path: { id } }, signal })),
  });

export const clientHistoryQuery = (id: string) =>
  queryOptions({
    queryKey: clientKeys.history(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/clients/{id}/history', { params: { path: { id } }, signal })).then((r) => r.items),
  });

/** Banks by name, city or the start of their BIK (two characters at least). */
export const bankSearchQuery = (q: string) =>
  queryOptions({
    queryKey: ['banks', 'search', q] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/banks', { params: { query: { q } }, signal })).then((r) => r.items),
    enabled: q.trim().length >= 2,
    staleTime: 60 * 60_000,
  });

export const bankQuery = (bik: string) =>
  queryOptions({
    queryKey: bankKeys.bik(bik),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/banks/{bik}', { params: { path: { bik } }, signal })),
    staleTime: 60 * 60_000,
  });

/** Sends the Bank of Russia's ED807 file as it is (windows-1251 XML): the server parses it. */
export const importBanks = (file: Blob): Promise<BanksImportResult> =>
  unwrap(
    api.POST('/api/v1/banks/import', {
      body: file as unknown as string,
      bodySerializer: (b: unknown) => b as BodyInit,
      headers: { 'Content-Type': 'application/xml' },
    }),
  );

export const createClient = (body: CreateClientBody) => unwrap(api.POST('/api/v1/clients', { body }));

export const updateClient = (id: string, body: UpdateClientBody) =>
  unwrap(api.PATCH('/api/v1/clients/{id}', { params: { path: { id } }, body }));

export const addCounterparty = (clientId: string, body: CounterpartyBody) =>
  unwrap(api.POST('/api/v1/clients/{id}/counterparties', { params: { path: { id: clientId } }, body }));

export const updateCounterparty = (id: string, body: CounterpartyPatchBody) =>
  unwrap(api.PATCH('/api/v1/counterparties/{id}', { params: { path: { id } }, body }));

export const setCounterpartyApproval = (id: string, approved: boolean, version: number) =>
  unwrap(api.POST('/api/v1/counterparties/{id}/approval', { params: { path: { id } }, body: { approved, version } }));

export const addBankAccount = (counterpartyId: string, body: BankAccountBody) =>
  unwrap(
    api.POST('/api/v1/counterparties/{id}/bank-accounts', { params: { path: { id: counterpartyId } }, body }),
  );

export const deleteBankAccount = (id: string) =>
  unwrap(api.DELETE('/api/v1/bank-accounts/{id}', { params: { path: { id } } }));

export const addContact = (clientId: string, body: ContactBody) =>
  unwrap(api.POST('/api/v1/clients/{id}/contacts', { params: { path: { id: clientId } }, body }));

export const updateContact = (id: string, body: ContactPatchBody) =>
  unwrap(api.PATCH('/api/v1/contacts/{id}', { params: { path: { id } }, body }));

export const deleteContact = (id: string) => unwrap(api.DELETE('/api/v1/contacts/{id}', { params: { path: { id } } }));

// ---- the client's sales (its card's «Сделки и лиды») ------------------------------------------

export const dealTotalsQuery = (id: string) =>
  queryOptions({
    queryKey: clientKeys.sales(id, 'totals'),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/clients/{id}/deal-totals', { params: { path: { id } }, signal })),
  });

/** The client's deals or leads (up to 200, newest first): the card sorts them open first. */
export const clientCardsQuery = (id: string, kind: 'deals' | 'leads') =>
  queryOptions({
    queryKey: clientKeys.sales(id, kind),
    queryFn: ({ signal }) =>
      kind === 'deals'
        ? unwrap(api.GET('/api/v1/deals', { params: { query: { client_id: id, limit: 200 } }, signal })).then((p) => p.items)
        : unwrap(api.GET('/api/v1/leads', { params: { query: { client_id: id, limit: 200 } }, signal })).then((p) => p.items),
  });
