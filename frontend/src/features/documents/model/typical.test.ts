import { describe, expect, it } from 'vitest';
import type { DocumentSummary, EmailView } from '../api/documents';
import { sentOffers } from './typical';

const offer = (id: string, created_at: string): DocumentSummary =>
  ({ id, kind: 'offer', number: `КП-${id}`, version_no: 1, status: 'sent', created_at, file_name: `КП ${id}.pdf` }) as DocumentSummary;
const email = (id: string, ids: string[], status: EmailView['status'], created_at: string): EmailView =>
  ({ id, document_ids: ids, status, created_at, to_address: 'irina@example.ru' }) as EmailView;

describe('a lead’s typical offers with their e-mails', () => {
  it('lists the offers newest first, each with the latest e-mail that carried it', () => {
    const items = [offer('1', '2026-11-30T06:00:00Z'), offer('2', '2026-11-30T07:00:00.5Z')];
    const emails = [
      email('e1', ['1'], 'failed', '2026-11-30T06:00:01Z'),
      email('e3', ['1'], 'sent', '2026-11-30T08:00:00Z'),
      email('e2', ['2'], 'queued', '2026-11-30T07:00:01Z'),
    ];
    expect(sentOffers(items, emails).map((x) => [x.offer.id, x.email?.id, x.email?.status])).toEqual([
      ['2', 'e2', 'queued'],
      ['1', 'e3', 'sent'],
    ]);
  });

  it('keeps an offer whose e-mail is not in the list yet, and leaves out other kinds', () => {
    const items = [offer('1', '2026-11-30T06:00:00Z'), { ...offer('9', '2026-11-30T06:00:00Z'), kind: 'invoice' } as DocumentSummary];
    expect(sentOffers(items, [])).toEqual([{ offer: items[0], email: null }]);
  });

  it('orders two offers of the same moment by their ids', () => {
    const at = '2026-11-30T06:00:00.123456789Z';
    expect(sentOffers([offer('01a', at), offer('01b', at)], []).map((x) => x.offer.id)).toEqual(['01b', '01a']);
  });
});
