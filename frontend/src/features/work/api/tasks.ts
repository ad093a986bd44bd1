// Tasks («Мой день», the role's queue): query keys, queryOptions and mutations through the typed client.
import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../shared/api/client';
import { search } from '../../../shared/api/search';
import type { Body, Ok } from '../../../shared/api/types';

export type Task = Ok<'/api/v1/tasks', 'get'>['items'][number];
export type TaskKind = Task['kind'];
export type NewTaskBody = Body<'/api/v1/tasks', 'post'>;
export type TaskPatchBody = Body<'/api/v1/tasks/{id}', 'patch'>;
export type StaffMember = Ok<'/api/v1/staff', 'get'>['items'][number];

/** The lists a person works from: today's, all their own, and the role's unassigned queue. */
export const TASK_VIEWS = ['my_day', 'mine', 'queue'] as const;
export type TaskView = (typeof TASK_VIEWS)[number];

export const TASK_KINDS = ['call', 'email', 'meeting', 'task', 'other'] as const satisfies readonly TaskKind[];

const PAGE_SIZE = 100;

export const taskKeys = {
  all: ['tasks'] as const,
  lists: () => [...taskKeys.all, 'list'] as const,
  list: (view: TaskView) => [...taskKeys.lists(), view] as const,
};

export const staffKeys = {
  all: ['staff'] as const,
};

export const taskListQuery = (view: TaskView) =>
  infiniteQueryOptions({
    queryKey: taskKeys.list(view),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/tasks', {
          params: { query: { view, limit: PAGE_SIZE, cursor: pageParam ?? undefined } },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
    // The day changes under the user: keep the list current without a reload.
    refetchInterval: 60_000,
  });

export const staffQuery = queryOptions({
  queryKey: staffKeys.all,
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/staff', { signal })).then((r) => r.items),
  staleTime: 5 * 60_000,
});

export const createTask = (body: NewTaskBody) => unwrap(api.POST('/api/v1/tasks', { body }));

export const updateTask = (id: string, body: TaskPatchBody) =>
  unwrap(api.PATCH('/api/v1/tasks/{id}', { params: { path: { id } }, body }));

export const completeTask = (id: string, version: number, result: string | null) =>
  unwrap(api.POST('/api/v1/tasks/{id}/complete', { params: { path: { id } }, body: { version, result } }));

/** What a new task may be about: clients, leads and deals the search finds for `q`. */
export async function findSubjects(q: string, signal?: AbortSignal) {
  const found = await search(q, 5, signal);
  return [
    ...found.clients.map((h) => ({ type: 'client' as const, ...h })),
    ...found.leads.map((h) => ({ type: 'lead' as const, ...h })),
    ...found.deals.map((h) => ({ type: 'deal' as const, ...h })),
  ];
}
