// Sales: leads and deals on their pipelines. Query-key factories, queryOptions and mutations,
// all through the typed client; errors stay ApiProblem so the UI can show guards per field.
import { infiniteQueryOptions, keepPreviousData, queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../shared/api/client';
import { uploadFile } from '../../../shared/api/files';
import type { Body, Ok } from '../../../shared/api/types';

export type CardKind = 'lead' | 'deal';
export type Pipeline = Ok<'/api/v1/pipelines', 'get'>['items'][number];
export type PipelineDefinition = Pipeline['definition'];
export type Stage = PipelineDefinition['stages'][number];
export type Transition = PipelineDefinition['transitions'][number];
export type ChecklistItem = NonNullable<Stage['checklist']>[number];
export type Board = Ok<'/api/v1/pipelines/{id}/board', 'get'>;
export type BoardColumn = Board['columns'][number];
export type CardSummary = BoardColumn['cards'][number];
export type Channel = CardSummary['channel'];
export type CardStatus = CardSummary['status'];
export type LeadDetail = Ok<'/api/v1/leads/{id}', 'get'>;
export type DealDetail = Ok<'/api/v1/deals/{id}', 'get'>;
export type CardDetail = LeadDetail | DealDetail;
export type MoveOption = LeadDetail['moves'][number];
export type TimelineEntry = Ok<'/api/v1/leads/{id}/timeline', 'get'>['items'][number];
export type Task = Ok<'/api/v1/tasks', 'get'>['items'][number];
export type TaskKind = Task['kind'];
export type RequestSummary = DealDetail['requests'][number];
export type RequestKind = RequestSummary['kind'];
export type RequestDetail = Ok<'/api/v1/requests/{id}', 'get'>;
export type FileOut = RequestDetail['files'][number];
export type LossReason = Ok<'/api/v1/loss-reasons', 'get'>['items'][number];
export type StaffMember = Ok<'/api/v1/staff', 'get'>['items'][number];
export type ClientSummary = Ok<'/api/v1/clients', 'get'>['items'][number];
export type ClientDetail = Ok<'/api/v1/clients/{id}', 'get'>;

export type NewLeadBody = Body<'/api/v1/leads', 'post'>;
export type NewDealBody = Body<'/api/v1/deals', 'post'>;
export type LeadPatch = Body<'/api/v1/leads/{id}', 'patch'>;
export type DealPatch = Body<'/api/v1/deals/{id}', 'patch'>;
export type MoveBody = Body<'/api/v1/leads/{id}/move', 'post'>;
export type LossInput = NonNullable<MoveBody['loss']>;
export type ConvertBody = Body<'/api/v1/leads/{id}/convert', 'post'>;
export type NewTaskBody = Body<'/api/v1/tasks', 'post'>;
export type PaymentBody = Body<'/api/v1/deals/{id}/payments', 'post'>;
export type NewRequestBody = Body<'/api/v1/deals/{id}/requests', 'post'>;

export const CHANNELS = [
  'yandex',
  'google',
  'avito',
  'youtube',
  'social',
  'site',
  'phone',
  'bitrix24',
  'other',
] as const satisfies readonly Channel[];

export const TASK_KINDS = ['call', 'email', 'meeting', 'task', 'other'] as const satisfies readonly TaskKind[];
export const REQUEST_KINDS = ['delivery_cost', 'design'] as const satisfies readonly RequestKind[];

/** The filters of a board and of the list view (all optional, as in the URL). */
export interface CardFilters {
  responsible_id?: string;
  channel?: Channel;
  created_from?: string;
  created_to?: string;
  q?: string;
}

const PAGE_SIZE = 50;
export const PER_STAGE = 50;

export const salesKeys = {
  all: ['sales'] as const,
  pipelines: (kind: CardKind) => [...salesKeys.all, 'pipelines', kind] as const,
  boards: () => [...salesKeys.all, 'board'] as const,
  board: (pipelineId: string, filters: CardFilters) => [...salesKeys.boards(), pipelineId, filters] as const,
  lists: () => [...salesKeys.all, 'list'] as const,
  list: (kind: CardKind, pipelineId: string | undefined, filters: CardFilters & { stage?: string }) =>
    [...salesKeys.lists(), kind, pipelineId, filters] as const,
  cards: () => [...salesKeys.all, 'card'] as const,
  card: (kind: CardKind, id: string) => [...salesKeys.cards(), kind, id] as const,
  timeline: (kind: CardKind, id: string) => [...salesKeys.card(kind, id), 'timeline'] as const,
  tasks: (subjectId: string) => [...salesKeys.all, 'tasks', subjectId] as const,
  request: (id: string) => [...salesKeys.all, 'request', id] as const,
  lossReasons: () => [...salesKeys.all, 'loss-reasons'] as const,
  staff: (role?: StaffMember['role']) => [...salesKeys.all, 'staff', role ?? 'all'] as const,
  client: (id: string) => [...salesKeys.all, 'client', id] as const,
};

export const pipelinesQuery = (kind: CardKind) =>
  queryOptions({
    queryKey: salesKeys.pipelines(kind),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/pipelines', { params: { query: { kind } }, signal })).then((r) =>
        r.items.filter((p) => p.is_active),
      ),
    staleTime: 5 * 60_000,
  });

export const pipelineQuery = (id: string) =>
  queryOptions({
    queryKey: [...salesKeys.all, 'pipeline', id] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/pipelines/{id}', { params: { path: { id } }, signal })),
    staleTime: 5 * 60_000,
  });

export const boardQuery = (pipelineId: string, filters: CardFilters) =>
  queryOptions({
    queryKey: salesKeys.board(pipelineId, filters),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/pipelines/{id}/board', {
          params: { path: { id: pipelineId }, query: { ...filters, per_stage: PER_STAGE } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });

export const cardListQuery = (kind: CardKind, pipelineId: string | undefined, filters: CardFilters & { stage?: string }) =>
  infiniteQueryOptions({
    queryKey: salesKeys.list(kind, pipelineId, filters),
    queryFn: ({ pageParam, signal }) => {
      const query = { ...filters, pipeline_id: pipelineId, limit: PAGE_SIZE, cursor: pageParam ?? undefined };
      return kind === 'lead'
        ? unwrap(api.GET('/api/v1/leads', { params: { query }, signal }))
        : unwrap(api.GET('/api/v1/deals', { params: { query }, signal }));
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });

/** The address of a list's CSV export with the same filters (see `downloadFile`). */
export function exportUrl(
  kind: CardKind,
  pipelineId: string | undefined,
  filters: CardFilters & { stage?: string },
  format: 'csv' | 'xlsx',
): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, pipeline_id: pipelineId, format })) if (v) params.set(k, String(v));
  return `/api/v1/${kind}s/export?${params.toString()}`;
}

export const leadQuery = (id: string) =>
  queryOptions({
    queryKey: salesKeys.card('lead', id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/leads/{id}', { params: { path: { id } }, signal })),
  });

export const dealQuery = (id: string) =>
  queryOptions({
    queryKey: salesKeys.card('deal', id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/deals/{id}', { params: { path: { id } }, signal })),
  });

export const timelineQuery = (kind: CardKind, id: string) =>
  queryOptions({
    queryKey: salesKeys.timeline(kind, id),
    queryFn: ({ signal }) =>
      (kind === 'lead'
        ? unwrap(api.GET('/api/v1/leads/{id}/timeline', { params: { path: { id } }, signal }))
        : unwrap(api.GET('/api/v1/deals/{id}/timeline', { params: { path: { id } }, signal }))
      ).then((r) => r.items),
  });

export const cardTasksQuery = (subjectId: string) =>
  queryOptions({
    queryKey: salesKeys.tasks(subjectId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/tasks', { params: { query: { view: 'card', subject_id: subjectId, limit: 200 } }, signal }),
      ).then((r) => r.items),
  });

export const requestQuery = (id: string) =>
  queryOptions({
    queryKey: salesKeys.request(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/requests/{id}', { params: { path: { id } }, signal })),
  });

export const lossReasonsQuery = queryOptions({
  queryKey: salesKeys.lossReasons(),
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/loss-reasons', { signal })).then((r) => r.items),
  staleTime: 30 * 60_000,
});

export const staffQuery = (role?: StaffMember['role']) =>
  queryOptions({
    queryKey: salesKeys.staff(role),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/staff', { params: { query: role ? { role } : {} }, signal })).then((r) => r.items),
    staleTime: 5 * 60_000,
  });

export const clientQuery = (id: string) =>
  queryOptions({
    queryKey: salesKeys.client(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/clients/{id}', { params: { path: { id } }, signal })),
  });

// ---- mutations --------------------------------------------------------------------------------

/** A card the server answered with after a change: cached as it is, its history, boards and lists read again. */
export function cardChanged(queryClient: QueryClient, kind: CardKind, card: CardDetail): void {
  queryClient.setQueryData(salesKeys.card(kind, card.id), card);
  void queryClient.invalidateQueries({ queryKey: salesKeys.timeline(kind, card.id) });
  void queryClient.invalidateQueries({ queryKey: salesKeys.boards() });
  void queryClient.invalidateQueries({ queryKey: salesKeys.lists() });
}

export const createLead = (body: NewLeadBody) => unwrap(api.POST('/api/v1/leads', { body }));
export const createDeal = (body: NewDealBody) => unwrap(api.POST('/api/v1/deals', { body }));

export const updateLead = (id: string, body: LeadPatch) =>
  unwrap(api.PATCH('/api/v1/leads/{id}', { params: { path: { id } }, body }));
export const updateDeal = (id: string, body: DealPatch) =>
  unwrap(api.PATCH('/api/v1/deals/{id}', { params: { path: { id } }, body }));

export function moveCard(kind: CardKind, id: string, body: MoveBody): Promise<CardDetail> {
  return kind === 'lead'
    ? unwrap(api.POST('/api/v1/leads/{id}/move', { params: { path: { id } }, body }))
    : unwrap(api.POST('/api/v1/deals/{id}/move', { params: { path: { id } }, body }));
}

export function reopenCard(kind: CardKind, id: string, body: { version: number; reason: string }): Promise<CardDetail> {
  return kind === 'lead'
    ? unwrap(api.POST('/api/v1/leads/{id}/reopen', { params: { path: { id } }, body }))
    : unwrap(api.POST('/api/v1/deals/{id}/reopen', { params: { path: { id } }, body }));
}

export const convertLead = (id: string, body: ConvertBody) =>
  unwrap(api.POST('/api/v1/leads/{id}/convert', { params: { path: { id } }, body }));

export function addComment(kind: CardKind, id: string, text: string) {
  return kind === 'lead'
    ? unwrap(api.POST('/api/v1/leads/{id}/comments', { params: { path: { id } }, body: { text } }))
    : unwrap(api.POST('/api/v1/deals/{id}/comments', { params: { path: { id } }, body: { text } }));
}

export const createTask = (body: NewTaskBody) => unwrap(api.POST('/api/v1/tasks', { body }));
export const completeTask = (id: string, version: number, result: string | null) =>
  unwrap(api.POST('/api/v1/tasks/{id}/complete', { params: { path: { id } }, body: { version, result } }));

export const openRequest = (dealId: string, body: NewRequestBody) =>
  unwrap(api.POST('/api/v1/deals/{id}/requests', { params: { path: { id: dealId } }, body }));

export const registerPayment = (dealId: string, body: PaymentBody) =>
  unwrap(api.POST('/api/v1/deals/{id}/payments', { params: { path: { id: dealId } }, body }));

// ---- files ------------------------------------------------------------------------------------

/** Uploads a file to a card (shown in its timeline), reporting progress. Throws ApiProblem. */
export const uploadCardFile = (kind: CardKind, id: string, file: File, onProgress: (fraction: number) => void) =>
  uploadFile(kind === 'lead' ? '/api/v1/leads/{id}/files' : '/api/v1/deals/{id}/files', { id }, file, { onProgress });

/** Where a stored file downloads from (a timeline entry carries only the file's id). */
export const fileUrl = (fileId: string) => `/api/v1/files/${encodeURIComponent(fileId)}`;
