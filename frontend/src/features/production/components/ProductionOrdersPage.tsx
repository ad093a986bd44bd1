// «Заказы производству» (issue 12): the production orders the caller may read, newest first, twenty
// to a page, filtered by stage — a production's «Заказы» (its own only, with no price and no
// client), the head company's every order. A card per order: what to make, how much, by when,
// where to and who receives it, and by when to accept it; «Открыть» shows it in a drawer
// (`?order=id`) with its steps and the steps the caller may take. «Доска» (`?view=board`) shows
// the same orders as a column per open stage (./ProductionOrdersBoard), opening the same drawer.
import { Button, Group, Pagination, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { onProductionSide, useMe } from '../../../shared/api/me';
import { formatNumber } from '../../../shared/format/format';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { orderListQuery, type OrderItem, type OrderState } from '../api/orders';
import { formatDay, formatMoment, ORDER_PAGE_SIZE, ORDER_STATES, offsetOfPage, pageCount } from '../model/orders';
import { formatDecimal } from '../model/profile';
import { OrderDrawer, StateBadge, useOrderTitle } from './OrderDrawer';
import { ProductionOrdersBoard } from './ProductionOrdersBoard';

const isState = (v: string | null): v is OrderState => !!v && (ORDER_STATES as readonly string[]).includes(v);

export function ProductionOrdersPage() {
  const { t } = useTranslation();
  const own = onProductionSide(useMe());
  const [params, setParams] = useSearchParams();
  const stateParam = params.get('state');
  const state = isState(stateParam) ? stateParam : null;
  const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);
  const openId = params.get('order');
  const board = params.get('view') === 'board';
  const setParam = (changes: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  const list = useQuery({ ...orderListQuery({ state, offset: offsetOfPage(page) }, ORDER_PAGE_SIZE), enabled: !board });
  const total = list.data?.total;
  const pages = pageCount(total ?? 0);
  // The open page emptied (orders moved on to another stage): the last page that has some.
  useEffect(() => {
    if (board || total === undefined || list.isPlaceholderData) return;
    if (page > pages) setParam({ page: pages > 1 ? String(pages) : null });
  }, [board, total, page, pages, list.isPlaceholderData]);

  const items = list.data?.items ?? [];
  const from = offsetOfPage(page) + 1;
  const to = offsetOfPage(page) + items.length;

  return (
    <Stack>
      <Title order={1} size="h2">
        {own ? t('productionOrders.titleOwn') : t('productionOrders.title')}
      </Title>
      <Text size="sm" c="dimmed" maw={760}>
        {own ? t('productionOrders.hintOwn') : t('productionOrders.hint')}
      </Text>

      <SegmentedControl
        aria-label={t('productionOrders.view')}
        value={board ? 'board' : 'list'}
        // The board has its own stages and no pages: the list's filter and page are left behind.
        onChange={(v) => setParam({ view: v === 'board' ? 'board' : null, state: null, page: null })}
        data={[
          { value: 'list', label: t('productionOrders.viewList') },
          { value: 'board', label: t('productionOrders.viewBoard') },
        ]}
        w={{ base: '100%', xs: 'auto' }}
        style={{ alignSelf: 'flex-start' }}
      />

      {board ? (
        <ProductionOrdersBoard
          onOpen={(id) => setParam({ order: id })}
          onShowStage={(s) => {
            setParam({ view: null, state: s, page: null });
            window.scrollTo({ top: 0 });
          }}
        />
      ) : (
        <>
          <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
            <Select
              label={t('productionOrders.filter')}
              w={{ base: '100%', xs: 320 }}
              allowDeselect={false}
              value={state ?? 'all'}
              onChange={(v) => setParam({ state: isState(v) ? v : null, page: null })}
              data={[{ value: 'all', label: t('productionOrders.allStates') }, ...ORDER_STATES.map((s) => ({ value: s, label: t(`productionOrders.states.${s}`) }))]}
              comboboxProps={{ withinPortal: true }}
            />
            {list.isSuccess && items.length > 0 && total !== undefined && (
              <Text size="sm" c="dimmed" role="status">
                {from === to
                  ? t('productionOrders.shownOne', { from: formatNumber(from), total: formatNumber(total) })
                  : t('productionOrders.shown', { from: formatNumber(from), to: formatNumber(to), total: formatNumber(total) })}
              </Text>
            )}
          </Group>

          {list.isPending ? (
            <TableSkeleton />
          ) : list.isError ? (
            <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
          ) : items.length === 0 ? (
            <Stack gap={4} py="xl" align="center" ta="center">
              <Text fw={500}>{state ? t('productionOrders.emptyState') : t('productionOrders.empty')}</Text>
              <Text c="dimmed" size="sm" maw={520}>
                {state ? t('productionOrders.emptyStateHint') : t('productionOrders.emptyHint')}
              </Text>
            </Stack>
          ) : (
            <>
              <SimpleGrid
                cols={{ base: 1, lg: 2 }}
                spacing="sm"
                component="ul"
                aria-label={t('productionOrders.listLabel')}
                p={0}
                m={0}
                style={{ listStyle: 'none' }}
                opacity={list.isPlaceholderData ? 0.6 : 1}
                aria-busy={list.isPlaceholderData || undefined}
              >
                {items.map((item) => (
                  <OrderCard key={item.id} item={item} onOpen={() => setParam({ order: item.id })} />
                ))}
              </SimpleGrid>
              {pages > 1 && (
                <Group justify="center">
                  <Pagination
                    total={pages}
                    value={Math.min(page, pages)}
                    onChange={(p) => {
                      setParam({ page: p > 1 ? String(p) : null });
                      window.scrollTo({ top: 0 });
                    }}
                    size="sm"
                    aria-label={t('productionOrders.pages')}
                    getControlProps={(control) => ({ 'aria-label': t(`productionOrders.${control}`) })}
                    getItemProps={(n) => ({ 'aria-label': t('productionOrders.page', { page: n }) })}
                  />
                </Group>
              )}
            </>
          )}
        </>
      )}

      <OrderDrawer id={openId} onClose={() => setParam({ order: null })} />
    </Stack>
  );
}

function OrderCard({ item, onOpen }: { item: OrderItem; onOpen: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const title = useOrderTitle()(item);
  const headingId = `production-order-${item.id}`;
  return (
    <li>
      <Paper withBorder radius="sm" p="sm" h="100%" component="article" aria-labelledby={headingId}>
        <Stack gap="xs" h="100%">
          <Group justify="space-between" align="flex-start" gap="xs">
            <Title order={2} size="h5" id={headingId}>
              {title}
            </Title>
            <StateBadge state={item.state} />
          </Group>
          <Group gap="md" wrap="wrap">
            <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
              {t('productionOrders.area', { value: formatDecimal(item.quantity_m2) })}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
              {t('productionOrders.due', { date: formatDay(item.due_date) })}
            </Text>
          </Group>
          {item.production_name && (
            <Text size="sm" fw={500}>
              {item.production_name}
            </Text>
          )}
          <Text size="sm">{item.delivery_address}</Text>
          {item.delivery_contact && (
            <Text size="sm" c="dimmed">
              {item.delivery_contact}
            </Text>
          )}
          {item.state === 'assigned' && (
            <Text size="xs" c="orange.9">
              {t('productionOrders.acceptBy', { at: formatMoment(item.accept_by) })}
            </Text>
          )}
          <Group justify="flex-end" mt="auto">
            <Button
              size="sm"
              variant={item.allowed_actions.some((a) => a !== 'receive_closing_documents') ? 'filled' : 'default'}
              fullWidth={phone}
              onClick={onOpen}
              aria-label={t('productionOrders.openLabel', { title })}
            >
              {t('productionOrders.open')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </li>
  );
}
