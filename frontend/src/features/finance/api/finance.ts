// Money in (issue 11): payments and their matching to invoices, bank statement import, receivables,
// the reminder schedule and settings, and the shipping queue — query-key factories, queryOptions
// and mutations through the typed client (problems stay typed ApiProblems). The statement goes up
// with XMLHttpRequest for its progress, with the session as every call (`sendWithSession`).
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
export type ShipmentQueue = Ok<'/api/v1/shipments/queue', 'get'>;
export type QueueItem = ShipmentQueue['items'][number];
export type ReminderSettings = Ok<'/api/v1/reminders/settings', 'get'>['items'][number];
export type ReminderSettingsBody = Body<'/api/v1/reminders/settings/{id}', 'put'>;
export type PayerClientBody = Body<'/api/v1/payments/{id}/payer-client', 'post'>;
export type SimilarClient = Ok<'/api/v1/clients/similar', 'get'>['items'][number];
export type SimilarQuery = Query<'/api/v1/clients/similar', 'get'>;

export type Direction = 'incoming' | 'outgoing';
export type Method = 'bank' | 'cash';

/** The list's filters, as the URL keeps them. */
export interface PaymentFilters {
  direction?: Direction;
  method?: Method;
  /** The unmatched queue: incoming payments with money not put on invoices. */
  unallocated?: boolean;
  /** One client's payments: its payment history. */
  client_id?: string;
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

/** A page of the shipping queue: ready invoices only, or those waiting for money too. */
export interface ShipmentQueueFilters {
  ready_only: boolean;
  offset: number;
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
  reminderSettings: () => [...financeKeys.all, 'reminder-settings'] as const,
  shipmentQueue: () => [...financeKeys.all, 'shipment-queue'] as const,
  shipmentQueuePage: (filters: ShipmentQueueFilters) => [...financeKeys.shipmentQueue(), filters] as const,
  client: (id: string) => [...financeKeys.all, 'client', id] as const,
  similarClients: (q: SimilarQuery) => [...financeKeys.all, 'similar-clients', q] as const,
};

/** The list's filters as the API's query (the list and its export take the same). */
function paymentFilterQuery(filters: PaymentFilters) {
  return {
    // The queue is incoming payments by definition.
    direction: filters.unallocated ? undefined : filters.direction,
    method: filters.method,
    unallocated: filters.unallocated || undefined,
    client_id: filters.client_id,
    statement_id: filters.statement_id,
    from: filters.from,
    to: filters.to,
    q: filters.q || undefined,
  } satisfies PaymentQuery;
}

/** The payments the filters select as a file (a client's payment history with `client_id`): all of
 * them, not only the pages loaded; the export buttons download it with the session. */
export function paymentsExportUrl(filters: PaymentFilters, format: 'csv' | 'xlsx'): string {
  const params = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(paymentFilterQuery(filters))) if (value !== undefined) params.set(key, String(value));
  return `/api/v1/payments/export?${params.toString()}`;
}

export const paymentListQuery = (filters: PaymentFilters) =>
  infiniteQueryOptions({
    queryKey: financeKeys.paymentList(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/payments', {
          params: {
            query: {
              ...paymentFilterQuery(filters),
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

export const clientQuery = (id: string) =>
  queryOptions({
    queryKey: financeKeys.client(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/clients/{id}', { params: { path: { id } }, signal })),
    staleTime: 5 * 60_000,
  });

// ---- a client from a payer's requisites ---------------------------------------------------------

/** Clients already there that look like the payer (by INN, name…): picked rather than created twice. */
export const similarClientsQuery = (q: SimilarQuery) =>
  queryOptions({
    queryKey: financeKeys.similarClients(q),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/clients/similar', { params: { query: q }, signal })).then((r) => r.items),
    staleTime: 10_000,
    placeholderData: (previous) => previous,
  });

/**
 * The payer becomes a client — its counterparty, the payer's account on it — set on the payment, all
 * or nothing (needs `payments.record`, not `clients.write`). Answers the payment as it is now. 422
 * names fields under `client.` (`client.counterparty.kpp`) and `account.` (`account.bik`); 409
 * `version_conflict` when the payment changed meanwhile.
 */
export const createPayerClient = (paymentId: string, body: PayerClientBody) =>
  unwrap(api.POST('/api/v1/payments/{id}/payer-client', { params: { path: { id: paymentId } }, body }));

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

/** Each organization's time zone and the days between reminders of a deal awaiting its advance. */
export const reminderSettingsQuery = queryOptions({
  queryKey: financeKeys.reminderSettings(),
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/reminders/settings', { signal })).then((r) => r.items),
});

/** Saves one organization's settings; 422 names `utc_offset` or `advance_reminder_days`. */
export const saveReminderSettings = (organizationId: string, body: ReminderSettingsBody) =>
  unwrap(api.PUT('/api/v1/reminders/settings/{id}', { params: { path: { id: organizationId } }, body }));

// ---- shipping queue -----------------------------------------------------------------------------

/** Invoices with something left to ship, oldest first, `limit` from `offset`, and how many in all. */
export const shipmentQueueQuery = (filters: ShipmentQueueFilters, limit: number) =>
  queryOptions({
    queryKey: financeKeys.shipmentQueuePage(filters),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/shipments/queue', {
          params: { query: { ready_only: filters.ready_only, limit, offset: filters.offset } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
    // Payments come in and others ship while the warehouse keeps the page open.
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
