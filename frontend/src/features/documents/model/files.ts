// The name a document's PDF travels under, as the server names it
// (`app::documents::sending::file_name`): «Счёт на оплату № 17 от 30.11.2026.pdf», an offer's
// later version with «(ред. 2)».

export const DOCUMENT_KINDS = ['offer', 'contract', 'invoice', 'work_order', 'delivery_notice'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** The document's title as printed (`DocumentKind::name_ru`). */
export const PRINTED_TITLE: Record<DocumentKind, string> = {
  offer: 'Коммерческое предложение',
  contract: 'Договор',
  invoice: 'Счёт на оплату',
  work_order: 'Заказ-наряд',
  delivery_notice: 'Уведомление',
};

/** `YYYY-MM-DD` → дд.мм.гггг. */
export const ruDate = (iso: string) => iso.slice(0, 10).split('-').reverse().join('.');

export function pdfFileName(d: { kind: DocumentKind; number: string; date: string; version_no: number }): string {
  let title = `${PRINTED_TITLE[d.kind]} № ${d.number} от ${ruDate(d.date)}`;
  if (d.kind === 'offer' && d.version_no > 1) title += ` (ред. ${d.version_no})`;
  return `${title.replace(/[/\\]/g, '-')}.pdf`;
}
