// One production's settlements (`/settlements/:productionId`): the period's balance and the
// position in words, every entry with the balance after it, the reconciliation statement (акт
// сверки) as PDF for the period, and — for the accountant — «Добавить запись». The period is in
// the URL, as on the overview. Another production's statement is «not found» for a production.
import { Anchor, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { downloadFile } from '../../../../shared/api/files';
import { onProductionSide, useCan, useMe } from '../../../../shared/api/me';
import { ApiProblem } from '../../../../shared/api/problem';
import { formatRuDate } from '../../../../shared/dates/parse';
import { formatMoney } from '../../../../shared/format/money';
import { NotFound } from '../../../../shared/ui/NotFound';
import { notifyProblem } from '../../../../shared/ui/notify';
import { ProblemAlert } from '../../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../../shared/ui/TableSkeleton';
import { reconciliationUrl, statementQuery, type Balance, type Entry, type Statement } from '../api/settlements';
import { absolute, formatSigned, standingColor, standingOf } from '../model/balance';
import { periodQuery } from '../model/period';
import { EntryModal } from './EntryModal';
import { PeriodPicker } from './PeriodPicker';
import { usePeriod } from './usePeriod';

const nowrap = { whiteSpace: 'nowrap' } as const;

export function SettlementPage() {
  const { t } = useTranslation();
  const me = useMe();
  const id = useParams().productionId ?? '';
  const [period, setPeriod] = usePeriod();
  const isProduction = onProductionSide(me);
  // The server refuses a production's people whatever their role's permissions say.
  const canWrite = useCan('settlements.write') && !isProduction;
  const statement = useQuery({ ...statementQuery(id, period), enabled: id !== '' });
  const [adding, setAdding] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const phone = useMediaQuery('(max-width: 48em)');

  if (statement.isError && statement.error instanceof ApiProblem && [400, 404].includes(statement.error.status)) return <NotFound />;

  const data = statement.data;
  const download = () => {
    setDownloading(true);
    downloadFile(reconciliationUrl(id, period), `akt-sverki-${period.from}-${period.to}.pdf`)
      .catch(notifyProblem)
      .finally(() => setDownloading(false));
  };

  return (
    <Stack>
      {!isProduction && (
        <Anchor component={Link} to={`/settlements?${periodQuery(period)}`} size="sm">
          ← {t('settlements.statement.back')}
        </Anchor>
      )}
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 280px' }}>
          <Title order={1} size="h2">
            {data?.production_name ?? '\u00a0'}
          </Title>
          <Text size="sm" c="dimmed">
            {t('settlements.statement.subtitle', { period: t('settlements.period.shown', { from: formatRuDate(period.from), to: formatRuDate(period.to) }) })}
          </Text>
        </Stack>
        <Group gap="xs" wrap="wrap">
          <Button variant="default" loading={downloading} disabled={!data} onClick={download}>
            {t('settlements.statement.download')}
          </Button>
          {canWrite && (
            <Button onClick={() => setAdding(true)} disabled={!data}>
              {t('settlements.statement.add')}
            </Button>
          )}
        </Group>
      </Group>
      <PeriodPicker period={period} onChange={setPeriod} />

      {statement.isPending ? (
        <TableSkeleton />
      ) : statement.isError ? (
        <ProblemAlert error={statement.error} onRetry={() => void statement.refetch()} />
      ) : (
        <Stack opacity={statement.isPlaceholderData ? 0.6 : 1} aria-busy={statement.isPlaceholderData || undefined}>
          <BalanceCards balance={statement.data.balance} production={isProduction} />
          {statement.data.entries.length === 0 ? (
            <Stack gap={4} py="xl" align="center" ta="center">
              <Text fw={500}>{t('settlements.statement.empty')}</Text>
              <Text c="dimmed" size="sm">
                {canWrite ? t('settlements.statement.emptyHint') : t('settlements.statement.emptyHintReader')}
              </Text>
            </Stack>
          ) : phone ? (
            <EntryCards statement={statement.data} />
          ) : (
            <EntryTable statement={statement.data} />
          )}
        </Stack>
      )}
      {data && canWrite && <EntryModal opened={adding} onClose={() => setAdding(false)} productionId={id} />}
    </Stack>
  );
}

/** The opening and closing balances, the period's debits and credits, and the position in words. */
function BalanceCards({ balance, production }: { balance: Balance; production: boolean }) {
  const { t } = useTranslation();
  const standing = standingOf(balance.closing);
  // The API's sentence is the head company's («Мы должны …»); a production reads it from its side.
  const position = production ? t(`settlements.statement.theirSide.${standing}`, { amount: formatMoney(absolute(balance.closing)) }) : balance.position;
  const cards: [string, string][] = [
    [t('settlements.statement.opening'), formatSigned(balance.opening)],
    [production ? t('settlements.statement.theirSide.debits') : t('settlements.statement.debits'), formatMoney(balance.debits)],
    [production ? t('settlements.statement.theirSide.credits') : t('settlements.statement.credits'), formatMoney(balance.credits)],
    [t('settlements.statement.closing'), formatSigned(balance.closing)],
  ];
  return (
    <Stack gap="xs" component="section" aria-label={t('settlements.statement.balanceLabel')}>
      <Text fw={700} size="xl" c={standingColor(standing)} data-testid="settlement-position">
        {position}
      </Text>
      {production && (
        <Text size="xs" c="dimmed">
          {t('settlements.statement.theirSide.hint')}
        </Text>
      )}
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        {cards.map(([label, value]) => (
          <Card key={label} withBorder padding="sm">
            <Text size="sm" c="dimmed">
              {label}
            </Text>
            <Text fw={700} size="md" style={nowrap}>
              {value}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function EntryTable({ statement }: { statement: Statement }) {
  const { t } = useTranslation();
  const b = statement.balance;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover aria-label={t('settlements.statement.entriesLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settlements.statement.columns.date')}</Table.Th>
            <Table.Th>{t('settlements.statement.columns.document')}</Table.Th>
            <Table.Th>{t('settlements.statement.columns.kind')}</Table.Th>
            <Table.Th ta="right">{t('settlements.statement.columns.debit')}</Table.Th>
            <Table.Th ta="right">{t('settlements.statement.columns.credit')}</Table.Th>
            <Table.Th ta="right">{t('settlements.statement.columns.balanceAfter')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr>
            <Table.Td colSpan={5} c="dimmed">
              {t('settlements.statement.openingRow')}
            </Table.Td>
            <Table.Td ta="right" style={nowrap}>
              {formatSigned(b.opening)}
            </Table.Td>
          </Table.Tr>
          {statement.entries.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td style={nowrap}>{formatRuDate(e.on_date)}</Table.Td>
              <Table.Td>
                <Text size="sm">{e.document}</Text>
                {e.note && (
                  <Text size="xs" c="dimmed">
                    {e.note}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{e.kind_name}</Table.Td>
              <Table.Td ta="right" style={nowrap}>
                {e.side === 'debit' ? formatMoney(e.amount) : ''}
              </Table.Td>
              <Table.Td ta="right" style={nowrap}>
                {e.side === 'credit' ? formatMoney(e.amount) : ''}
              </Table.Td>
              <Table.Td ta="right" style={nowrap} c={standingColor(standingOf(e.balance_after))}>
                {formatSigned(e.balance_after)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row" colSpan={3}>
              {t('settlements.statement.turnover')}
            </Table.Th>
            <Table.Td ta="right" style={nowrap} fw={600}>
              {formatMoney(b.debits)}
            </Table.Td>
            <Table.Td ta="right" style={nowrap} fw={600}>
              {formatMoney(b.credits)}
            </Table.Td>
            <Table.Td />
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row" colSpan={5}>
              {t('settlements.statement.closingRow')}
            </Table.Th>
            <Table.Td ta="right" style={nowrap} fw={700} c={standingColor(standingOf(b.closing))}>
              {formatSigned(b.closing)}
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The entries on a phone: a card each, with its debit or credit and the balance after. */
function EntryCards({ statement }: { statement: Statement }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="ul" aria-label={t('settlements.statement.entriesLabel')} p={0} m={0} style={{ listStyle: 'none' }}>
      {statement.entries.map((e) => (
        <EntryCard key={e.id} entry={e} />
      ))}
    </Stack>
  );
}

function EntryCard({ entry: e }: { entry: Entry }) {
  const { t } = useTranslation();
  const debit = e.side === 'debit';
  return (
    <li style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-md)', padding: 'var(--mantine-spacing-sm)' }}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text size="sm" fw={600}>
            {e.document}
          </Text>
          <Text size="xs" c="dimmed">
            {formatRuDate(e.on_date)} · {e.kind_name}
          </Text>
        </Stack>
        <Stack gap={0} align="flex-end">
          <Text size="xs" c="dimmed">
            {debit ? t('settlements.statement.columns.debit') : t('settlements.statement.columns.credit')}
          </Text>
          <Text size="sm" fw={600} style={nowrap}>
            {formatMoney(e.amount)}
          </Text>
        </Stack>
      </Group>
      {e.note && (
        <Text size="xs" c="dimmed" mt={2}>
          {e.note}
        </Text>
      )}
      <Text size="xs" mt={4} c={standingColor(standingOf(e.balance_after))} style={nowrap}>
        {t('settlements.statement.balanceAfter', { amount: formatSigned(e.balance_after) })}
      </Text>
    </li>
  );
}
