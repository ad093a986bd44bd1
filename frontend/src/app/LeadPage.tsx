// A lead's card with what other areas add to it: the typical offer (seed 000, «Типовое КП
// отправлено») and its «Документы». Composed here because a feature never reaches into another:
// sales gives the card its slots, documents fills them.
import { LeadDocuments } from '../features/documents/components/LeadDocuments';
import { TypicalOfferButton } from '../features/documents/components/TypicalOffer';
import { LeadCardPage, type LeadExtras } from '../features/sales/components/LeadCardPage';
import { useCan } from '../shared/api/me';

export function LeadPage() {
  const canRead = useCan('documents.read');
  const canDocuments = useCan('documents.write');
  const canLeads = useCan('leads.write');
  const canSend = canDocuments && canLeads;
  const extras: LeadExtras | undefined =
    canRead || canSend
      ? (lead, { contact, refresh }) => ({
          actions: canSend && lead.status === 'open' && <TypicalOfferButton lead={lead} recipient={contact} onSent={refresh} />,
          panels: canRead && <LeadDocuments leadId={lead.id} />,
        })
      : undefined;
  return <LeadCardPage extras={extras} />;
}
