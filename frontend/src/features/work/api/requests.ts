// Requests to the logisticians and the designer (their queues), their answers and files.
import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, refreshSession, unwrap } from '../../../shared/api/client';
import { ApiProblem } from '../../../shared/api/problem';
import { getTokens } from '../../../shared/api/session';
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

interface RawResponse {
  status: number;
  body: unknown;
  headers: Headers;
}

function sendFile(url: string, file: File, access: string | undefined, onProgress?: (fraction: number) => void, signal?: AbortSignal) {
  return new Promise<RawResponse>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    if (access) xhr.setRequestHeader('Authorization', `Bearer ${access}`);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = xhr.responseText;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: keep the text
      }
      const headers = new Headers();
      const retryAfter = xhr.getResponseHeader('Retry-After');
      if (retryAfter) headers.set('Retry-After', retryAfter);
      resolve({ status: xhr.status, body, headers });
    };
    xhr.onerror = () => reject(ApiProblem.network(new Error('upload failed')));
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/**
 * Uploads a file to a request as its raw body (its type in Content-Type), reporting progress.
 * XMLHttpRequest, because fetch cannot report upload progress; the session is refreshed once on
 * 401 like every other call. Throws {@link ApiProblem}.
 */
export async function uploadRequestFile(
  requestId: string,
  file: File,
  onProgress?: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<RequestFile> {
  const url = `/api/v1/requests/${encodeURIComponent(requestId)}/files?name=${encodeURIComponent(file.name)}`;
  const tokens = getTokens();
  let response = await sendFile(url, file, tokens?.access, onProgress, signal);
  if (response.status === 401 && tokens && (await refreshSession(tokens.access))) {
    response = await sendFile(url, file, getTokens()?.access, onProgress, signal);
  }
  if (response.status < 200 || response.status >= 300) {
    throw ApiProblem.fromResponse(new Response(null, { status: response.status, headers: response.headers }), response.body);
  }
  return response.body as RequestFile;
}

/** Downloads a file with the session's credentials and hands it to the browser under its name. */
export async function downloadFile(file: Pick<RequestFile, 'id' | 'name'>): Promise<void> {
  const blob = await unwrap(api.GET('/api/v1/files/{id}', { params: { path: { id: file.id } }, parseAs: 'blob' }));
  const url = URL.createObjectURL(blob as Blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
