// A lead's typical offers as its card lists them: newest first, each with the e-mail that last
// carried it (its delivery status is what the manager looks for).
import type { DocumentSummary, EmailView } from '../api/documents';

export interface SentOffer {
  offer: DocumentSummary;
  /** The latest e-mail with this offer attached; none while the list is being read again. */
  email: EmailView | null;
}

/** The offers of a lead's documents, newest first, each with its latest e-mail. */
export function sentOffers(items: readonly DocumentSummary[], emails: readonly EmailView[]): SentOffer[] {
  // By time, then by id (the server's ids grow with time) for two made in the same millisecond.
  const newestFirst = <T extends { id: string; created_at: string }>(xs: readonly T[]) =>
    [...xs].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id.localeCompare(a.id));
  const mails = newestFirst(emails);
  return newestFirst(items.filter((d) => d.kind === 'offer')).map((offer) => ({
    offer,
    email: mails.find((e) => e.document_ids.includes(offer.id)) ?? null,
  }));
}
