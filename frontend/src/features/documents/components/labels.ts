// Names and colours of documents as the tab shows them: a kind's status in the current language
// (the server's Russian name when the status is new to us), a document's short name.
import type { TFunction } from 'i18next';
import { i18n } from '../../../shared/i18n/index';
import type { DocumentKind, DocumentSummary } from '../api/documents';

// Keys built from server codes: checked with `exists`, so typed keys do not apply.
const untypedT = (key: string, options?: Record<string, unknown>): string =>
  String((i18n.t as unknown as (k: string, o?: Record<string, unknown>) => unknown)(key, options));

const statusGroup = (kind: DocumentKind) =>
  kind === 'work_order' || kind === 'delivery_notice' ? 'follow_up' : kind;

/** «Отправлено», «Получен протокол разногласий»… The server names it in Russian (an invoice «Выставлен и
 * отправлен»); other languages translate the code. */
export function statusLabel(d: Pick<DocumentSummary, 'kind' | 'status' | 'status_name'>): string {
  if (i18n.language === 'ru' && d.status_name) return d.status_name;
  const key = `documents.statuses.${statusGroup(d.kind)}.${d.status}`;
  return i18n.exists(key) ? untypedT(key) : d.status_name || d.status;
}

const STATUS_COLOR: Record<string, string> = {
  draft: 'gray',
  sent: 'blue',
  replaced: 'gray',
  issued: 'blue',
  protocol_received: 'orange',
  protocol_correction: 'orange',
  protocol_approved: 'yellow',
  signed_by_client: 'teal',
  signed: 'green',
  not_signed: 'red',
};

export function statusColor(d: Pick<DocumentSummary, 'kind' | 'status'>): string {
  if (d.kind === 'offer' && d.status === 'sent') return 'green';
  if ((d.kind === 'work_order' || d.kind === 'delivery_notice') && d.status === 'sent') return 'green';
  return STATUS_COLOR[d.status] ?? 'gray';
}

/** «КП-3, ред. 2», «Договор № 17/26», «Счёт № 17», «Заказ-наряд ЗН-4». */
export function documentName(t: TFunction, d: Pick<DocumentSummary, 'kind' | 'number' | 'version_no'>): string {
  const kind = t(`documents.kind.${d.kind}`);
  if (d.kind === 'offer') return t('documents.namedOffer', { number: d.number, version: d.version_no });
  if (d.kind === 'contract' || d.kind === 'invoice') return t('documents.named', { kind, number: d.number });
  return t('documents.namedPrefixed', { kind, number: d.number });
}

/** Is this a translation key we have? (for server codes) */
export function textOr(key: string, fallback: string, options?: Record<string, unknown>): string {
  return i18n.exists(key) ? untypedT(key, options) : fallback;
}
