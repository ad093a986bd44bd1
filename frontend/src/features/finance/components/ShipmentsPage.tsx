// «Отгрузки» (issue 11): the warehouse's and the logisticians' queue — the invoices with something
// left to ship, oldest first, fifty to a page; by default only those whose payment the schedule
// wants before shipping is in (or on deferral), with a switch for the rest. Each invoice shows its
// client, its deal (as text: these roles read no deals; a link for those who do), what is paid and
// each line shipped of ordered; «Записать отгрузку» opens the deal tab's shipment dialog for it.
// A card per invoice at every width: its lines are a small table of their own.
import { Alert, Anchor, Badge, Button, Group, Pagination, Paper, SimpleGrid, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useCan } from '../../../shared/api/me';
import { formatDate, formatNumber } from '../../../shared/format/format';
import { formatMoney } from '../../../shared/format/money';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { financeKeys, shipmentQueueQuery, type QueueItem } from '../api/finance';
import { dealMoneyKeys } from '../deal/api/money';
import { unitLabel } from '../deal/components/labels';
import { ShipmentDialog } from '../deal/components/ShipmentDialog';
import { formatQuantity } from '../deal/model/decimal';
import { remaining } from '../deal/model/money';
import { isPositive } from '../model/money';
import { lineProgress, missingBeforeShipping, offsetOfPage, pageAfterShrink, queuePage, SHIPMENT_PAGE_SIZE } from '../model/shipments';

export function ShipmentsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const unpaid = params.get('unpaid') === '1';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const offset = offsetOfPage(page);
  const setParam = (key: string, value: string | null, resetPage = false) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        if (resetPage) next.delete('page');
        return next;
      },
      { replace: true },
    );

  const queue = useQuery(shipmentQueueQuery({ ready_only: !unpaid, offset }, SHIPMENT_PAGE_SIZE));
  const total = queue.data?.total;
  // The open page emptied (its last invoices shipped): the last page that has some.
  useEffect(() => {
    if (total === undefined || queue.isPlaceholderData) return;
    const back = pageAfterShrink(page, total);
    if (back !== null) setParam('page', back > 1 ? String(back) : null);
  }, [total, page, queue.isPlaceholderData]);

  // The invoice being shipped; kept while the dialog closes so it does not empty mid-animation.
  const [target, setTarget] = useState<QueueItem | null>(null);
  const [opened, setOpened] = useState(false);
  const shipped = () => {
    void queryClient.invalidateQueries({ queryKey: financeKeys.shipmentQueue() });
    if (target) void queryClient.invalidateQueries({ queryKey: dealMoneyKeys.deal(target.deal_id) });
  };

  const items = queue.data?.items ?? [];
  const shown = queuePage(offset, total ?? 0, items.length);

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('finance.shipments.title')}
      </Title>
      <Text size="sm" c="dimmed" maw={760}>
        {t('finance.shipments.hint')}
      </Text>

      <Group justify="space-between" align="center" wrap="wrap" gap="sm">
        <Switch
          checked={unpaid}
          onChange={(e) => setParam('unpaid', e.currentTarget.checked ? '1' : null, true)}
          label={t('finance.shipments.showUnpaid')}
        />
        {queue.isSuccess && shown.to > 0 && (
          <Text size="sm" c="dimmed" role="status">
            {shown.from === shown.to
              ? t('finance.shipments.shownOne', { from: formatNumber(shown.from), total: formatNumber(total) })
              : t('finance.shipments.shown', { from: formatNumber(shown.from), to: formatNumber(shown.to), total: formatNumber(total) })}
          </Text>
        )}
      </Group>

      {queue.isPending ? (
        <TableSkeleton />
      ) : queue.isError ? (
        <ProblemAlert error={queue.error} onRetry={() => void queue.refetch()} />
      ) : items.length === 0 ? (
        <Stack gap={4} py="xl" align="center" ta="center">
          <Text fw={500}>{t('finance.shipments.empty')}</Text>
          <Text c="dimmed" size="sm" maw={520}>
            {unpaid ? t('finance.shipments.emptyAllHint') : t('finance.shipments.emptyHint')}
          </Text>
        </Stack>
      ) : (
        <>
          <SimpleGrid
            cols={{ base: 1, lg: 2 }}
            spacing="sm"
            component="ul"
            aria-label={t('finance.shipments.listLabel')}
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            opacity={queue.isPlaceholderData ? 0.6 : 1}
            aria-busy={queue.isPlaceholderData || undefined}
          >
            {items.map((item) => (
              <InvoiceCard
                key={item.invoice.id}
                item={item}
                onShip={() => {
                  setTarget(item);
                  setOpened(true);
                }}
              />
            ))}
          </SimpleGrid>
          {shown.pages > 1 && (
            <Group justify="center">
              <Pagination
                total={shown.pages}
                value={shown.page}
                onChange={(p) => {
                  setParam('page', p > 1 ? String(p) : null);
                  window.scrollTo({ top: 0 });
                }}
                size="sm"
                aria-label={t('finance.shipments.pages')}
                getControlProps={(control) => ({ 'aria-label': t(`finance.shipments.${control}`) })}
                getItemProps={(n) => ({ 'aria-label': t('finance.shipments.page', { page: n }) })}
              />
            </Group>
          )}
        </>
      )}

      {target && (
        <ShipmentDialog
          dealId={target.deal_id}
          opened={opened}
          invoices={[target.invoice]}
          single
          context={<ShipmentContext item={target} />}
          onClose={() => setOpened(false)}
          onDone={shipped}
        />
      )}
    </Stack>
  );
}

function InvoiceCard({ item, onShip }: { item: QueueItem; onShip: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const { invoice } = item;
  const headingId = `shipment-invoice-${invoice.id}`;
  const invoiceTitle = t('finance.shipments.invoice', { number: invoice.number, date: formatDate(invoice.date) });
  const missing = missingBeforeShipping(invoice);
  return (
    <li>
      <Paper withBorder radius="sm" p="sm" h="100%" component="article" aria-labelledby={headingId}>
        <Stack gap="sm" h="100%">
          <Group justify="space-between" align="flex-start" gap="xs">
            <Stack gap={2} style={{ minWidth: 0, flex: '1 1 240px' }}>
              <Title order={2} size="h5" id={headingId}>
                {invoiceTitle}
              </Title>
              <Text size="sm" fw={500}>
                {item.client_name || t('finance.shipments.noClient')}
              </Text>
              <DealName item={item} />
            </Stack>
            <Stack gap={4} align="flex-start" style={{ flex: '0 1 auto' }}>
              <Badge color={item.ready ? 'green' : 'orange'} variant="light" style={{ textTransform: 'none' }}>
                {item.ready ? t('finance.shipments.ready') : t('finance.shipments.waiting')}
              </Badge>
              <Text size="sm">{t('finance.shipments.paid', { paid: formatMoney(invoice.paid), total: formatMoney(invoice.total) })}</Text>
              {!item.ready && isPositive(missing) && (
                <Text size="xs" c="orange.9">
                  {t('finance.shipments.missing', { amount: formatMoney(missing) })}
                </Text>
              )}
            </Stack>
          </Group>

          <Table verticalSpacing={4} aria-label={t('finance.shipments.lines', { invoice: invoiceTitle })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('finance.shipments.columns.name')}</Table.Th>
                <Table.Th ta="right">{t('finance.shipments.columns.shipped')}</Table.Th>
                {!phone && <Table.Th ta="right">{t('finance.shipments.columns.left')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invoice.lines.map((l) => {
                const progress = lineProgress(l);
                const unit = unitLabel(l.unit);
                const left = t('finance.shipments.left', { quantity: formatQuantity(remaining(l)), unit });
                return (
                  <Table.Tr key={l.line_id}>
                    <Table.Td>
                      <Text size="sm">{l.name}</Text>
                      {phone && progress !== 'fully' && (
                        <Text size="xs" c="dimmed">
                          {t('finance.shipments.leftShort', { quantity: formatQuantity(remaining(l)), unit })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }} c={progress === 'fully' ? 'green.9' : undefined}>
                        {t('finance.shipments.progress', { shipped: formatQuantity(l.shipped), ordered: formatQuantity(l.quantity), unit })}
                      </Text>
                    </Table.Td>
                    {!phone && (
                      <Table.Td ta="right">
                        <Text size="sm" fw={progress === 'fully' ? undefined : 600} c={progress === 'fully' ? 'dimmed' : undefined} style={{ whiteSpace: 'nowrap' }}>
                          {left}
                        </Text>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>

          <Group justify="flex-end" mt="auto">
            <Button
              size="sm"
              variant={item.ready ? 'filled' : 'default'}
              fullWidth={phone}
              onClick={onShip}
              aria-label={t('finance.shipments.shipLabel', { number: invoice.number })}
            >
              {t('finance.shipments.ship')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </li>
  );
}

/** «Сделка № N — title»: a link for those who read deals, text for the warehouse. */
function DealName({ item }: { item: QueueItem }) {
  const { t } = useTranslation();
  const canOpen = useCan('deals.read');
  const text = t('finance.shipments.deal', { number: item.deal_number, title: item.deal_title });
  return canOpen ? (
    <Anchor component={Link} to={`/deals/${item.deal_id}`} size="sm">
      {text}
    </Anchor>
  ) : (
    <Text size="sm" c="dimmed">
      {text}
    </Text>
  );
}

/** Above the shipment form: whose invoice it is, and a warning when its payment is not in. */
function ShipmentContext({ item }: { item: QueueItem }) {
  const { t } = useTranslation();
  const missing = missingBeforeShipping(item.invoice);
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {item.client_name || t('finance.shipments.noClient')}
      </Text>
      <Text size="sm" c="dimmed">
        {t('finance.shipments.deal', { number: item.deal_number, title: item.deal_title })}
      </Text>
      {!item.ready && (
        <Alert color="orange" variant="light" mt={4}>
          {t('finance.shipments.waitingWarning', { amount: formatMoney(missing) })}
        </Alert>
      )}
    </Stack>
  );
}
