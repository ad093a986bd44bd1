import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, unwrap } from '../../../shared/api/client';
import { taskKeys, type Task } from '../api/tasks';

/** Refreshes every task list, and the cards a finished stage task may have moved. */
export function useTaskRefresh() {
  const queryClient = useQueryClient();
  return useCallback(
    (task?: Pick<Task, 'subject_type'>) => {
      void queryClient.invalidateQueries({ queryKey: taskKeys.all });
      // Another feature owns the cards; their lists and pages are keyed by these roots.
      if (task?.subject_type === 'deal') void queryClient.invalidateQueries({ queryKey: ['deals'] });
      if (task?.subject_type === 'lead') void queryClient.invalidateQueries({ queryKey: ['leads'] });
    },
    [queryClient],
  );
}

/** The task as it is now (after a version conflict). */
export const fetchTask = (id: string) => unwrap(api.GET('/api/v1/tasks/{id}', { params: { path: { id } } }));
