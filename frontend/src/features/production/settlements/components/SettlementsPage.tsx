// «Взаиморасчёты» (`/settlements`): how the head company stands with each production for a period
// — the opening balance, what either side gave, the closing balance in words («Мы должны …»),
// what is yet to be paid on open orders — with the totals and the headline figures. A
// production's own people go straight to their own statement.
import { Anchor, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { onProductionSide, useMe } from '../../../../shared/api/me';
import { formatNumber } from '../../../../shared/format/format';
import { formatMoney } from '../../../../shared/format/money';
import { ProblemAlert } from '../../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../../shared/ui/TableSkeleton';
import { overviewQuery, type Overview, type ProductionLine } from '../api/settlements';
import { absolute, formatSigned, standingColor, standingOf } from '../model/balance';
import { periodQuery, type Period } from '../model/period';
import { PeriodPicker } from './PeriodPicker';
import { usePeriod } from './usePeriod';

const nowrap = { whiteSpace: 'nowrap' } as const;

export function SettlementsPage() {
  const me = useMe();
  const [period, setPeriod] = usePeriod();
  // A production reads its own settlements only: its statement is the page.
  if (me && onProductionSide(me)) return <Navigate to={`/settlements/${me.organization.id}?${periodQuery(period)}`} replace />;
  return <Overview period={period} onPeriod={setPeriod} />;
}

function Overview({ period, onPeriod }: { period: Period; onPeriod: (p: Period) => void }) {
  const { t } = useTranslation();
  const data = useQuery(overviewQuery(period));
  // On a phone a production is a card: eight columns would leave the balance two swipes away.
  const phone = useMediaQuery('(max-width: 48em)');

  return (
    <Stack>
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t('settlements.overview.title')}
        </Title>
        <Text size="sm" c="dimmed" maw={820}>
          {t('settlements.overview.hint')}
        </Text>
      </Stack>
      <PeriodPicker period={period} onChange={onPeriod} />

      {data.isPending ? (
        <TableSkeleton />
      ) : data.isError ? (
        <ProblemAlert error={data.error} onRetry={() => void data.refetch()} />
      ) : (
        <Stack opacity={data.isPlaceholderData ? 0.6 : 1} aria-busy={data.isPlaceholderData || undefined}>
          <Summary overview={data.data} />
          {data.data.productions.length === 0 ? (
            <Stack gap={4} py="xl" align="center" ta="center">
              <Text fw={500}>{t('settlements.overview.empty')}</Text>
              <Text c="dimmed" size="sm">
                {t('settlements.overview.emptyHint')}
              </Text>
            </Stack>
          ) : phone ? (
            <Stack gap="xs" component="ul" aria-label={t('settlements.overview.listLabel')} p={0} m={0} style={{ listStyle: 'none' }}>
              {data.data.productions.map((line) => (
                <LineCard key={line.production_id} line={line} period={period} />
              ))}
            </Stack>
          ) : (
            <Table.ScrollContainer minWidth={1080}>
              <Table striped highlightOnHover aria-label={t('settlements.overview.listLabel')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('settlements.overview.columns.production')}</Table.Th>
                    <Table.Th ta="right">{t('settlements.overview.columns.opening')}</Table.Th>
                    <Table.Th ta="right">{t('settlements.overview.columns.debits')}</Table.Th>
                    <Table.Th ta="right">{t('settlements.overview.columns.credits')}</Table.Th>
                    <Table.Th ta="right">{t('settlements.overview.columns.closing')}</Table.Th>
                    <Table.Th>{t('settlements.overview.columns.position')}</Table.Th>
                    <Table.Th ta="right">{t('settlements.overview.columns.obligations')}</Table.Th>
                    <Table.Th ta="right">{t('settlements.overview.columns.orders')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.data.productions.map((line) => (
                    <Table.Tr key={line.production_id}>
                      <Table.Td style={nowrap}>
                        <Anchor component={Link} to={`/settlements/${line.production_id}?${periodQuery(period)}`} size="sm">
                          {line.production_name}
                        </Anchor>
                      </Table.Td>
                      <BalanceCells balance={line.balance} />
                      <Table.Td ta="right" style={nowrap}>
                        {formatMoney(line.open_obligations)}
                      </Table.Td>
                      <Table.Td ta="right">{formatNumber(line.open_orders)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
                <Table.Tfoot>
                  <Table.Tr fw={700}>
                    <Table.Th scope="row">{t('settlements.overview.total')}</Table.Th>
                    <BalanceCells balance={data.data.total} />
                    <Table.Td ta="right" style={nowrap}>
                      {formatMoney(data.data.open_obligations)}
                    </Table.Td>
                    <Table.Td ta="right">{formatNumber(data.data.productions.reduce((n, l) => n + l.open_orders, 0))}</Table.Td>
                  </Table.Tr>
                </Table.Tfoot>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      )}
    </Stack>
  );
}

/** Opening, debits, credits, closing and the position sentence of a balance. */
function BalanceCells({ balance }: { balance: ProductionLine['balance'] }) {
  const standing = standingOf(balance.closing);
  return (
    <>
      <Table.Td ta="right" style={nowrap}>
        {formatSigned(balance.opening)}
      </Table.Td>
      <Table.Td ta="right" style={nowrap}>
        {formatMoney(balance.debits)}
      </Table.Td>
      <Table.Td ta="right" style={nowrap}>
        {formatMoney(balance.credits)}
      </Table.Td>
      <Table.Td ta="right" style={nowrap} fw={600}>
        {formatSigned(balance.closing)}
      </Table.Td>
      <Table.Td style={nowrap} c={standingColor(standing)} fw={standing === 'settled' ? undefined : 600}>
        {balance.position}
      </Table.Td>
    </>
  );
}

/** A production on a phone: its name, where we stand, and the period's figures. */
function LineCard({ line, period }: { line: ProductionLine; period: Period }) {
  const { t } = useTranslation();
  const b = line.balance;
  const standing = standingOf(b.closing);
  const rows: [string, string][] = [
    [t('settlements.overview.columns.opening'), formatSigned(b.opening)],
    [t('settlements.overview.columns.debits'), formatMoney(b.debits)],
    [t('settlements.overview.columns.credits'), formatMoney(b.credits)],
    [t('settlements.overview.columns.closing'), formatSigned(b.closing)],
    [t('settlements.overview.columns.obligations'), formatMoney(line.open_obligations)],
  ];
  return (
    <li style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-md)', padding: 'var(--mantine-spacing-sm)' }}>
      <Anchor component={Link} to={`/settlements/${line.production_id}?${periodQuery(period)}`} fw={600}>
        {line.production_name}
      </Anchor>
      <Text fw={700} c={standingColor(standing)} mt={2}>
        {b.position}
      </Text>
      <Stack gap={0} mt={4}>
        {rows.map(([label, value]) => (
          <Group key={label} justify="space-between" gap="xs" wrap="nowrap">
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text size="xs" style={nowrap}>
              {value}
            </Text>
          </Group>
        ))}
      </Stack>
      {line.open_orders > 0 && (
        <Text size="xs" c="dimmed" mt={2}>
          {t('settlements.overview.openOrders', { count: line.open_orders })}
        </Text>
      )}
    </li>
  );
}

/** Нам должны, Мы должны, Оплачено производствам за период, Открытые обязательства. */
function Summary({ overview }: { overview: Overview }) {
  const { t } = useTranslation();
  const figures: { key: string; label: string; amount: string; color?: string; hint?: string }[] = [
    { key: 'owedToUs', label: t('settlements.summary.owedToUs'), amount: overview.owed_to_us, color: standingOf(overview.owed_to_us) === 'settled' ? undefined : 'teal.8' },
    { key: 'weOwe', label: t('settlements.summary.weOwe'), amount: absolute(overview.we_owe), color: standingOf(overview.we_owe) === 'settled' ? undefined : 'red.8' },
    { key: 'paid', label: t('settlements.summary.paid'), amount: overview.paid_to_productions },
    { key: 'obligations', label: t('settlements.summary.obligations'), amount: overview.open_obligations, hint: t('settlements.summary.obligationsHint') },
  ];
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" component="section" aria-label={t('settlements.summary.label')}>
      {figures.map((f) => (
        <Card key={f.key} withBorder padding="sm">
          <Text size="sm" c="dimmed">
            {f.label}
          </Text>
          <Text fw={700} size="lg" c={f.color} style={nowrap}>
            {formatMoney(f.amount)}
          </Text>
          {f.hint && (
            <Text size="xs" c="dimmed">
              {f.hint}
            </Text>
          )}
        </Card>
      ))}
    </SimpleGrid>
  );
}
