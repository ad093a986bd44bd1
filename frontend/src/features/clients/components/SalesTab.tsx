// The client's whole story on its card: totals of its deals by status, then its deals and leads,
// open ones first, each with its stage, amount and responsible person, linked to its card.
import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../../shared/api/me';
import { formatMoney } from '../../../shared/format/money';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { clientCardsQuery, dealTotalsQuery, type ClientCard } from '../api/clients';

const STATUS_ORDER = { open: 0, won: 1, lost: 2 } as const;
const STATUS_COLOR = { open: 'blue', won: 'green', lost: 'gray' } as const;

/** Open first, then won, then lost; newest first within each (the API's order, kept). */
export function openFirst(cards: ClientCard[]): ClientCard[] {
  return cards
    .map((c, i) => ({ c, i }))
    .sort((a, b) => STATUS_ORDER[a.c.status] - STATUS_ORDER[b.c.status] || a.i - b.i)
    .map((x) => x.c);
}

export function SalesTab({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const canDeals = useCan('deals.read');
  const canLeads = useCan('leads.read');
  return (
    <Stack gap="lg">
      {canDeals && <Totals clientId={clientId} />}
      {canDeals && <Cards clientId={clientId} kind="deals" title={t('clients.sales.deals')} empty={t('clients.sales.noDeals')} />}
      {canLeads && <Cards clientId={clientId} kind="leads" title={t('clients.sales.leads')} empty={t('clients.sales.noLeads')} />}
    </Stack>
  );
}

function Totals({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const totals = useQuery(dealTotalsQuery(clientId));
  if (totals.isPending) return <TableSkeleton rows={1} />;
  if (totals.isError) return <ProblemAlert error={totals.error} onRetry={() => void totals.refetch()} />;
  const d = totals.data;
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" aria-label={t('clients.sales.totals')}>
      {(['open', 'won', 'lost'] as const).map((status) => (
        <Paper key={status} withBorder p="sm" radius="md">
          <Text size="xs" c="dimmed">
            {t(`clients.sales.total.${status}`)}
          </Text>
          <Text fw={600} size="lg">
            {formatMoney(d[status].sum)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('clients.sales.dealCount', { count: d[status].count })}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function Cards({ clientId, kind, title, empty }: { clientId: string; kind: 'deals' | 'leads'; title: string; empty: string }) {
  const { t } = useTranslation();
  const cards = useQuery(clientCardsQuery(clientId, kind));
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {title}
      </Title>
      {cards.isPending ? (
        <TableSkeleton rows={3} />
      ) : cards.isError ? (
        <ProblemAlert error={cards.error} onRetry={() => void cards.refetch()} />
      ) : cards.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped highlightOnHover aria-label={title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('clients.sales.number')}</Table.Th>
                <Table.Th>{t('clients.sales.title')}</Table.Th>
                <Table.Th>{t('clients.sales.stage')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('clients.sales.amount')}</Table.Th>
                <Table.Th>{t('clients.sales.responsible')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {openFirst(cards.data).map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/${kind}/${c.id}`}>
                      №{c.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{c.title}</Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Badge variant="light" color={STATUS_COLOR[c.status]} style={{ flexShrink: 0 }}>
                        {t(kind === 'deals' ? `sales.status.deal.${c.status}` : `sales.status.lead.${c.status}`)}
                      </Badge>
                      <Text size="sm">{c.stage_name}</Text>
                    </Group>
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{c.expected_revenue ? formatMoney(c.expected_revenue) : '—'}</Table.Td>
                  <Table.Td>{c.responsible_name ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
