// A deal's «Производство» tab (issue 12): the deal's production orders (number, production, stage,
// m², due date), each opened in the orders' drawer; «Распределить по производствам» (a
// logistician, a manager, an admin) opens the distribution: the productions ranked for what is to
// be made, and the assignment of one of them. Loaded with the tab only (the app imports it lazily).
import { Badge, Button, Group, Paper, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../shared/api/me';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { dealOrderKeys, dealOrdersQuery, type DealOrder } from '../api/distribution';
import { orderKeys } from '../api/orders';
import { canAssign } from '../model/distribution';
import { formatDay } from '../model/orders';
import { formatDecimal } from '../model/profile';
import { DistributionDrawer } from './DistributionDrawer';
import { OrderDrawer, StateBadge, useOrderTitle } from './OrderDrawer';

export interface DealProductionTabProps {
  dealId: string;
  /** Reads the deal card again: an assignment moves the deal («Передано в отдел логистики»). */
  onDealChanged: () => void;
}

export function DealProductionTab({ dealId, onDealChanged }: DealProductionTabProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const assigning = canAssign(useMe());
  const phone = useMediaQuery('(max-width: 48em)');
  const [openId, setOpenId] = useState<string | null>(null);
  const [distributing, setDistributing] = useState(false);
  const list = useQuery(dealOrdersQuery(dealId));
  const items = list.data?.items ?? [];

  const closeOrder = () => {
    setOpenId(null);
    // A step taken in the drawer may move the deal too (accepted → «В работе», shipped …).
    void queryClient.invalidateQueries({ queryKey: dealOrderKeys.list(dealId) });
    onDealChanged();
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="center" wrap="wrap" gap="xs">
        <Title order={2} size="h4">
          {t('dealProduction.title')}
        </Title>
        {assigning && (
          <Button size="sm" onClick={() => setDistributing(true)} fullWidth={phone}>
            {t('dealProduction.distribute')}
          </Button>
        )}
      </Group>

      {list.isPending ? (
        <TableSkeleton />
      ) : list.isError ? (
        <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Stack gap={4} py="lg" align="center" ta="center">
          <Text fw={500}>{t('dealProduction.empty')}</Text>
          <Text c="dimmed" size="sm" maw={520}>
            {assigning ? t('dealProduction.emptyHint') : t('dealProduction.emptyHintReadOnly')}
          </Text>
        </Stack>
      ) : phone ? (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('dealProduction.listLabel')}>
          {items.map((o) => (
            <li key={o.id}>
              <OrderCard order={o} onOpen={() => setOpenId(o.id)} />
            </li>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table highlightOnHover verticalSpacing="xs" aria-label={t('dealProduction.listLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dealProduction.columns.number')}</Table.Th>
                <Table.Th>{t('dealProduction.columns.production')}</Table.Th>
                <Table.Th>{t('dealProduction.columns.state')}</Table.Th>
                <Table.Th ta="right">{t('dealProduction.columns.quantity')}</Table.Th>
                <Table.Th>{t('dealProduction.columns.due')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((o) => (
                <OrderRow key={o.id} order={o} onOpen={() => setOpenId(o.id)} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <OrderDrawer id={openId} onClose={closeOrder} />
      {assigning && (
        <DistributionDrawer
          dealId={dealId}
          opened={distributing}
          onClose={() => setDistributing(false)}
          onAssigned={() => {
            setDistributing(false);
            void queryClient.invalidateQueries({ queryKey: dealOrderKeys.all });
            void queryClient.invalidateQueries({ queryKey: orderKeys.lists() });
            onDealChanged();
          }}
        />
      )}
    </Stack>
  );
}

function useNumber() {
  const { t } = useTranslation();
  return (o: DealOrder) => o.number ?? t('dealProduction.noNumber');
}

function OrderRow({ order: o, onOpen }: { order: DealOrder; onOpen: () => void }) {
  const { t } = useTranslation();
  const number = useNumber()(o);
  const title = useOrderTitle()(o);
  return (
    <Table.Tr style={{ cursor: 'pointer' }} onClick={onOpen}>
      <Table.Td>
        <UnstyledButton
          onClick={(e) => {
            e.stopPropagation();
            onOpen();
          }}
          aria-label={t('dealProduction.openLabel', { number })}
          c="blue.8"
          fw={600}
          style={{ textDecoration: 'underline', whiteSpace: 'nowrap' }}
        >
          {number}
        </UnstyledButton>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={500}>
          {o.production_name}
        </Text>
        <Text size="xs" c="dimmed">
          {title}
        </Text>
      </Table.Td>
      <Table.Td>
        <StateBadge state={o.state} />
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {t('dealProduction.area', { value: formatDecimal(o.quantity_m2) })}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDay(o.due_date)}</Table.Td>
    </Table.Tr>
  );
}

function OrderCard({ order: o, onOpen }: { order: DealOrder; onOpen: () => void }) {
  const { t } = useTranslation();
  const number = useNumber()(o);
  const title = useOrderTitle()(o);
  return (
    <Paper withBorder radius="sm" p="sm">
      <UnstyledButton onClick={onOpen} aria-label={t('dealProduction.openLabel', { number })} w="100%">
        <Stack gap={4}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text fw={700} c="blue.8">
              № {number}
            </Text>
            <StateBadge state={o.state} />
          </Group>
          <Text size="sm" fw={500}>
            {o.production_name}
          </Text>
          <Group gap="md">
            <Text size="sm">{title}</Text>
            <Badge variant="outline" color="gray.7" style={{ textTransform: 'none' }}>
              {t('dealProduction.area', { value: formatDecimal(o.quantity_m2) })}
            </Badge>
            <Text size="sm">{t('dealProduction.due', { date: formatDay(o.due_date) })}</Text>
          </Group>
        </Stack>
      </UnstyledButton>
    </Paper>
  );
}
