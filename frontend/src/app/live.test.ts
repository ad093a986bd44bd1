import { describe, expect, it } from 'vitest';
import { keysFor } from './live';

const base = { seq: 1, id: 'e', subject_id: 's', card_id: null, request_id: null, notified: false };

describe('what a live change makes stale', () => {
  it('a deal’s answered request: the deal, its boards, lists and tasks, the queues, and the bell when it notified', () => {
    const keys = keysFor({ ...base, topic: 'deal.request_completed', subject: 'deal', card_id: 'd1', request_id: 'r1', notified: true });
    expect(keys).toEqual([
      ['sales', 'card', 'deal', 'd1'],
      ['sales', 'board'],
      ['sales', 'list'],
      ['sales', 'tasks', 'd1'],
      ['requests'],
      ['sales', 'request', 'r1'],
      ['notifications'],
    ]);
  });

  it('a task of a lead: the lead and «Мой день»; no bell when it did not notify this person', () => {
    const keys = keysFor({ ...base, topic: 'task.task_changed', subject: 'task', card_id: 'l1' });
    expect(keys).toContainEqual(['sales', 'card']);
    expect(keys).toContainEqual(['tasks']);
    expect(keys).not.toContainEqual(['notifications']);
  });

  it('a deal’s payment, shipment or cancelled invoice: the shipping queue and the payments, not for other changes', () => {
    for (const topic of ['deal.payment_registered', 'deal.payment_allocated', 'deal.shipment_recorded', 'deal.invoice_cancelled']) {
      const keys = keysFor({ ...base, topic, subject: 'deal', card_id: 'd1' });
      expect(keys).toContainEqual(['finance', 'shipment-queue']);
      expect(keys).toContainEqual(['finance', 'payments']);
    }
    expect(keysFor({ ...base, topic: 'deal.stage_changed', subject: 'deal', card_id: 'd1' })).not.toContainEqual(['finance', 'shipment-queue']);
  });

  it('a personal task touches only the task lists', () => {
    expect(keysFor({ ...base, topic: 'task.task_assigned', subject: 'task' })).toEqual([['tasks']]);
  });

  it('a deal’s e-mail delivered or a contract’s step: the deal and its documents tab', () => {
    for (const topic of ['deal.email_sent', 'deal.email_attempt_failed', 'deal.contract_step', 'deal.document_created']) {
      const keys = keysFor({ ...base, topic, subject: 'deal', card_id: 'd1' });
      expect(keys).toContainEqual(['sales', 'card', 'deal', 'd1']);
      expect(keys).toContainEqual(['documents', 'deal', 'd1']);
      expect(keys).toContainEqual(['documents', 'document']);
    }
    expect(keysFor({ ...base, topic: 'deal.request_completed', subject: 'deal', card_id: 'd1' })).not.toContainEqual(['documents', 'deal', 'd1']);
  });

  it('a lead’s typical offer made or its e-mail delivered: the lead and its documents', () => {
    for (const topic of ['lead.document_created', 'lead.email_queued', 'lead.email_sent', 'lead.email_failed']) {
      const keys = keysFor({ ...base, topic, subject: 'lead', card_id: 'l1' });
      expect(keys).toContainEqual(['sales', 'card', 'lead', 'l1']);
      expect(keys).toContainEqual(['documents', 'lead', 'l1']);
      expect(keys).not.toContainEqual(['documents', 'deal', 'l1']);
    }
    expect(keysFor({ ...base, topic: 'lead.stage_changed', subject: 'lead', card_id: 'l1' })).not.toContainEqual(['documents', 'lead', 'l1']);
  });
});
