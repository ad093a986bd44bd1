// What to tell a person whose action on a request lost a race (409) or found it closed.

interface RequestLike {
  status: 'open' | 'in_progress' | 'completed' | 'cancelled';
  assignee_id?: string | null;
  assignee_name?: string | null;
  cancel_reason?: string | null;
}

export type ConflictNotice =
  | { key: 'completedBy'; name: string }
  | { key: 'completed' }
  | { key: 'cancelled'; reason: string }
  | { key: 'takenBy'; name: string }
  | { key: 'changed' };

/** Explains the fresh state of a request after someone else changed it. */
export function conflictNotice(fresh: RequestLike, meId: string | undefined): ConflictNotice {
  if (fresh.status === 'completed')
    return fresh.assignee_name && fresh.assignee_id !== meId ? { key: 'completedBy', name: fresh.assignee_name } : { key: 'completed' };
  if (fresh.status === 'cancelled') return { key: 'cancelled', reason: fresh.cancel_reason ?? '' };
  if (fresh.status === 'in_progress' && fresh.assignee_id && fresh.assignee_id !== meId)
    return { key: 'takenBy', name: fresh.assignee_name ?? '' };
  return { key: 'changed' };
}
