// A deal's card with the tabs other areas add to it: «Документы» (issue 10) and «Деньги» (issue
// 11). Composed here because a feature never reaches into another: sales gives the card its slot,
// documents and finance fill it.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { documentKeys } from '../features/documents/api/documents';
import { DocumentsTab } from '../features/documents/components/DocumentsTab';
import { MoneyTab } from '../features/finance/deal/components/MoneyTab';
import type { CardTab } from '../features/sales/components/CardPageShell';
import { DealCardPage, type DealTabs } from '../features/sales/components/DealCardPage';
import { dealQuery } from '../features/sales/api/sales';
import { useCan } from '../shared/api/me';

export function DealPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const canDocuments = useCan('documents.read');
  // The money is read by the deal's people, the accountant and whoever ships (as the API allows).
  const canPayments = useCan('payments.read');
  const canShip = useCan('shipments.record');
  const canMoney = canDocuments || canPayments || canShip;
  // When the card was last read (the card page reads it; this only watches). The live stream
  // reads the card again on every change of the deal — a payment imported, a shipment recorded —
  // and the money tab reads its money with it.
  const cardReadAt = useQuery({ ...dealQuery(id), enabled: false }).dataUpdatedAt;

  const tabs: DealTabs | undefined =
    canMoney
      ? (deal, refresh) => {
          const list: CardTab[] = [];
          if (canDocuments)
            list.push({ value: 'documents', label: t('documents.tab'), content: <DocumentsTab deal={deal} onDealChanged={refresh} /> });
          if (canMoney)
            list.push({
              value: 'money',
              label: t('financeDeal.tab'),
              content: (
                <MoneyTab
                  deal={deal}
                  cardReadAt={cardReadAt}
                  onDealChanged={() => {
                    refresh();
                    // A cancelled invoice changes its document's status too.
                    void queryClient.invalidateQueries({ queryKey: documentKeys.deal(deal.id) });
                  }}
                />
              ),
            });
          return list;
        }
      : undefined;
  return <DealCardPage tabs={tabs} />;
}
