// A deal's card with the tabs other areas add to it: «Документы» (issue 10). Composed here because
// a feature never reaches into another: sales gives the card its slot, documents fills it.
import { useTranslation } from 'react-i18next';
import { DocumentsTab } from '../features/documents/components/DocumentsTab';
import { DealCardPage, type DealTabs } from '../features/sales/components/DealCardPage';
import { useCan } from '../shared/api/me';

export function DealPage() {
  const { t } = useTranslation();
  const canDocuments = useCan('documents.read');
  const tabs: DealTabs | undefined = canDocuments
    ? (deal, refresh) => [{ value: 'documents', label: t('documents.tab'), content: <DocumentsTab deal={deal} onDealChanged={refresh} /> }]
    : undefined;
  return <DealCardPage tabs={tabs} />;
}
