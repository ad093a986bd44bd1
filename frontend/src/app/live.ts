// What a change on the live stream makes the app read again: the card, its board and lists, its
// tasks, requests and documents, «Мой день», the notifications. Changes arriving together are read once
// (a short pause gathers them).
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { documentKeys } from '../features/documents/api/documents';
import { financeKeys } from '../features/finance/api/finance';
import { notificationKeys } from '../features/notifications/api/notifications';
import { salesKeys } from '../features/sales/api/sales';
import { requestKeys } from '../features/work/api/requests';
import { taskKeys } from '../features/work/api/tasks';
import { openLiveStream, type LiveEvent } from '../shared/live/stream';

/** A card's documents changed: made, e-mailed (queued, delivered, failed, retried), a contract's
 * step — a deal's, or a lead's typical offer. */
const DOCUMENT_CHANGES = new Set(['document_created', 'email_queued', 'email_sent', 'email_failed', 'email_attempt_failed', 'contract_step']);

/** A deal's money or shipping changed: the shipping queue and the payments lists are read again. */
const MONEY_CHANGES = new Set(['payment_registered', 'payment_allocated', 'shipment_recorded', 'invoice_cancelled']);

/** The queries a change makes stale. */
export function keysFor(e: LiveEvent): QueryKey[] {
  const keys: QueryKey[] = [];
  const kind = e.topic.startsWith('lead.') ? 'lead' : e.topic.startsWith('deal.') ? 'deal' : undefined;
  if (e.card_id) {
    if (kind) keys.push(salesKeys.card(kind, e.card_id));
    else keys.push(salesKeys.cards());
    keys.push(salesKeys.boards(), salesKeys.lists(), salesKeys.tasks(e.card_id));
  }
  if (e.card_id && kind && DOCUMENT_CHANGES.has(e.topic.slice(kind.length + 1)))
    keys.push(kind === 'deal' ? documentKeys.deal(e.card_id) : documentKeys.lead(e.card_id), documentKeys.details());
  if (kind === 'deal' && MONEY_CHANGES.has(e.topic.slice('deal.'.length))) keys.push(financeKeys.shipmentQueue(), financeKeys.payments());
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
