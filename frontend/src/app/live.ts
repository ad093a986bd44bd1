// What a change on the live stream makes the app read again: the card, its board and lists, its
// tasks, requests and documents, «Мой день», the notifications. Changes arriving together are read once
// (a short pause gathers them).
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { documentKeys } from '../features/documents/api/documents';
import { notificationKeys } from '../features/notifications/api/notifications';
import { salesKeys } from '../features/sales/api/sales';
import { requestKeys } from '../features/work/api/requests';
import { taskKeys } from '../features/work/api/tasks';
import { openLiveStream, type LiveEvent } from '../shared/live/stream';

/** A deal's documents changed: made, e-mailed (queued, delivered, failed, retried), a contract's step. */
const DOCUMENT_TOPICS = new Set([
  'deal.document_created',
  'deal.email_queued',
  'deal.email_sent',
  'deal.email_failed',
  'deal.email_attempt_failed',
  'deal.contract_step',
]);

/** The queries a change makes stale. */
export function keysFor(e: LiveEvent): QueryKey[] {
  const keys: QueryKey[] = [];
  const kind = e.topic.startsWith('lead.') ? 'lead' : e.topic.startsWith('deal.') ? 'deal' : undefined;
  if (e.card_id) {
    if (kind) keys.push(salesKeys.card(kind, e.card_id));
    else keys.push(salesKeys.cards());
    keys.push(salesKeys.boards(), salesKeys.lists(), salesKeys.tasks(e.card_id));
  }
  if (e.card_id && DOCUMENT_TOPICS.has(e.topic)) keys.push(documentKeys.deal(e.card_id), documentKeys.details());
  if (e.request_id) keys.push(requestKeys.all, salesKeys.request(e.request_id));
  if (e.subject === 'task' || e.topic.endsWith('task_created') || e.topic.endsWith('tasks_closed')) keys.push(taskKeys.all);
  if (e.notified) keys.push(notificationKeys.all);
  return keys;
}

function gatherer(qc: QueryClient) {
  let pending = new Map<string, QueryKey>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (keys: QueryKey[]) => {
    for (const k of keys) pending.set(JSON.stringify(k), k);
    timer ??= setTimeout(() => {
      const batch = pending;
      pending = new Map();
      timer = undefined;
      for (const queryKey of batch.values()) void qc.invalidateQueries({ queryKey });
    }, 150);
  };
}

/** Keeps this tab's stream open while the shell is shown. */
export function useLiveUpdates(): void {
  const qc = useQueryClient();
  useEffect(() => {
    const stop = new AbortController();
    const stale = gatherer(qc);
    openLiveStream({ onChange: (e) => stale(keysFor(e)), onReset: () => void qc.invalidateQueries() }, stop.signal);
    return () => stop.abort();
  }, [qc]);
}
