// Pipelines (funnels) for the admin: list, read, create and edit definitions through the typed client.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../shared/api/client';
import type { Body, Ok } from '../../../shared/api/types';

export type Pipeline = Ok<'/api/v1/pipelines/{id}', 'get'>;
export type PipelineKind = Pipeline['kind'];
export type PipelineDefinition = Pipeline['definition'];
export type Stage = PipelineDefinition['stages'][number];
export type StageKind = NonNullable<Stage['kind']>;
export type ChecklistItem = NonNullable<Stage['checklist']>[number];
export type Effect = NonNullable<Stage['on_enter']>[number];
export type Transition = PipelineDefinition['transitions'][number];
export type Guard = NonNullable<Transition['guards']>[number];
export type TaskAssignee = Extract<Effect, { type: 'create_task' }>['assignee'];
export type Due = Extract<Effect, { type: 'create_task' }>['due'];
export type RequestKind = Extract<Effect, { type: 'open_request' }>['request'];
export type NewPipelineBody = Body<'/api/v1/pipelines', 'post'>;
export type PipelineUpdateBody = Body<'/api/v1/pipelines/{id}', 'put'>;
export type CardField = Ok<'/api/v1/card-fields', 'get'>['lead'][number];

export const pipelineKeys = {
  all: ['pipelines'] as const,
  lists: () => [...pipelineKeys.all, 'list'] as const,
  list: (includeInactive: boolean) => [...pipelineKeys.lists(), { includeInactive }] as const,
  details: () => [...pipelineKeys.all, 'detail'] as const,
  detail: (id: string) => [...pipelineKeys.details(), id] as const,
  cardFields: () => [...pipelineKeys.all, 'card-fields'] as const,
};

/** Every pipeline, switched-off ones too (the admin's list). */
export const pipelinesQuery = queryOptions({
  queryKey: pipelineKeys.list(true),
  queryFn: ({ signal }) =>
    unwrap(api.GET('/api/v1/pipelines', { params: { query: { include_inactive: true } }, signal })).then((r) => r.items),
});

export const pipelineQuery = (id: string) =>
  queryOptions({
    queryKey: pipelineKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/pipelines/{id}', { params: { path: { id } }, signal })),
  });

/** The card fields guards and task due dates may name, as the server knows them. */
export const cardFieldsQuery = queryOptions({
  queryKey: pipelineKeys.cardFields(),
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/card-fields', { signal })),
  staleTime: Infinity,
});

/** The card fields of a pipeline kind (empty while loading). */
export function useCardFields(kind: PipelineKind): readonly CardField[] {
  return useQuery(cardFieldsQuery).data?.[kind] ?? [];
}

export const createPipeline = (body: NewPipelineBody) => unwrap(api.POST('/api/v1/pipelines', { body }));

export const updatePipeline = (id: string, body: PipelineUpdateBody) =>
  unwrap(api.PUT('/api/v1/pipelines/{id}', { params: { path: { id } }, body }));
