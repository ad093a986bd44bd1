// The catalogue, its price lists and the exchange rates: query-key factories, queryOptions and
// mutations, all through the typed client (problems stay typed ApiProblems).
import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../../shared/api/client';
import type { Body, Ok, Query } from '../../../../shared/api/types';

export type CatalogueItem = Ok<'/api/v1/catalogue/items/{id}', 'get'>;
export type ItemKind = CatalogueItem['kind'];
export type Unit = CatalogueItem['unit'];
export type VatKind = CatalogueItem['vat_kind'];
export type ItemBody = Body<'/api/v1/catalogue/items', 'post'>;
export type PriceList = Ok<'/api/v1/price-lists/{id}', 'put'>;
export type Currency = PriceList['currency'];
export type PriceListView = Ok<'/api/v1/price-lists/{id}', 'get'>;
export type PriceRow = PriceListView['prices'][number];
export type PriceListBody = Body<'/api/v1/price-lists', 'post'>;
export type PricesBody = Body<'/api/v1/price-lists/{id}/prices', 'put'>;
export type PriceInput = PricesBody['prices'][number];
export type PriceInRub = Ok<'/api/v1/price-lists/{id}/price', 'get'>;
export type ExchangeRate = Ok<'/api/v1/exchange-rates', 'put'>;
export type RateBody = Body<'/api/v1/exchange-rates', 'put'>;
export type RateQuery = Query<'/api/v1/exchange-rates', 'get'>;

export interface ItemFilters {
  q?: string;
  kind?: ItemKind;
  /** 'active' (the default), 'archived' or 'all'. */
  state: 'active' | 'archived' | 'all';
}

const PAGE_SIZE = 50;

export const catalogueKeys = {
  all: ['catalogue'] as const,
  items: () => [...catalogueKeys.all, 'items'] as const,
  itemList: (filters: ItemFilters) => [...catalogueKeys.items(), 'list', filters] as const,
  itemSearch: (q: string) => [...catalogueKeys.items(), 'search', q] as const,
  priceLists: () => [...catalogueKeys.all, 'price-lists'] as const,
  priceList: (id: string) => [...catalogueKeys.priceLists(), id] as const,
  priceInRub: (id: string, itemId: string, date: string) => [...catalogueKeys.priceList(id), 'rub', itemId, date] as const,
  rates: (q: RateQuery) => [...catalogueKeys.all, 'rates', q] as const,
};

export const itemListQuery = (filters: ItemFilters) =>
  infiniteQueryOptions({
    queryKey: catalogueKeys.itemList(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/catalogue/items', {
          params: {
            query: {
              q: filters.q || undefined,
              kind: filters.kind,
              active: filters.state === 'archived' ? false : undefined,
              all: filters.state === 'all' ? true : undefined,
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

/** Active items by name, article or tile attributes — the price list's «add an item». */
export const itemSearchQuery = (q: string) =>
  queryOptions({
    queryKey: catalogueKeys.itemSearch(q),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/catalogue/items', { params: { query: { q: q || undefined, limit: 20 } }, signal })).then((p) => p.items),
    staleTime: 30_000,
    placeholderData: (previous) => previous,
  });

export const itemQuery = (id: string) =>
  queryOptions({
    queryKey: [...catalogueKeys.items(), 'detail', id] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/catalogue/items/{id}', { params: { path: { id } }, signal })),
  });

export const createItem = (body: ItemBody) => unwrap(api.POST('/api/v1/catalogue/items', { body }));

export const updateItem = (id: string, body: ItemBody) =>
  unwrap(api.PUT('/api/v1/catalogue/items/{id}', { params: { path: { id } }, body }));

export const priceListsQuery = queryOptions({
  queryKey: catalogueKeys.priceLists(),
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/price-lists', { signal })).then((r) => r.items),
});

export const priceListQuery = (id: string) =>
  queryOptions({
    queryKey: catalogueKeys.priceList(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/price-lists/{id}', { params: { path: { id } }, signal })),
  });

export const createPriceList = (body: PriceListBody) => unwrap(api.POST('/api/v1/price-lists', { body }));

export const updatePriceList = (id: string, body: PriceListBody) =>
  unwrap(api.PUT('/api/v1/price-lists/{id}', { params: { path: { id } }, body }));

export const savePrices = (id: string, body: PricesBody) =>
  unwrap(api.PUT('/api/v1/price-lists/{id}/prices', { params: { path: { id } }, body }));

/** An item's price from the list in roubles on `date` (422 on `currency` without that day's rate). */
export const priceInRubQuery = (id: string, itemId: string, date: string) =>
  queryOptions({
    queryKey: catalogueKeys.priceInRub(id, itemId, date),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/price-lists/{id}/price', { params: { path: { id }, query: { item_id: itemId, date } }, signal })),
    retry: false,
    staleTime: 60_000,
  });

export const ratesQuery = (q: RateQuery) =>
  queryOptions({
    queryKey: catalogueKeys.rates(q),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/exchange-rates', { params: { query: q }, signal })).then((r) => r.items),
    placeholderData: (previous) => previous,
  });

export const putRate = (body: RateBody) => unwrap(api.PUT('/api/v1/exchange-rates', { body }));

/** Sends the Central Bank's XML_daily file as it is (windows-1251 XML): the server parses it. */
export const loadCbrRates = (file: Blob) =>
  unwrap(
    api.POST('/api/v1/exchange-rates/cbr', {
      body: file as unknown as string,
      bodySerializer: (b: unknown) => b as BodyInit,
      headers: { 'Content-Type': 'application/xml' },
    }),
  ).then((r) => r.items);
