// Requests to the logisticians and the designer (their queues), their answers and files.
import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../shared/api/client';
import { uploadFile } from '../../../shared/api/files';
import type { Body, Ok } from '../../../shared/api/types';

export type RequestSummary = Ok<'/api/v1/requests', 'get'>['items'][number];
export type RequestDetail = Ok<'/api/v1/requests/{id}', 'get'>;
export type RequestKind = RequestSummary['kind'];
export type RequestState = RequestSummary['status'];
export type RequestFile = RequestDetail['files'][number];
export type CompleteRequestBody = Body<'/api/v1/requests/{id}/complete', 'post'>;

export const REQUEST_KINDS = ['delivery_cost', 'design'] as const satisfies readonly RequestKind[];

export function isRequestKind(value: string | undefined): value is RequestKind {
  return REQUEST_KINDS.some((k) => k === value);
}

/** Tabs of a department's queue. */
export const QUEUE_TABS = ['active', 'mine', 'completed'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];

const PAGE_SIZE = 50;

export const requestKeys = {
  all: ['requests'] as const,
  lists: () => [...requestKeys.all, 'list'] as const,
  list: (kind: RequestKind, tab: QueueTab) => [...requestKeys.lists(), kind, tab] as const,
  details: () => [...requestKeys.all, 'detail'] as const,
  detail: (id: string) => [...requestKeys.details(), id] as const,
};

/** The export of a queue's tab (all of it, not only the pages loaded). */
export function requestExportUrl(kind: RequestKind, tab: QueueTab, format: 'csv' | 'xlsx'): string {
  const params = new URLSearchParams({ kind, status: tab === 'completed' ? 'completed' : 'active', format });
  if (tab === 'mine') params.set('mine', 'true');
  return `/api/v1/requests/export?${params.toString()}`;
}

export const requestQueueQuery = (kind: RequestKind, tab: QueueTab) =>
  infiniteQueryOptions({
    queryKey: requestKeys.list(kind, tab),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/requests', {
          params: {
            query: {
              kind,
              status: tab === 'completed' ? 'completed' : 'active',
              mine: tab === 'mine' ? true : undefined,
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
    // New requests arrive while the department works the queue.
    refetchInterval: 60_000,
  });

export const requestQuery = (id: string) =>
  queryOptions({
    queryKey: requestKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/requests/{id}', { params: { path: { id } }, signal })),
  });

export const takeRequest = (id: string, version: number) =>
  unwrap(api.POST('/api/v1/requests/{id}/take', { params: { path: { id } }, body: { version } }));

export const completeRequest = (id: string, body: CompleteRequestBody) =>
  unwrap(api.POST('/api/v1/requests/{id}/complete', { params: { path: { id } }, body }));

/** The server's limit for one file (MAX_FILE_BYTES). */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

/** Uploads a file to a request (the designer's mock-up), reporting progress. Throws ApiProblem. */
export const uploadRequestFile = (requestId: string, file: File, onProgress?: (fraction: number) => void) =>
  uploadFile('/api/v1/requests/{id}/files', { id: requestId }, file, { onProgress });
