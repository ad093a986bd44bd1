// Notifications: the caller's own list with the unread count, marking them read.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../shared/api/client';
import type { Ok } from '../../../shared/api/types';

export type NotificationPage = Ok<'/api/v1/notifications', 'get'>;
export type Notification = NotificationPage['items'][number];

export const notificationKeys = {
  all: ['notifications'] as const,
};

/** The newest 30: the bell shows them and counts the unread. */
export const notificationsQuery = queryOptions({
  queryKey: notificationKeys.all,
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/notifications', { params: { query: { limit: 30 } }, signal })),
  // The live stream says when there is something new; this is the fallback without it.
  refetchInterval: 120_000,
});

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/notifications/read-all')),
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
