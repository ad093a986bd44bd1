// «Производства» (issue 12): every production with what orders are placed by — its capacity, working
// week, payment terms, how many tiles it makes and its lowest price per m²; a table on a desktop,
// a card each on a phone; each leads to its profile. A production itself has no list: its
// «Мой профиль» instead.
import { Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { onProductionSide, useMe } from '../../../shared/api/me';
import { formatMoney } from '../../../shared/format/money';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { productionListQuery, type ProductionRow } from '../api/productions';
import { formatDecimal } from '../model/profile';
import { useProductionLabels } from './labels';

export function ProductionsPage() {
  const me = useMe();
  if (onProductionSide(me)) return <Navigate to="/productions/mine" replace />;
  return <ProductionList />;
}

function ProductionList() {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const list = useQuery(productionListQuery);
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('productions.list.title')}
      </Title>
      <Text size="sm" c="dimmed" maw={760}>
        {t('productions.list.hint')}
      </Text>
      {list.isPending ? (
        <TableSkeleton />
      ) : list.isError ? (
        <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Stack gap={4} py="xl" align="center" ta="center">
          <Text fw={500}>{t('productions.list.empty')}</Text>
          <Text c="dimmed" size="sm" maw={520}>
            {t('productions.list.emptyHint')}
          </Text>
        </Stack>
      ) : phone ? (
        <Stack gap="sm" component="ul" aria-label={t('productions.list.label')} p={0} m={0} style={{ listStyle: 'none' }}>
          {list.data.map((row) => (
            <ProductionCard key={row.id} row={row} />
          ))}
        </Stack>
      ) : (
        <ProductionTable rows={list.data} />
      )}
    </Stack>
  );
}

/** «Екатеринбург, Свердловская область»; blank when neither is known. */
const place = (row: Pick<ProductionRow, 'city' | 'region'>) => [row.city, row.region].filter(Boolean).join(', ');

function ProductionTable({ rows }: { rows: ProductionRow[] }) {
  const { t } = useTranslation();
  const labels = useProductionLabels();
  const dash = (
    <Text c="dimmed" span>
      —
    </Text>
  );
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover verticalSpacing="sm" aria-label={t('productions.list.label')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('productions.list.columns.name')}</Table.Th>
            <Table.Th>{t('productions.list.columns.place')}</Table.Th>
            <Table.Th ta="right">{t('productions.list.columns.capacity')}</Table.Th>
            <Table.Th>{t('productions.list.columns.days')}</Table.Th>
            <Table.Th>{t('productions.list.columns.terms')}</Table.Th>
            <Table.Th ta="right">{t('productions.list.columns.offers')}</Table.Th>
            <Table.Th ta="right">{t('productions.list.columns.minPrice')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id}>
              <Table.Td>
                <Anchor component={Link} to={`/productions/${row.id}`} fw={500}>
                  {row.name}
                </Anchor>
                {!row.has_profile && (
                  <Text size="xs" c="orange.9">
                    {t('productions.list.noProfile')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{place(row) || dash}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {row.daily_capacity_m2 ? t('productions.list.capacity', { value: formatDecimal(row.daily_capacity_m2) }) : dash}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.working_days.length > 0 ? labels.days(row.working_days) : dash}</Table.Td>
              <Table.Td>{row.payment_terms ? labels.terms(row.payment_terms) : dash}</Table.Td>
              <Table.Td ta="right">{row.has_profile ? row.offers_count : dash}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {row.min_price_per_m2 ? formatMoney(row.min_price_per_m2) : dash}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ProductionCard({ row }: { row: ProductionRow }) {
  const { t } = useTranslation();
  const labels = useProductionLabels();
  const headingId = `production-${row.id}`;
  return (
    <li>
      <Paper withBorder radius="sm" p="sm" component="article" aria-labelledby={headingId}>
        <Stack gap={6}>
          <Stack gap={0}>
            <Title order={2} size="h5" id={headingId}>
              <Anchor component={Link} to={`/productions/${row.id}`} inherit>
                {row.name}
              </Anchor>
            </Title>
            {place(row) && (
              <Text size="sm" c="dimmed">
                {place(row)}
              </Text>
            )}
          </Stack>
          {row.has_profile ? (
            <>
              <Group gap="xs" wrap="wrap">
                {row.daily_capacity_m2 && (
                  <Badge variant="light" color="teal" style={{ textTransform: 'none' }}>
                    {t('productions.list.capacity', { value: formatDecimal(row.daily_capacity_m2) })}
                  </Badge>
                )}
                <Badge variant="light" color="gray" style={{ textTransform: 'none' }}>
                  {labels.days(row.working_days)}
                </Badge>
                {row.payment_terms && (
                  <Badge variant="light" color="blue" style={{ textTransform: 'none' }}>
                    {labels.terms(row.payment_terms)}
                  </Badge>
                )}
              </Group>
              <Text size="sm">
                {t('productions.list.offers', { count: row.offers_count })}
                {row.min_price_per_m2 && ` · ${t('productions.list.minPrice', { price: formatMoney(row.min_price_per_m2) })}`}
              </Text>
            </>
          ) : (
            <Text size="sm" c="orange.9">
              {t('productions.list.noProfile')}
            </Text>
          )}
        </Stack>
      </Paper>
    </li>
  );
}
