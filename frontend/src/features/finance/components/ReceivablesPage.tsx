import { Anchor, Card, Group, SegmentedControl, SimpleGrid, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatNumber } from '../../../shared/format/format';
import { formatMoney } from '../../../shared/format/money';
import { ExportButtons } from '../../../shared/ui/ExportButtons';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { receivablesExportUrl, receivablesQuery, type Ageing, type ReceivableFilters, type ReceivableRow } from '../api/finance';
import { AGEING_BUCKETS, isOverdueBucket, overdueShare } from '../model/ageing';
import { isPositive } from '../model/money';

/** «Дебиторка»: what clients owe, by client or by deal, in the five ageing buckets. */
export function ReceivablesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const by = params.get('by') === 'deal' ? 'deal' : 'client';
  const overdueOnly = params.get('overdue') === '1';
  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const filters: ReceivableFilters = { by, overdue_only: overdueOnly || undefined };
  const data = useQuery(receivablesQuery(filters));
  const byDeal = by === 'deal';
  // On a phone a row is a card: nine columns would leave the total two swipes away.
  const phone = useMediaQuery('(max-width: 48em)');

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('finance.receivables.title')}
      </Title>

      <Group align="flex-end" wrap="wrap" gap="md">
        <SegmentedControl
          aria-label={t('finance.receivables.groupBy')}
          value={by}
          onChange={(v) => setParam('by', v === 'deal' ? 'deal' : null)}
          data={[
            { value: 'client', label: t('finance.receivables.byClient') },
            { value: 'deal', label: t('finance.receivables.byDeal') },
          ]}
        />
        <Switch
          mb={6}
          checked={overdueOnly}
          onChange={(e) => setParam('overdue', e.currentTarget.checked ? '1' : null)}
          label={t('finance.receivables.overdueOnly')}
        />
        <Group ml="auto">
          <ExportButtons url={(format) => receivablesExportUrl(filters, format)} name={`debitorka-${by}`} />
        </Group>
      </Group>

      {data.isPending ? (
        <TableSkeleton />
      ) : data.isError ? (
        <ProblemAlert error={data.error} onRetry={() => void data.refetch()} />
      ) : (
        <>
          <Summary total={data.data.total} />
          {data.data.items.length === 0 ? (
            <Stack gap={4} py="xl" align="center" ta="center">
              <Text fw={500}>{overdueOnly ? t('finance.receivables.emptyOverdue') : t('finance.receivables.empty')}</Text>
              <Text c="dimmed" size="sm">
                {overdueOnly ? t('finance.receivables.emptyOverdueHint') : t('finance.receivables.emptyHint')}
              </Text>
            </Stack>
          ) : phone ? (
            <Stack gap="xs" component="ul" aria-label={t('finance.receivables.listLabel')} p={0} m={0} style={{ listStyle: 'none' }}>
              {data.data.items.map((row) => (
                <RowCard key={`${row.client_id ?? ''}-${row.deal_id ?? ''}`} row={row} byDeal={byDeal} />
              ))}
            </Stack>
          ) : (
            <Table.ScrollContainer minWidth={byDeal ? 1180 : 960}>
              <Table striped highlightOnHover aria-label={t('finance.receivables.listLabel')} opacity={data.isPlaceholderData ? 0.6 : 1}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('finance.receivables.columns.client')}</Table.Th>
                    {byDeal && <Table.Th>{t('finance.receivables.columns.deal')}</Table.Th>}
                    <Table.Th ta="right">{t('finance.receivables.columns.invoices')}</Table.Th>
                    {AGEING_BUCKETS.map((b) => (
                      <Table.Th key={b} ta="right" style={{ whiteSpace: 'nowrap' }}>
                        {t(`finance.receivables.columns.${b}`)}
                      </Table.Th>
                    ))}
                    <Table.Th ta="right">{t('finance.receivables.columns.total')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.data.items.map((row) => (
                    <Row key={`${row.client_id ?? ''}-${row.deal_id ?? ''}`} row={row} byDeal={byDeal} />
                  ))}
                </Table.Tbody>
                <Table.Tfoot>
                  <Table.Tr fw={700}>
                    <Table.Th scope="row" colSpan={byDeal ? 3 : 2}>
                      {t('finance.receivables.totalRow')}
                    </Table.Th>
                    <AgeingCells ageing={data.data.total} />
                  </Table.Tr>
                </Table.Tfoot>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      )}
    </Stack>
  );
}

function Row({ row, byDeal }: { row: ReceivableRow; byDeal: boolean }) {
  return (
    <Table.Tr>
      <Table.Td>
        <ClientLink row={row} />
      </Table.Td>
      {byDeal && (
        <Table.Td>
          <DealLink row={row} />
        </Table.Td>
      )}
      <Table.Td ta="right">{formatNumber(row.invoices)}</Table.Td>
      <AgeingCells ageing={row.ageing} />
    </Table.Tr>
  );
}

/** A row on a phone: who, the total, and the buckets that hold something. */
function RowCard({ row, byDeal }: { row: ReceivableRow; byDeal: boolean }) {
  const { t } = useTranslation();
  const a = row.ageing;
  return (
    <li style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-md)', padding: 'var(--mantine-spacing-sm)' }}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <ClientLink row={row} />
          {byDeal && <DealLink row={row} />}
        </Stack>
        <Text fw={700} size="sm" style={{ whiteSpace: 'nowrap' }}>
          {formatMoney(a.total)}
        </Text>
      </Group>
      <Stack gap={0} mt={4}>
        {AGEING_BUCKETS.filter((b) => isPositive(a[b])).map((b) => (
          <Group key={b} justify="space-between" gap="xs" wrap="nowrap">
            <Text size="xs" c={isOverdueBucket(b) ? 'red.8' : 'dimmed'}>
              {t(`finance.receivables.columns.${b}`)}
            </Text>
            <Text size="xs" c={isOverdueBucket(b) ? 'red.8' : undefined} fw={isOverdueBucket(b) ? 600 : undefined} style={{ whiteSpace: 'nowrap' }}>
              {formatMoney(a[b])}
            </Text>
          </Group>
        ))}
      </Stack>
    </li>
  );
}

function ClientLink({ row }: { row: ReceivableRow }) {
  const { t } = useTranslation();
  return row.client_id ? (
    <Anchor component={Link} to={`/clients/${row.client_id}`} size="sm">
      {row.client_name}
    </Anchor>
  ) : (
    <Text size="sm">{row.client_name || t('finance.receivables.noClient')}</Text>
  );
}

function DealLink({ row }: { row: ReceivableRow }) {
  const { t } = useTranslation();
  return row.deal_id ? (
    <Anchor component={Link} to={`/deals/${row.deal_id}`} size="sm">
      {t('finance.receivables.deal', { number: row.deal_number ?? '', title: row.deal_title ?? '' })}
    </Anchor>
  ) : (
    <Text size="sm">{t('common.empty')}</Text>
  );
}

/** The five buckets and the total; an overdue amount stands out. */
function AgeingCells({ ageing }: { ageing: Ageing }) {
  return (
    <>
      {AGEING_BUCKETS.map((b) => {
        const overdue = isOverdueBucket(b) && isPositive(ageing[b]);
        return (
          <Table.Td key={b} ta="right" style={{ whiteSpace: 'nowrap' }} c={overdue ? 'red.8' : isPositive(ageing[b]) ? undefined : 'dimmed'} fw={overdue ? 600 : undefined}>
            {formatMoney(ageing[b])}
          </Table.Td>
        );
      })}
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} fw={600}>
        {formatMoney(ageing.total)}
      </Table.Td>
    </>
  );
}

function Summary({ total }: { total: Ageing }) {
  const { t } = useTranslation();
  const overdue = isPositive(total.overdue);
  return (
    <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" maw={900}>
      <Card withBorder padding="sm">
        <Text size="sm" c="dimmed">
          {t('finance.receivables.summary.total')}
        </Text>
        <Text fw={700} size="lg" style={{ whiteSpace: 'nowrap' }}>
          {formatMoney(total.total)}
        </Text>
      </Card>
      <Card withBorder padding="sm">
        <Text size="sm" c="dimmed">
          {t('finance.receivables.summary.overdue')}
        </Text>
        <Text fw={700} size="lg" c={overdue ? 'red.8' : undefined} style={{ whiteSpace: 'nowrap' }}>
          {formatMoney(total.overdue)}
        </Text>
        <Text size="xs" c="dimmed">
          {t('finance.receivables.summary.overdueShare', { percent: overdueShare(total) })}
        </Text>
      </Card>
      <Card withBorder padding="sm">
        <Text size="sm" c="dimmed">
          {t('finance.receivables.summary.over90')}
        </Text>
        <Text fw={700} size="lg" c={isPositive(total.over_90) ? 'red.8' : undefined} style={{ whiteSpace: 'nowrap' }}>
          {formatMoney(total.over_90)}
        </Text>
      </Card>
    </SimpleGrid>
  );
}
