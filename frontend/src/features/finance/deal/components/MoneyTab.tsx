// The «Деньги» tab of a deal (issue 11): what its money says in one line (waiting for the
// advance, paid, shipped and waiting for the deferred rest, settled, lost) with the client's
// advance; each invoice with its totals, its schedule parts (due, paid, overdue) and its lines
// shipped; the payments on the deal's invoices and the shipments. Actions by permission: a
// shipment, a payment entered by hand, an invoice cancelled. The money moves the deal by itself:
// the card is read again after each action, and the tab whenever the live stream changes the card.
import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../../shared/api/me';
import { formatDate } from '../../../../shared/format/format';
import { formatMoney } from '../../../../shared/format/money';
import { ProblemAlert } from '../../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../../shared/ui/TableSkeleton';
import {
  dealMoneyKeys,
  dealMoneyQuery,
  type DealForMoney,
  type DealMoney,
  type DealPayment,
  type InvoiceMoney,
  type Shipment,
} from '../api/money';
import { formatQuantity, MONEY, units } from '../model/decimal';
import { hasOutstanding, isLive, moneyState, partStatus, shippable, totalsOf, unpaid, type MoneyState } from '../model/money';
import { CancelInvoiceDialog } from './CancelInvoiceDialog';
import { unitLabel } from './labels';
import { InvoicePaymentDialog } from './InvoicePaymentDialog';
import { ShipmentDialog } from './ShipmentDialog';
import { useMoneyChanged } from './useMoneyChanged';

export interface MoneyTabProps {
  deal: DealForMoney;
  /** Reads the deal card again (its stage moves with the money). */
  onDealChanged: () => void;
  /** When the deal card was last read: the live stream reads it again on every change of the
   * deal (a payment imported, a shipment recorded elsewhere), and the money is read with it. */
  cardReadAt?: number;
}

/** What dialog is open, for which invoice (found again in each reading, so its version is current). */
type Dialog = { kind: 'ship' } | { kind: 'pay' | 'cancel'; invoiceId: string } | null;

const STATE_COLOR: Record<MoneyState, string> = {
  none: 'gray',
  awaitingAdvance: 'yellow',
  awaitingRest: 'yellow',
  notDueYet: 'blue',
  payment_received: 'green',
  shipped_unpaid: 'orange',
  settled: 'green',
  lost: 'red',
  reissued: 'gray',
};

export function MoneyTab({ deal, onDealChanged, cardReadAt }: MoneyTabProps) {
  const { t } = useTranslation();
  const canShip = useCan('shipments.record');
  const canPay = useCan('payments.record');
  const canCancel = useCan('documents.write');
  const money = useQuery(dealMoneyQuery(deal.id));
  const [dialog, setDialog] = useState<Dialog>(null);
  const changed = useMoneyChanged(deal.id, onDealChanged);
  useLiveRefresh(deal.id, cardReadAt);

  if (money.isPending) return <TableSkeleton rows={5} />;
  if (money.isError) return <ProblemAlert error={money.error} onRetry={() => void money.refetch()} />;

  const data = money.data;
  const open = deal.status === 'open';
  const state = moneyState(data.state, data.invoices);
  const canShipNow = canShip && data.invoices.some(shippable);
  // Newest first, as the documents tab lists them.
  const invoices = [...data.invoices].reverse();
  const live = data.invoices.filter(isLive);
  const dialogInvoice = (dialog && 'invoiceId' in dialog && data.invoices.find((i) => i.id === dialog.invoiceId)) || null;

  return (
    <Stack>
      {!open && data.invoices.length > 0 && (
        <Alert color="gray" variant="light">
          {t('financeDeal.closedDeal')}
        </Alert>
      )}
      {data.invoices.length === 0 ? (
        <Paper withBorder p="lg" radius="sm">
          <Text size="sm">{open ? t('financeDeal.empty') : t('financeDeal.emptyClosed')}</Text>
        </Paper>
      ) : (
        <>
          <StateLine state={state} data={data} showTotals={live.length > 0} />
          {canShipNow && (
            <Group gap="xs" role="toolbar" aria-label={t('financeDeal.actions.toolbar')}>
              <Button size="sm" onClick={() => setDialog({ kind: 'ship' })}>
                {t('financeDeal.actions.ship')}
              </Button>
            </Group>
          )}
          {invoices.map((invoice) => (
            <InvoiceCard
              key={invoice.id}
              invoice={invoice}
              onPay={canPay && hasOutstanding(invoice) ? () => setDialog({ kind: 'pay', invoiceId: invoice.id }) : undefined}
              onCancel={canCancel && open && isLive(invoice) && unpaid(invoice) ? () => setDialog({ kind: 'cancel', invoiceId: invoice.id }) : undefined}
            />
          ))}
          <PaymentsSection payments={data.payments} invoices={data.invoices} />
          <ShipmentsSection shipments={data.shipments} invoices={data.invoices} />
          {data.direct_costs.length > 0 && <DirectCostsSection data={data} />}
        </>
      )}

      {canShip && (
        <ShipmentDialog
          dealId={deal.id}
          opened={dialog?.kind === 'ship'}
          invoices={data.invoices}
          onClose={() => setDialog(null)}
          onDone={changed}
        />
      )}
      {canPay && (
        <InvoicePaymentDialog
          deal={deal}
          invoice={dialog?.kind === 'pay' ? dialogInvoice : null}
          onClose={() => setDialog(null)}
          onDone={changed}
        />
      )}
      {canCancel && (
        <CancelInvoiceDialog
          invoice={dialog?.kind === 'cancel' ? dialogInvoice : null}
          lastLive={live.length === 1}
          reasons={data.cancel_reasons}
          onClose={() => setDialog(null)}
          onDone={changed}
        />
      )}
    </Stack>
  );
}

/** Reads the money again when the deal card was read again (not on the first reading). */
function useLiveRefresh(dealId: string, cardReadAt: number | undefined) {
  const queryClient = useQueryClient();
  const seen = useRef(cardReadAt);
  useEffect(() => {
    if (cardReadAt === undefined || cardReadAt === seen.current) return;
    seen.current = cardReadAt;
    // A reading already under way (after this tab's own action) is enough.
    void queryClient.invalidateQueries({ queryKey: dealMoneyKeys.deal(dealId) }, { cancelRefetch: false });
  }, [queryClient, dealId, cardReadAt]);
}

function StateLine({ state, data, showTotals }: { state: MoneyState; data: DealMoney; showTotals: boolean }) {
  const { t } = useTranslation();
  const totals = totalsOf(data.invoices);
  const advance = units(data.advance, MONEY) > 0n ? data.advance : null;
  const title = state === 'none' ? t('financeDeal.empty') : t(`financeDeal.state.${state}`);
  return (
    <Alert color={STATE_COLOR[state]} variant="light" title={title} role="status">
      {(showTotals || advance) && (
        <Stack gap={6}>
          {showTotals && (
            <Group gap="lg" wrap="wrap" style={{ rowGap: 4 }} aria-label={t('financeDeal.totals.label')} role="group">
              <Amount label={t('financeDeal.totals.total')} value={totals.total} />
              <Amount label={t('financeDeal.totals.paid')} value={totals.paid} />
              <Amount label={t('financeDeal.totals.outstanding')} value={totals.outstanding} />
              {units(totals.dueNow, MONEY) > 0n && <Amount label={t('financeDeal.totals.dueNow')} value={totals.dueNow} strong />}
            </Group>
          )}
          {advance && (
            <Text size="sm" fw={500}>
              {t('financeDeal.advance', { amount: formatMoney(advance) })}
            </Text>
          )}
        </Stack>
      )}
    </Alert>
  );
}

function Amount({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <Text size="sm" component="span">
      {label}:{' '}
      <Text span fw={strong ? 700 : 600} style={{ whiteSpace: 'nowrap' }}>
        {formatMoney(value)}
      </Text>
    </Text>
  );
}

function InvoiceCard({
  invoice,
  onPay,
  onCancel,
}: {
  invoice: InvoiceMoney;
  onPay?: () => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const cancelled = !isLive(invoice);
  const title = t('financeDeal.invoice.title', { number: invoice.number, date: formatDate(invoice.date) });
  const reason = invoice.cancel_reason_name ?? invoice.cancel_reason ?? '';
  return (
    <Paper withBorder radius="sm" p="sm" component="section" aria-label={title} bg={cancelled ? 'var(--mantine-color-gray-0)' : undefined}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={4}>
            <Title order={3} size="h5" c={cancelled ? 'dimmed' : undefined} td={cancelled ? 'line-through' : undefined}>
              {title}
            </Title>
            <Group gap={6}>
              <Badge color={cancelled ? 'gray' : 'blue'} variant="light" style={{ textTransform: 'none' }}>
                {t(`financeDeal.invoice.statuses.${cancelled ? 'cancelled' : 'issued'}`)}
              </Badge>
              {!cancelled && (
                <Badge color={shippedColor(invoice.shipped)} variant="light" style={{ textTransform: 'none' }}>
                  {t(`financeDeal.shipped.${shippedKey(invoice.shipped)}`)}
                </Badge>
              )}
            </Group>
          </Stack>
          {(onPay || onCancel) && (
            <Group gap="xs" role="group" aria-label={t('financeDeal.invoice.actions', { number: invoice.number })}>
              {onPay && (
                <Button size="xs" color="green" variant="light" onClick={onPay} aria-label={t('financeDeal.actions.payInvoice', { number: invoice.number })}>
                  {t('financeDeal.actions.pay')}
                </Button>
              )}
              {onCancel && (
                <Button size="xs" color="red" variant="subtle" onClick={onCancel} aria-label={t('financeDeal.actions.cancelInvoice', { number: invoice.number })}>
                  {t('financeDeal.actions.cancel')}
                </Button>
              )}
            </Group>
          )}
        </Group>

        {cancelled && (
          <Text size="sm" c="dimmed">
            {invoice.cancelled_at
              ? t('financeDeal.invoice.cancelled', { date: formatDate(invoice.cancelled_at), reason })
              : t('financeDeal.invoice.cancelledNoDate', { reason })}
          </Text>
        )}

        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" c={cancelled ? 'dimmed' : undefined}>
          <Figure label={t('financeDeal.totals.total')} value={invoice.total} />
          {!cancelled && (
            <>
              <Figure label={t('financeDeal.totals.paid')} value={invoice.paid} />
              <Figure label={t('financeDeal.totals.outstanding')} value={invoice.outstanding} />
              <Figure label={t('financeDeal.totals.dueNow')} value={dueNowOf(invoice)} />
            </>
          )}
        </SimpleGrid>

        {!cancelled && invoice.parts.length > 0 && <PartsTable invoice={invoice} />}
        {!cancelled && invoice.lines.length > 0 && <LinesTable invoice={invoice} />}
      </Stack>
    </Paper>
  );
}

const dueNowOf = (i: InvoiceMoney) => totalsOf([i]).dueNow;

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
        {formatMoney(value)}
      </Text>
    </div>
  );
}

function PartsTable({ invoice }: { invoice: InvoiceMoney }) {
  const { t } = useTranslation();
  const caption = `${t('financeDeal.parts.title')} — ${invoice.number}`;
  return (
    <div>
      <Text size="sm" fw={600} mb={4}>
        {t('financeDeal.parts.title')}
      </Text>
      <Table verticalSpacing={4} aria-label={caption}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('financeDeal.parts.dueDate')}</Table.Th>
            <Table.Th ta="right">{t('financeDeal.parts.amount')}</Table.Th>
            <Table.Th ta="right" visibleFrom="sm">
              {t('financeDeal.parts.paid')}
            </Table.Th>
            <Table.Th>{t('financeDeal.parts.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invoice.parts.map((p) => {
            const status = partStatus(p);
            return (
              <Table.Tr key={p.no} aria-label={t('financeDeal.parts.part', { no: p.no })}>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {t('financeDeal.parts.part', { no: p.no })}
                  </Text>
                  <Text size="sm">{formatDate(p.due_date)}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {formatMoney(p.amount)}
                  </Text>
                  <Text size="xs" c="dimmed" hiddenFrom="sm" style={{ whiteSpace: 'nowrap' }}>
                    {t('financeDeal.parts.paidShort', { amount: formatMoney(p.paid) })}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" visibleFrom="sm">
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {formatMoney(p.paid)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {status === 'overdue' ? (
                    <Badge color="red" variant="filled" style={{ textTransform: 'none' }}>
                      {t('financeDeal.parts.overdue', { count: p.days_overdue })}
                    </Badge>
                  ) : (
                    <Badge color={status === 'paid' ? 'green' : status === 'partly' ? 'yellow' : 'gray'} variant="light" style={{ textTransform: 'none' }}>
                      {t(`financeDeal.parts.statuses.${status}`)}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </div>
  );
}

function LinesTable({ invoice }: { invoice: InvoiceMoney }) {
  const { t } = useTranslation();
  const caption = `${t('financeDeal.lines.title')} — ${invoice.number}`;
  return (
    <div>
      <Text size="sm" fw={600} mb={4}>
        {t('financeDeal.lines.title')}
      </Text>
      <Table verticalSpacing={4} aria-label={caption}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('financeDeal.lines.name')}</Table.Th>
            <Table.Th ta="right">{t('financeDeal.lines.shipped')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invoice.lines.map((l) => (
            <Table.Tr key={l.line_id}>
              <Table.Td>
                <Text size="sm">{l.name}</Text>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {t('financeDeal.lines.progress', {
                    shipped: formatQuantity(l.shipped),
                    ordered: formatQuantity(l.quantity),
                    unit: unitLabel(l.unit),
                  })}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

function PaymentsSection({ payments, invoices }: { payments: DealPayment[]; invoices: InvoiceMoney[] }) {
  const { t } = useTranslation();
  const title = t('financeDeal.payments.title');
  const number = (id: string) => invoices.find((i) => i.id === id)?.number ?? '';
  return (
    <Paper withBorder radius="sm" p="sm" component="section" aria-label={title}>
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      {payments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('financeDeal.payments.empty')}
        </Text>
      ) : (
        <Table verticalSpacing={4} aria-label={title}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('financeDeal.payments.paidOn')}</Table.Th>
              <Table.Th>{t('financeDeal.payments.number')}</Table.Th>
              <Table.Th visibleFrom="sm">{t('financeDeal.payments.party')}</Table.Th>
              <Table.Th visibleFrom="sm">{t('financeDeal.payments.invoice')}</Table.Th>
              <Table.Th ta="right">{t('financeDeal.payments.amount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {payments.map((p) => (
              <Table.Tr key={`${p.payment_id}:${p.invoice_id}`}>
                <Table.Td>
                  <Text size="sm">{formatDate(p.paid_on)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{p.number}</Text>
                  <Text size="xs" c="dimmed" hiddenFrom="sm">
                    {p.party_name} · {t('financeDeal.payments.invoiceNumber', { number: number(p.invoice_id) })}
                  </Text>
                </Table.Td>
                <Table.Td visibleFrom="sm">
                  <Text size="sm">{p.party_name}</Text>
                </Table.Td>
                <Table.Td visibleFrom="sm">
                  <Text size="sm">{t('financeDeal.payments.invoiceNumber', { number: number(p.invoice_id) })}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {formatMoney(p.amount)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

function ShipmentsSection({ shipments, invoices }: { shipments: Shipment[]; invoices: InvoiceMoney[] }) {
  const { t } = useTranslation();
  const title = t('financeDeal.shipments.title');
  const invoiceOf = (id: string) => invoices.find((i) => i.id === id);
  const what = (s: Shipment) => {
    const lines = invoiceOf(s.invoice_id)?.lines ?? [];
    return s.lines.map((l) => {
      const line = lines.find((x) => x.line_id === l.line_id);
      return t('financeDeal.shipments.line', {
        name: line?.name ?? '',
        quantity: formatQuantity(l.quantity),
        unit: line ? unitLabel(line.unit) : '',
      });
    });
  };
  return (
    <Paper withBorder radius="sm" p="sm" component="section" aria-label={title}>
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      {shipments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('financeDeal.shipments.empty')}
        </Text>
      ) : (
        <Table verticalSpacing={4} aria-label={title}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('financeDeal.shipments.shippedOn')}</Table.Th>
              <Table.Th>{t('financeDeal.shipments.number')}</Table.Th>
              <Table.Th visibleFrom="sm">{t('financeDeal.shipments.invoice')}</Table.Th>
              <Table.Th>{t('financeDeal.shipments.lines')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shipments.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <Text size="sm">{formatDate(s.shipped_on)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {s.number}
                  </Text>
                  <Text size="xs" c="dimmed" hiddenFrom="sm">
                    {t('financeDeal.payments.invoiceNumber', { number: invoiceOf(s.invoice_id)?.number ?? '' })}
                  </Text>
                </Table.Td>
                <Table.Td visibleFrom="sm">
                  <Text size="sm">{t('financeDeal.payments.invoiceNumber', { number: invoiceOf(s.invoice_id)?.number ?? '' })}</Text>
                </Table.Td>
                <Table.Td>
                  {what(s).map((line, i) => (
                    <Text size="sm" key={i}>
                      {line}
                    </Text>
                  ))}
                  {s.note && (
                    <Text size="xs" c="dimmed">
                      {t('financeDeal.shipments.note')}: {s.note}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

/** What the deal's production orders cost it: each order's production due and delivery. */
function DirectCostsSection({ data }: { data: DealMoney }) {
  const { t } = useTranslation();
  const title = t('financeDeal.costs.title');
  return (
    <Paper withBorder radius="sm" p="sm" component="section" aria-label={title}>
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      <Table verticalSpacing={4} aria-label={title}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('financeDeal.costs.order')}</Table.Th>
            <Table.Th ta="right">{t('financeDeal.costs.production')}</Table.Th>
            <Table.Th ta="right">{t('financeDeal.costs.delivery')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.direct_costs.map((c) => (
            <Table.Tr key={c.order_number}>
              <Table.Td>{t('financeDeal.costs.orderNumber', { number: c.order_number })}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {formatMoney(c.production)}
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {formatMoney(c.delivery)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" fw={600} ta="right" mt="xs">
        {t('financeDeal.costs.total', { sum: formatMoney(data.direct_costs_total) })}
      </Text>
    </Paper>
  );
}

const shippedKey = (shipped: string) => (shipped === 'fully' || shipped === 'partly' ? shipped : 'nothing');

function shippedColor(shipped: string): string {
  return shipped === 'fully' ? 'green' : shipped === 'partly' ? 'yellow' : 'gray';
}
