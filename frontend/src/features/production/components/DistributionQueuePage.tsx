// «Распределение» (issue 12): the distributors' queue — paid deals whose tiles no live production
// order carries yet, the longest-waiting first. The logistician reads no deals, so this is their way
// to the distribution: a card per deal (№ and title, where it goes, what was sold, how long it has
// waited, which productions declined it and why) and «Распределить», which opens the deal's
// DistributionDrawer. An assignment reads the queue again (the deal leaves it); the drawer says so.
// The head company's logisticians, managers and admins only (the API's 403 for anyone else).
import { Anchor, Badge, Button, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useMe } from '../../../shared/api/me';
import { formatDateTime, formatElapsed, formatNumber } from '../../../shared/format/format';
import { NotFound } from '../../../shared/ui/NotFound';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { dealOrderKeys, distributionQueueQuery, type WaitingDeal } from '../api/distribution';
import { orderKeys } from '../api/orders';
import { canAssign } from '../model/distribution';
import { formatDecimal } from '../model/profile';
import { DistributionDrawer } from './DistributionDrawer';

export function DistributionQueuePage() {
  const me = useMe();
  return canAssign(me) ? <DistributionQueue readsDeals={can(me, 'deals.read')} /> : <NotFound />;
}

function DistributionQueue({ readsDeals }: { readsDeals: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const queue = useQuery(distributionQueueQuery());
  // The deal in the drawer stays while it closes; `opened` says whether it shows.
  const [dealId, setDealId] = useState<string | null>(null);
  const [opened, setOpened] = useState(false);
  const items = queue.data?.items ?? [];

  const open = (id: string) => {
    setDealId(id);
    setOpened(true);
  };

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('distributionQueue.title')}
      </Title>
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="xs">
        <Text size="sm" c="dimmed" maw={760}>
          {t('distributionQueue.hint')}
        </Text>
        {queue.isSuccess && items.length > 0 && (
          <Text size="sm" c="dimmed" role="status">
            {t('distributionQueue.count', { total: formatNumber(items.length) })}
          </Text>
        )}
      </Group>

      {queue.isPending ? (
        <TableSkeleton />
      ) : queue.isError ? (
        <ProblemAlert error={queue.error} onRetry={() => void queue.refetch()} />
      ) : items.length === 0 ? (
        <Stack gap={4} py="xl" align="center" ta="center">
          <Text fw={500}>{t('distributionQueue.empty')}</Text>
          <Text c="dimmed" size="sm" maw={520}>
            {t('distributionQueue.emptyHint')}
          </Text>
        </Stack>
      ) : (
        <SimpleGrid
          cols={{ base: 1, lg: 2 }}
          spacing="sm"
          component="ul"
          aria-label={t('distributionQueue.listLabel')}
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          opacity={queue.isRefetching ? 0.6 : 1}
          aria-busy={queue.isRefetching || undefined}
        >
          {items.map((deal) => (
            <WaitingCard key={deal.deal_id} deal={deal} readsDeals={readsDeals} onDistribute={() => open(deal.deal_id)} />
          ))}
        </SimpleGrid>
      )}

      {dealId && (
        <DistributionDrawer
          // A drawer of its own per deal: what was asked for another deal must not carry over.
          key={dealId}
          dealId={dealId}
          opened={opened}
          onClose={() => setOpened(false)}
          onAssigned={() => {
            setOpened(false);
            // The deal leaves the queue; its orders and the orders' lists gain the order (the
            // closed drawer's ranking is left alone: it is read again when next asked).
            void queryClient.invalidateQueries({ queryKey: dealOrderKeys.queue() });
            void queryClient.invalidateQueries({ queryKey: dealOrderKeys.list(dealId) });
            void queryClient.invalidateQueries({ queryKey: orderKeys.lists() });
          }}
        />
      )}
    </Stack>
  );
}

function WaitingCard({ deal, readsDeals, onDistribute }: { deal: WaitingDeal; readsDeals: boolean; onDistribute: () => void }) {
  const { t, i18n } = useTranslation();
  const number = t('distributionQueue.number', { number: deal.number });
  const place = deal.delivery_city ?? deal.delivery_address;
  const assigned = Number(deal.assigned_m2) > 0;
  return (
    <Paper component="li" withBorder radius="sm" p="sm">
      <Stack gap={6} h="100%">
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <Stack gap={2} style={{ minWidth: 0 }}>
            {readsDeals ? (
              <Anchor component={Link} to={`/deals/${deal.deal_id}`} fw={700} c="blue.8" aria-label={t('distributionQueue.openDeal', { number: deal.number })}>
                {number}
              </Anchor>
            ) : (
              <Text fw={700}>{number}</Text>
            )}
            <Title order={2} size="h5" style={{ overflowWrap: 'anywhere' }}>
              {deal.title}
            </Title>
          </Stack>
          <Badge
            variant="light"
            color="orange"
            style={{ textTransform: 'none', flexShrink: 0 }}
            title={t('distributionQueue.waitingSince', { date: formatDateTime(deal.stage_entered_at) })}
          >
            {t('distributionQueue.waiting', { duration: formatElapsed(deal.stage_entered_at, i18n.language) })}
          </Badge>
        </Group>

        <Text size="sm" title={deal.delivery_city && deal.delivery_address ? deal.delivery_address : undefined}>
          {place ? t('distributionQueue.delivery', { place }) : t('distributionQueue.noDelivery')}
        </Text>
        {deal.offer_details && (
          <Text size="sm" c="dimmed" lineClamp={3} style={{ overflowWrap: 'anywhere' }}>
            {t('distributionQueue.sold', { details: deal.offer_details })}
          </Text>
        )}
        {assigned && <Text size="sm">{t('distributionQueue.assigned', { value: formatDecimal(deal.assigned_m2) })}</Text>}
        {deal.declines.length > 0 && (
          <List size="sm" spacing={2} c="red.8" aria-label={t('distributionQueue.declinesLabel')} listStyleType="none" p={0}>
            {deal.declines.map((d, i) => (
              <List.Item key={`${d.production_name}-${i}`}>
                {d.reason
                  ? t('distributionQueue.declined', { name: d.production_name, reason: d.reason })
                  : t('distributionQueue.declinedNoReason', { name: d.production_name })}
              </List.Item>
            ))}
          </List>
        )}

        <Group justify="flex-end" mt="auto" pt={4}>
          <Button size="sm" onClick={onDistribute} w={{ base: '100%', xs: 'auto' }} aria-label={t('distributionQueue.distributeLabel', { number: deal.number, title: deal.title })}>
            {t('distributionQueue.distribute')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
