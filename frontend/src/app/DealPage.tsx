// A deal's card with the tabs other areas add to it: «Документы» (issue 10), «Деньги» (issue
// 11) and «Производство» (issue 12, its code loaded with the tab). Composed here because a feature never reaches into another: sales gives the card its slot,
// documents and finance fill it.
import { Skeleton, Stack } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { documentKeys } from '../features/documents/api/documents';
import { DocumentsTab } from '../features/documents/components/DocumentsTab';
import { MoneyTab } from '../features/finance/deal/components/MoneyTab';
import type { CardTab } from '../features/sales/components/CardPageShell';
import { DealCardPage, type DealTabs } from '../features/sales/components/DealCardPage';
import { dealQuery } from '../features/sales/api/sales';
import { onProductionSide, useCan, useMe } from '../shared/api/me';

/** The deal's production orders and their distribution: a chunk of their own, loaded with the tab. */
const DealProductionTab = lazy(() => import('../features/production/components/DealProductionTab').then((m) => ({ default: m.DealProductionTab })));

export function DealPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const canDocuments = useCan('documents.read');
  // The money is read by the deal's people, the accountant and whoever ships (as the API allows).
  const canPayments = useCan('payments.read');
  const canShip = useCan('shipments.record');
  const canMoney = canDocuments || canPayments || canShip;
  // The head company's people who read the productions see the deal's orders (a production, 403).
  const me = useMe();
  const canProduction = useCan('productions.read') && !!me && !onProductionSide(me);
  // When the card was last read (the card page reads it; this only watches). The live stream
  // reads the card again on every change of the deal — a payment imported, a shipment recorded —
  // and the money tab reads its money with it.
  const cardReadAt = useQuery({ ...dealQuery(id), enabled: false }).dataUpdatedAt;

  const tabs: DealTabs | undefined =
    canMoney || canProduction
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
          if (canProduction)
            list.push({
              value: 'production',
              label: t('dealProduction.tab'),
              content: (
                <Suspense
                  fallback={
                    <Stack aria-busy="true">
                      <Skeleton height={36} />
                      <Skeleton height={120} />
                    </Stack>
                  }
                >
                  <DealProductionTab dealId={deal.id} onDealChanged={refresh} />
                </Suspense>
              ),
            });
          return list;
        }
      : undefined;
  return <DealCardPage tabs={tabs} />;
}
