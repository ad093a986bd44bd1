// The production orders board (issue 12): a column per stage an order is still open in, in the
// state machine's order, each with the twenty newest orders of that stage and how many there are
// («ещё N» opens the rest as the list filtered by the stage). Nothing is dragged: a card opens the
// order's drawer, where the steps are taken and their guards checked. The ended stages (closed,
// declined, cancelled) are no columns: their counts, under the board, open the filtered list.
// Desktop: the columns scroll sideways; a phone: one column at a time, chosen by its stage.
import { Anchor, Group, Paper, ScrollArea, Select, Skeleton, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../shared/format/format';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { orderListQuery, type OrderItem, type OrderList, type OrderState } from '../api/orders';
import { BOARD_COLUMN_SIZE, BOARD_STAGES, ENDED_STAGES, formatDay, isOverdue, todayIso, type BoardStage } from '../model/orders';
import { formatDecimal } from '../model/profile';
import { STATE_COLOR, useOrderTitle } from './OrderDrawer';

const COLUMN_WIDTH = 264;

export function ProductionOrdersBoard({ onOpen, onShowStage }: { onOpen: (id: string) => void; onShowStage: (state: OrderState) => void }) {
  const { t } = useTranslation();
  // Read at once, not after the first paint: a phone would flash all eight columns first.
  const phone = useMediaQuery('(max-width: 48em)', undefined, { getInitialValueInEffect: false });
  const columns = useQueries({ queries: BOARD_STAGES.map((state) => orderListQuery({ state, offset: 0 }, BOARD_COLUMN_SIZE)) });
  const ended = useQueries({ queries: ENDED_STAGES.map((state) => orderListQuery({ state, offset: 0 }, 1)) });
  const [shown, setShown] = useState<BoardStage>(BOARD_STAGES[0]);
  const today = todayIso();
  const stageName = (s: OrderState) => t(`productionOrders.states.${s}`);

  const column = (stage: BoardStage, i: number, width: number | string) => (
    <Column key={stage} stage={stage} query={columns[i]!} width={width} today={today} onOpen={onOpen} onShowStage={onShowStage} />
  );
  const endedCounts = ENDED_STAGES.map((s, i) => ({ stage: s, total: ended[i]!.data?.total })).filter(
    (e): e is { stage: (typeof ENDED_STAGES)[number]; total: number } => e.total !== undefined && e.total > 0,
  );

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed" maw={760}>
        {t('productionOrders.board.hint')}
      </Text>
      {phone ? (
        <>
          <Select
            label={t('productionOrders.board.stage')}
            allowDeselect={false}
            value={shown}
            onChange={(v) => v && setShown(v as BoardStage)}
            data={BOARD_STAGES.map((s, i) => {
              const total = columns[i]!.data?.total;
              return { value: s, label: total === undefined ? stageName(s) : t('productionOrders.board.stageOption', { stage: stageName(s), total: formatNumber(total) }) };
            })}
            comboboxProps={{ withinPortal: true }}
          />
          <div role="group" aria-label={t('productionOrders.board.label')}>
            {column(shown, BOARD_STAGES.indexOf(shown), '100%')}
          </div>
        </>
      ) : (
        <ScrollArea type="auto" offsetScrollbars scrollbarSize={10}>
          <Group align="flex-start" wrap="nowrap" gap="sm" pb="sm" role="group" aria-label={t('productionOrders.board.label')}>
            {BOARD_STAGES.map((s, i) => column(s, i, COLUMN_WIDTH))}
          </Group>
        </ScrollArea>
      )}
      {endedCounts.length > 0 && (
        <Group gap="xs" wrap="wrap">
          <Text size="sm" c="dimmed">
            {t('productionOrders.board.ended')}
          </Text>
          {endedCounts.map((e) => (
            <Anchor
              key={e.stage}
              component="button"
              type="button"
              size="sm"
              c="dimmed"
              underline="always"
              onClick={() => onShowStage(e.stage)}
              aria-label={t('productionOrders.board.endedLabel', { stage: stageName(e.stage), total: formatNumber(e.total) })}
            >
              {t('productionOrders.board.endedStage', { stage: stageName(e.stage), total: formatNumber(e.total) })}
            </Anchor>
          ))}
        </Group>
      )}
    </Stack>
  );
}

function Column({
  stage,
  query,
  width,
  today,
  onOpen,
  onShowStage,
}: {
  stage: BoardStage;
  query: UseQueryResult<OrderList>;
  width: number | string;
  today: string;
  onOpen: (id: string) => void;
  onShowStage: (state: OrderState) => void;
}) {
  const { t } = useTranslation();
  const name = t(`productionOrders.states.${stage}`);
  const items = query.data?.items ?? [];
  const total = query.data?.total;
  const headingId = `board-column-${stage}`;
  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      aria-busy={query.isPending || query.isFetching || undefined}
      w={width}
      radius="sm"
      bg="gray.0"
      style={{ borderTop: `4px solid var(--mantine-color-${STATE_COLOR[stage] ?? 'gray'}-5)`, flexShrink: 0 }}
    >
      <Stack gap={2} p="xs" pb={4}>
        <Title order={2} size="sm" fw={600} id={headingId} style={{ overflowWrap: 'break-word' }}>
          {name}
        </Title>
        <Text size="xs" c="dimmed" fw={500} mih={18}>
          {total !== undefined ? t('productionOrders.board.count', { count: total, formatted: formatNumber(total) }) : '\u00a0'}
        </Text>
      </Stack>
      <Stack gap={6} p={6} mih={72}>
        {query.isPending ? (
          <>
            <Skeleton height={92} radius="sm" />
            <Skeleton height={92} radius="sm" />
          </>
        ) : query.isError ? (
          <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed" ta="center" py="sm">
            {t('productionOrders.board.empty')}
          </Text>
        ) : (
          <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }} aria-label={name}>
            {items.map((item) => (
              <li key={item.id}>
                <BoardCard item={item} overdue={isOverdue(item, today)} onOpen={() => onOpen(item.id)} />
              </li>
            ))}
          </Stack>
        )}
        {total !== undefined && total > items.length && items.length > 0 && (
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => onShowStage(stage)}
            aria-label={t('productionOrders.board.moreLabel', { total: formatNumber(total - items.length), stage: name })}
          >
            {t('productionOrders.board.more', { total: formatNumber(total - items.length) })}
          </Anchor>
        )}
      </Stack>
    </Paper>
  );
}

function BoardCard({ item, overdue, onOpen }: { item: OrderItem; overdue: boolean; onOpen: () => void }) {
  const { t } = useTranslation();
  const title = useOrderTitle()(item);
  return (
    <UnstyledButton
      onClick={onOpen}
      w="100%"
      p="xs"
      bg="white"
      bd="1px solid var(--mantine-color-gray-3)"
      style={{ borderRadius: 'var(--mantine-radius-sm)', display: 'block' }}
    >
      <Stack gap={2}>
        {item.number && (
          <Text size="xs" c="dimmed" fw={600}>
            {item.number}
          </Text>
        )}
        <Text size="sm" fw={600} style={{ overflowWrap: 'break-word' }}>
          {title}
        </Text>
        <Group gap="sm" wrap="wrap">
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {t('productionOrders.area', { value: formatDecimal(item.quantity_m2) })}
          </Text>
          <Text size="sm" c={overdue ? 'red.8' : undefined} fw={overdue ? 600 : undefined} style={{ whiteSpace: 'nowrap' }}>
            {t('productionOrders.due', { date: formatDay(item.due_date) })}
            {overdue ? `, ${t('productionOrders.board.overdue')}` : ''}
          </Text>
        </Group>
        {item.production_name && (
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'break-word' }}>
            {item.production_name}
          </Text>
        )}
      </Stack>
    </UnstyledButton>
  );
}
