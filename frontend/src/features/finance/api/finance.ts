// Money in (issue 11): payments and their matching to invoices, bank statement import, receivables
// and the reminder schedule — query-key factories, queryOptions and mutations through the typed
// client (problems stay typed ApiProblems). The statement goes up with XMLHttpRequest for its
// progress, with the session as every call (`sendWithSession`).
import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, apiUrl, sendWithSession, unwrap } from '../../../shared/api/client';
import { ApiProblem } from '../../../shared/api/problem';
import type { Body, Ok, Query } from '../../../shared/api/types';

export type Payment = Ok<'/api/v1/payments', 'get'>['items'][number];
export type PaymentDetail = Ok<'/api/v1/payments/{id}', 'get'>;
export type Allocation = Payment['allocations'][number];
export type Matching = NonNullable<PaymentDetail['matching']>;
export type Suggestion = Matching['suggestions'][number];
export type Reason = Matching['reasons'][number];
export type PaymentBody = Body<'/api/v1/payments', 'post'>;
export type PaymentQuery = Query<'/api/v1/payments', 'get'>;
export type StatementPreview = Ok<'/api/v1/statements/preview', 'post'>;
export type PreviewLine = StatementPreview['lines'][number];
export type LineProblem = StatementPreview['problems'][number];
export type Statement = Ok<'/api/v1/statements', 'get'>['items'][number];
export type ImportResult = Ok<'/api/v1/statements', 'post'>;
export type Receivables = Ok<'/api/v1/receivables', 'get'>;
export type ReceivableRow = Receivables['items'][number];
export type Ageing = Receivables['total'];
export type ReminderRule = Ok<'/api/v1/reminders/schedule', 'get'>['rules'][number];
export type ReminderRun = ReminderRule['runs'][number];
export type ClientOption = Ok<'/api/v1/clients', 'get'>['items'][number];

export type Direction = 'incoming' | 'outgoing';
export type Method = 'bank' | 'cash';

/** The list's filters, as the URL keeps them. */
export interface PaymentFilters {
  direction?: Direction;
  method?: Method;
  /** The unmatched queue: incoming payments with money not put on invoices. */
  unallocated?: boolean;
  statement_id?: string;
  from?: string;
  to?: string;
  q?: string;
}

export type ReceivablesBy = 'client' | 'deal';
export interface ReceivableFilters {
  by: ReceivablesBy;
  overdue_only?: boolean;
}

const PAGE_SIZE = 50;
/** The most the list gives at once: the unmatched queue is counted up to it. */
const COUNT_LIMIT = 200;

export const financeKeys = {
  all: ['finance'] as const,
  payments: () => [...financeKeys.all, 'payments'] as const,
  paymentList: (filters: PaymentFilters) => [...financeKeys.payments(), 'list', filters] as const,
  unallocatedCount: () => [...financeKeys.payments(), 'unallocated-count'] as const,
  payment: (id: string) => [...financeKeys.payments(), 'detail', id] as const,
  statements: () => [...financeKeys.all, 'statements'] as const,
  receivables: (filters: ReceivableFilters) => [...financeKeys.all, 'receivables', filters] as const,
  reminders: () => [...financeKeys.all, 'reminders'] as const,
  clients: (q: string) => [...financeKeys.all, 'clients', q] as const,
  client: (id: string) => [...financeKeys.all, 'client', id] as const,
};

export const paymentListQuery = (filters: PaymentFilters) =>
  infiniteQueryOptions({
    queryKey: financeKeys.paymentList(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/payments', {
          params: {
            query: {
              // The queue is incoming payments by definition.
              direction: filters.unallocated ? undefined : filters.direction,
              method: filters.method,
              unallocated: filters.unallocated || undefined,
              statement_id: filters.statement_id,
              from: filters.from,
              to: filters.to,
              q: filters.q || undefined,
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

/** How many payments wait in the unmatched queue: a number, or `${COUNT_LIMIT}+`. */
export const unallocatedCountQuery = queryOptions({
  queryKey: financeKeys.unallocatedCount(),
  queryFn: ({ signal }) =>
    unwrap(api.GET('/api/v1/payments', { params: { query: { unallocated: true, limit: COUNT_LIMIT } }, signal })).then((page) =>
      page.next_cursor ? `${COUNT_LIMIT}+` : String(page.items.length),
    ),
  staleTime: 30_000,
});

export const paymentQuery = (id: string) =>
  queryOptions({
    queryKey: financeKeys.payment(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/payments/{id}', { params: { path: { id } }, signal })),
  });

export const createPayment = (body: PaymentBody) => unwrap(api.POST('/api/v1/payments', { body }));

/** Puts money of the payment on invoices; 409 `version_conflict` when someone changed it first. */
export const allocatePayment = (id: string, version: number, allocations: { invoice_id: string; amount: string }[]) =>
  unwrap(api.POST('/api/v1/payments/{id}/allocations', { params: { path: { id } }, body: { version, allocations } }));

export const setPaymentClient = (id: string, version: number, clientId: string) =>
  unwrap(api.PUT('/api/v1/payments/{id}/client', { params: { path: { id } }, body: { version, client_id: clientId } }));

export const clientSearchQuery = (q: string) =>
  queryOptions({
    queryKey: financeKeys.clients(q),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/clients', { params: { query: { q: q || undefined, limit: 20 } }, signal })).then((r) => r.items),
    placeholderData: (previous) => previous,
    staleTime: 30_000,
  });

export const clientQuery = (id: string) =>
  queryOptions({
    queryKey: financeKeys.client(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/clients/{id}', { params: { path: { id } }, signal })),
    staleTime: 5 * 60_000,
  });

// ---- statements -------------------------------------------------------------------------------

/**
 * Sends the statement file exactly as chosen (the server finds its encoding) and returns what an
 * import would do. `onProgress` gets 0…1 while the bytes go up. Throws {@link ApiProblem}: 413 for
 * a file over 50 MB, 422 on `file` when it is not a 1C statement; an abort rejects with AbortError.
 */
export async function previewStatement(
  file: Blob,
  { onProgress, signal, organizationId }: { onProgress?: (fraction: number) => void; signal?: AbortSignal; organizationId?: string } = {},
): Promise<StatementPreview> {
  const query = organizationId ? `?organization_id=${encodeURIComponent(organizationId)}` : '';
  const request = new Request(apiUrl(`/api/v1/statements/preview${query}`), {
    method: 'POST',
    body: file,
    headers: { 'Content-Type': 'text/plain', Accept: 'application/json, application/problem+json' },
    signal,
  });
  let response: Response;
  try {
    response = await sendWithSession(request, onProgress ? xhrWithProgress(onProgress) : undefined);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw ApiProblem.network(e);
  }
  const text = await response.text().catch(() => '');
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (a proxy's 413 page): keep the text
  }
  if (!response.ok) throw ApiProblem.fromResponse(response, body);
  return body as StatementPreview;
}

/** Imports the previewed file; `import_valid` confirms skipping the broken lines. */
export const importStatement = (body: Body<'/api/v1/statements', 'post'>) => unwrap(api.POST('/api/v1/statements', { body }));

export const statementsQuery = queryOptions({
  queryKey: financeKeys.statements(),
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/statements', { signal })).then((r) => r.items),
});

// ---- receivables and reminders ------------------------------------------------------------------

export const receivablesQuery = (filters: ReceivableFilters) =>
  queryOptions({
    queryKey: financeKeys.receivables(filters),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/receivables', {
          params: { query: { by: filters.by, overdue_only: filters.overdue_only || undefined } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });

/** The receivables file for the same filters (the export buttons download it with the session). */
export function receivablesExportUrl(filters: ReceivableFilters, format: 'csv' | 'xlsx'): string {
  const params = new URLSearchParams({ format, by: filters.by });
  if (filters.overdue_only) params.set('overdue_only', 'true');
  return `/api/v1/receivables/export?${params.toString()}`;
}

export const reminderScheduleQuery = queryOptions({
  queryKey: financeKeys.reminders(),
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/reminders/schedule', { signal })).then((r) => r.rules),
  refetchInterval: 60_000,
});

// ---- upload transport ---------------------------------------------------------------------------

/**
 * A fetch-like transport over XMLHttpRequest that reports upload progress (fetch cannot). The
 * same as shared/api/files' private one, which only serves `?name=` uploads.
 */
function xhrWithProgress(onProgress: (fraction: number) => void) {
  return async (request: Request): Promise<Response> => {
    const body = await request.blob();
    return new Promise<Response>((resolve, reject) => {
      if (request.signal.aborted) {
        reject(new DOMException('The upload was aborted', 'AbortError'));
        return;
      }
      const xhr = new XMLHttpRequest();
      xhr.open(request.method, request.url);
      request.headers.forEach((value, name) => xhr.setRequestHeader(name, value));
      xhr.responseType = 'arraybuffer';
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
      };
      xhr.upload.onload = () => onProgress(1);
      xhr.onload = () => {
        const headers = new Headers();
        for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
          const at = line.indexOf(':');
          if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
        }
        const empty = [204, 205, 304].includes(xhr.status);
        resolve(new Response(empty ? null : (xhr.response as ArrayBuffer), { status: xhr.status, statusText: xhr.statusText, headers }));
      };
      xhr.onerror = () => reject(new TypeError('upload failed'));
      xhr.onabort = () => reject(new DOMException('The upload was aborted', 'AbortError'));
      request.signal.addEventListener('abort', () => xhr.abort(), { once: true });
      onProgress(0);
      xhr.send(body);
    });
  };
}
