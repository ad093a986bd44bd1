// A deal's documents (issue 10): offers with their versions, contracts and their steps, invoices,
// work orders and delivery notices, their PDFs and the e-mails that send them; a lead's typical
// offers. Query-key
// factories, queryOptions and mutations over the typed client; errors stay ApiProblem.
import { queryOptions } from '@tanstack/react-query';
import { api, apiUrl, sendWithSession, unwrap } from '../../../shared/api/client';
import { uploadFile } from '../../../shared/api/files';
import { ApiProblem } from '../../../shared/api/problem';
import type { Body, Ok } from '../../../shared/api/types';

export type DealDocuments = Ok<'/api/v1/deals/{id}/documents', 'get'>;
export type DocumentSummary = DealDocuments['items'][number];
export type EmailView = DealDocuments['emails'][number];
export type DocumentView = Ok<'/api/v1/documents/{id}', 'get'>;
export type DocumentLine = DocumentView['lines'][number];
export type ContractAction = DocumentView['actions'][number];
export type ContractKind = NonNullable<DocumentSummary['contract_kind']>;
export type DocumentKind = DocumentSummary['kind'];
export type OfferStart = Ok<'/api/v1/deals/{id}/offers/draft', 'get'>;
export type OfferBody = Body<'/api/v1/deals/{id}/offers', 'post'>;
export type ContractBody = Body<'/api/v1/deals/{id}/contracts', 'post'>;
export type InvoiceBody = Body<'/api/v1/deals/{id}/invoices', 'post'>;
export type FollowUpBody = Body<'/api/v1/deals/{id}/follow-ups', 'post'>;
export type ContractStepBody = Body<'/api/v1/documents/{id}/contract-steps', 'post'>;
export type Letter = Ok<'/api/v1/deals/{id}/emails/draft', 'get'>;
export type SendBody = Body<'/api/v1/deals/{id}/emails', 'post'>;
export type TypicalOfferBody = Body<'/api/v1/leads/{id}/typical-offer', 'post'>;
export type CatalogueItem = Ok<'/api/v1/catalogue/items', 'get'>['items'][number];
export type PriceList = Ok<'/api/v1/price-lists', 'get'>['items'][number];
/** What the documents tab needs of the deal (the deal card's own type lives in sales). */
export type DealForDocuments = Pick<
  Ok<'/api/v1/deals/{id}', 'get'>,
  'id' | 'status' | 'client_id' | 'counterparty_id' | 'organization_id' | 'number' | 'title'
>;

/** The kinds in the order a deal goes through them (the tab's groups, the letter's list). */
export const DOCUMENT_KINDS = ['offer', 'contract', 'invoice', 'work_order', 'delivery_notice'] as const satisfies readonly DocumentKind[];

/** What the typical offer needs of the lead (the lead card's own type lives in sales). */
export type LeadForDocuments = Pick<Ok<'/api/v1/leads/{id}', 'get'>, 'id' | 'status'>;

export const CONTRACT_KINDS = [
  'tile_supply',
  'tile_supply_installation',
  'line_supply',
  'commissioning',
  'franchise',
] as const satisfies readonly ContractKind[];

export const UNITS = ['pcs', 'm2', 'kg', 'set', 'service_unit'] as const;
export type Unit = (typeof UNITS)[number];

export const documentKeys = {
  all: ['documents'] as const,
  deals: () => [...documentKeys.all, 'deal'] as const,
  deal: (dealId: string) => [...documentKeys.deals(), dealId] as const,
  lead: (leadId: string) => [...documentKeys.all, 'lead', leadId] as const,
  offerDraft: (dealId: string) => [...documentKeys.deal(dealId), 'offer-draft'] as const,
  letter: (dealId: string, ids: readonly string[]) => [...documentKeys.deal(dealId), 'letter', [...ids].sort().join(',')] as const,
  details: () => [...documentKeys.all, 'document'] as const,
  detail: (id: string) => [...documentKeys.details(), id] as const,
  catalogue: (q: string) => [...documentKeys.all, 'catalogue', q] as const,
  priceLists: () => [...documentKeys.all, 'price-lists'] as const,
  client: (id: string) => [...documentKeys.all, 'client', id] as const,
};

export const dealDocumentsQuery = (dealId: string) =>
  queryOptions({
    queryKey: documentKeys.deal(dealId),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/deals/{id}/documents', { params: { path: { id: dealId } }, signal })),
  });

/** A lead's documents (its typical offers) and the e-mails that sent them. */
export const leadDocumentsQuery = (leadId: string) =>
  queryOptions({
    queryKey: documentKeys.lead(leadId),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/leads/{id}/documents', { params: { path: { id: leadId } }, signal })),
  });

export const documentQuery = (id: string) =>
  queryOptions({
    queryKey: documentKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/documents/{id}', { params: { path: { id } }, signal })),
  });

export const offerDraftQuery = (dealId: string) =>
  queryOptions({
    queryKey: documentKeys.offerDraft(dealId),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/deals/{id}/offers/draft', { params: { path: { id: dealId } }, signal })),
    // Always where the deal is now: the current offer or the logistician's latest answer.
    staleTime: 0,
    gcTime: 0,
  });

export const letterQuery = (dealId: string, ids: readonly string[]) =>
  queryOptions({
    queryKey: documentKeys.letter(dealId, ids),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/deals/{id}/emails/draft', {
          params: { path: { id: dealId }, query: { documents: ids.join(',') } },
          signal,
        }),
      ),
    staleTime: 0,
  });

/** Catalogue items matching `q` (a production may not read the catalogue: 403). */
export const catalogueSearchQuery = (q: string) =>
  queryOptions({
    queryKey: documentKeys.catalogue(q),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/catalogue/items', { params: { query: { q: q || undefined, active: true, limit: 20 } }, signal })).then(
        (r) => r.items,
      ),
    placeholderData: (previous) => previous,
    staleTime: 60_000,
    retry: (count, e) => !(e instanceof ApiProblem && (e.status === 403 || e.status === 401)) && count < 2,
  });

export const priceListsQuery = queryOptions({
  queryKey: documentKeys.priceLists(),
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/price-lists', { signal })).then((r) => r.items),
  staleTime: 5 * 60_000,
  retry: (count, e) => !(e instanceof ApiProblem && e.status === 403) && count < 2,
});

/** The deal's client with its counterparties and their bank accounts (to pick the contract's account). */
export const clientAccountsQuery = (clientId: string) =>
  queryOptions({
    queryKey: documentKeys.client(clientId),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/clients/{id}', { params: { path: { id: clientId } }, signal })),
    staleTime: 30_000,
  });

/** An item's price in roubles from a price list on a date; null when the list has none for it. */
export async function itemPrice(priceListId: string, itemId: string, date: string): Promise<string | null> {
  try {
    const r = await unwrap(
      api.GET('/api/v1/price-lists/{id}/price', { params: { path: { id: priceListId }, query: { item_id: itemId, date } } }),
    );
    return r.price_rub;
  } catch (e) {
    if (e instanceof ApiProblem && (e.status === 404 || e.status === 422)) return null;
    throw e;
  }
}

// ---- mutations --------------------------------------------------------------------------------

export const createOffer = (dealId: string, body: OfferBody) =>
  unwrap(api.POST('/api/v1/deals/{id}/offers', { params: { path: { id: dealId } }, body }));

export const createContract = (dealId: string, body: ContractBody) =>
  unwrap(api.POST('/api/v1/deals/{id}/contracts', { params: { path: { id: dealId } }, body }));

export const createInvoice = (dealId: string, body: InvoiceBody) =>
  unwrap(api.POST('/api/v1/deals/{id}/invoices', { params: { path: { id: dealId } }, body }));

export const createFollowUp = (dealId: string, body: FollowUpBody) =>
  unwrap(api.POST('/api/v1/deals/{id}/follow-ups', { params: { path: { id: dealId } }, body }));

export const contractStep = (id: string, body: ContractStepBody) =>
  unwrap(api.POST('/api/v1/documents/{id}/contract-steps', { params: { path: { id } }, body }));

export const sendDocuments = (dealId: string, body: SendBody) =>
  unwrap(api.POST('/api/v1/deals/{id}/emails', { params: { path: { id: dealId } }, body }));

/** Makes the typical offer from the rouble price list in force, e-mails it; the lead moves to «Типовое КП отправлено». */
export const sendTypicalOffer = (leadId: string, body: TypicalOfferBody) =>
  unwrap(api.POST('/api/v1/leads/{id}/typical-offer', { params: { path: { id: leadId } }, body }));

/** Uploads the client's signed scan to the deal (it shows in the timeline); its id goes into the step. */
export const uploadScan = (dealId: string, file: File, onProgress?: (fraction: number) => void) =>
  uploadFile('/api/v1/deals/{id}/files', { id: dealId }, file, { onProgress });

// ---- PDF --------------------------------------------------------------------------------------

/** Where a document's PDF is read from (with the stamp and signature or without; as a download). */
export function pdfUrl(id: string, stamp: boolean, download = false): string {
  const q = new URLSearchParams({ stamp: String(stamp) });
  if (download) q.set('download', 'true');
  return `/api/v1/documents/${encodeURIComponent(id)}/pdf?${q.toString()}`;
}

/** The PDF's bytes with the session (an iframe cannot send the bearer token). Throws ApiProblem. */
export async function fetchPdf(id: string, stamp: boolean, signal?: AbortSignal): Promise<Blob> {
  let response: Response;
  try {
    response = await sendWithSession(new Request(apiUrl(pdfUrl(id, stamp)), { headers: { Accept: 'application/pdf' }, signal }));
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw ApiProblem.network(e);
  }
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    throw ApiProblem.fromResponse(response, body);
  }
  const blob = await response.blob();
  // Typed as PDF whatever the server said, so the browser's viewer shows it.
  return blob.type === 'application/pdf' ? blob : new Blob([blob], { type: 'application/pdf' });
}
