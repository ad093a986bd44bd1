import { describe, expect, it } from 'vitest';
import { conflictNotice } from './requests';

describe('conflictNotice', () => {
  it('names the colleague who answered or took the request', () => {
    expect(conflictNotice({ status: 'completed', assignee_id: 'u2', assignee_name: 'Иванов' }, 'u1')).toEqual({
      key: 'completedBy',
      name: 'Иванов',
    });
    expect(conflictNotice({ status: 'in_progress', assignee_id: 'u2', assignee_name: 'Иванов' }, 'u1')).toEqual({
      key: 'takenBy',
      name: 'Иванов',
    });
  });

  it('says when the request was cancelled, with the reason', () => {
    expect(conflictNotice({ status: 'cancelled', cancel_reason: 'Клиент передумал' }, 'u1')).toEqual({
      key: 'cancelled',
      reason: 'Клиент передумал',
    });
  });

  it('falls back to «changed» when it is still ours or open', () => {
    expect(conflictNotice({ status: 'in_progress', assignee_id: 'u1', assignee_name: 'Я' }, 'u1')).toEqual({ key: 'changed' });
    expect(conflictNotice({ status: 'open' }, 'u1')).toEqual({ key: 'changed' });
    expect(conflictNotice({ status: 'completed', assignee_id: 'u1', assignee_name: 'Я' }, 'u1')).toEqual({ key: 'completed' });
  });
});
