// The kanban board of one pipeline, built only from its definition: columns in stage order with
// group labels above runs of them, counts and sums, cards that can be dragged where a transition
// row allows (the server has the last word) or moved with their «Переместить» menu.
import {
  DndContext,
  DragOverlay,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { Anchor, Badge, Box, Group, Paper, ScrollArea, Skeleton, Stack, Text, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatMoney } from '../../../shared/format/money';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { boardQuery, salesKeys, type BoardColumn, type CardFilters, type CardKind, type CardSummary, type Pipeline, type Stage } from '../api/sales';
import { secondsSince } from '../model/format';
import { dragTexts } from '../model/dragTexts';
import { canDrop, columnWidth, dropTargets, findStage, groupRuns, groupTotals, stageName, type GroupRun } from '../model/pipeline';
import { useDuration, useLang, useNow } from './common';
import { MoveMenu } from './MoveMenu';
import { useMoveFlow } from './useMoveFlow';

const COLUMN_WIDTH = 272;

/** How a column looks while a card is dragged: where it came from, may go, may not go. */
type DropState = 'idle' | 'source' | 'allowed' | 'refused';

export function KanbanBoard({
  kind,
  pipeline,
  filters,
  filtered,
  canMove,
  onShowStage,
}: {
  kind: CardKind;
  pipeline: Pipeline;
  filters: CardFilters;
  filtered: boolean;
  /** Whether this person may move cards (others see the board read-only). */
  canMove: boolean;
  /** Opens the list view of one stage (for columns with more cards than the board shows). */
  onShowStage: (stage: string) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const board = useQuery(boardQuery(pipeline.id, filters));
  const flow = useMoveFlow({ kind, pipeline });
  const queryClient = useQueryClient();
  const boardVersion = board.data?.pipeline.version;
  useEffect(() => {
    // The board follows a newer version of the pipeline than this page has (an admin edited it): read it again.
    if (boardVersion !== undefined && boardVersion > pipeline.version) void queryClient.invalidateQueries({ queryKey: salesKeys.pipelines(kind) });
  }, [boardVersion, pipeline.version, kind, queryClient]);
  const now = useNow();
  const [dragged, setDragged] = useState<CardSummary | null>(null);
  const [collapsed, toggleGroup] = useCollapsedGroups(pipeline.id);
  const { ref: sizeRef, width: available } = useElementSize();
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));
  const def = pipeline.definition;

  // Measured from the first render on (the observer attaches once), whatever is shown inside.
  if (board.isPending)
    return (
      <Box ref={sizeRef}>
        <BoardSkeleton stages={def.stages} />
      </Box>
    );
  if (board.isError && !board.data)
    return (
      <Box ref={sizeRef}>
        <ProblemAlert error={board.error} onRetry={() => void board.refetch()} />
      </Box>
    );

  const columns = new Map(board.data.columns.map((c) => [c.stage, c]));
  // The closed stages at the end (won, lost) fold together too, as «Итог».
  const runs = groupRuns(def.stages).map((run) =>
    run.group === null && run.stages.length > 1 && run.stages.every((st) => (st.kind ?? 'open') !== 'open')
      ? { ...run, group: t('sales.board.closedGroup') }
      : run,
  );
  const shown = runs.reduce((n, run) => n + (run.group && collapsed.has(run.group) ? 1 : run.stages.length), 0);
  const width = columnWidth(available, shown);
  const total = board.data.columns.reduce((n, c) => n + c.count, 0);
  const allowed = dragged ? new Set(dropTargets(def, dragged.stage)) : null;
  const dropState = (code: string): DropState =>
    !dragged || !allowed ? 'idle' : code === dragged.stage ? 'source' : allowed.has(code) ? 'allowed' : 'refused';

  const onDragStart = (e: DragStartEvent) => setDragged((e.active.data.current?.card as CardSummary | undefined) ?? null);
  const onDragEnd = (e: DragEndEvent) => {
    setDragged(null);
    const card = e.active.data.current?.card as CardSummary | undefined;
    const to = e.over ? String(e.over.id) : null;
    if (!card || !to || to === card.stage) return;
    if (!canDrop(def, card.stage, to)) {
      const name = (code: string) => {
        const s = findStage(def, code);
        return s ? stageName(s, lang) : code;
      };
      notifications.show({ color: 'orange', message: t('sales.board.dropNotAllowed', { from: name(card.stage), to: name(to) }) });
      return;
    }
    flow.move(card, to);
  };

  return (
    <Box ref={sizeRef}>
    <Stack gap="xs">
      {board.isError && <ProblemAlert error={board.error} onRetry={() => void board.refetch()} />}
      {total === 0 && (
        <Stack gap={2} align="center" py="sm" role="status">
          <Text fw={500}>{filtered ? t('sales.board.emptyFiltered') : t('sales.board.empty')}</Text>
          <Text size="sm" c="dimmed">
            {filtered ? t('sales.board.emptyFilteredHint') : t('sales.board.emptyHint')}
          </Text>
        </Stack>
      )}
      {total > 0 && canMove && (
        <Text size="xs" c="dimmed">
          {t('sales.board.dragHint')}
        </Text>
      )}
      <DndContext
        sensors={sensors}
        accessibility={dragTexts(t as unknown as Parameters<typeof dragTexts>[0], def, lang)}
        onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setDragged(null)}>
        <ScrollArea type="auto" offsetScrollbars scrollbarSize={10}>
          <Group
            align="flex-start"
            wrap="nowrap"
            gap="md"
            pb="sm"
            role="group"
            aria-label={t('sales.board.boardLabel', { pipeline: lang === 'en' ? pipeline.name_en : pipeline.name_ru })}
            style={{ opacity: board.isPlaceholderData ? 0.6 : 1 }}
          >
            {runs.map((run, i) => {
              const folded = !!run.group && collapsed.has(run.group);
              return (
              <Stack key={`${run.group ?? ''}-${i}`} gap={4}>
                {run.group ? (
                  <UnstyledButton
                    onClick={() => toggleGroup(run.group!)}
                    aria-expanded={!folded}
                    aria-label={t(folded ? 'sales.board.expandGroup' : 'sales.board.collapseGroup', { group: run.group })}
                    mih={18}
                    px={4}
                    style={{ borderBottom: '2px solid var(--mantine-color-gray-3)' }}
                  >
                    {/* The group's whole name, wrapped when the columns are narrow. */}
                    <Text size="xs" fw={700} c="dimmed" lh={1.4}>
                      {folded ? '▸' : '▾'} {run.group}
                    </Text>
                  </UnstyledButton>
                ) : (
                  <Box h={18} />
                )}
                {folded ? (
                  <FoldedGroup
                    width={width}
                    kind={kind}
                    run={run}
                    columns={run.stages.map((st) => columns.get(st.code))}
                    pipeline={pipeline}
                    movingId={flow.movingId}
                    canMove={canMove}
                    now={now}
                    onMove={flow.move}
                    onShowStage={onShowStage}
                  />
                ) : (
                <Group align="flex-start" wrap="nowrap" gap="xs">
                  {run.stages.map((stage) => (
                    <Column
                      key={stage.code}
                      width={width}
                      kind={kind}
                      stage={stage}
                      column={columns.get(stage.code)}
                      pipeline={pipeline}
                      dropState={dropState(stage.code)}
                      movingId={flow.movingId}
                      canMove={canMove}
                      now={now}
                      onMove={flow.move}
                      onShowStage={onShowStage}
                    />
                  ))}
                </Group>
                )}
              </Stack>
              );
            })}
          </Group>
        </ScrollArea>
        <DragOverlay dropAnimation={null}>
          {dragged ? <CardBody kind={kind} card={dragged} stage={findStage(def, dragged.stage)} now={now} overlay /> : null}
        </DragOverlay>
      </DndContext>
      {flow.dialogs}
    </Stack>
    </Box>
  );
}

/** Which stage groups of a pipeline's board are collapsed — remembered in this browser. */
function useCollapsedGroups(pipelineId: string): [Set<string>, (group: string) => void] {
  const key = `tessera.board.collapsed.${pipelineId}`;
  const read = useCallback((): Set<string> => {
    try {
      const v: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
      return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    } catch {
      return new Set();
    }
  }, [key]);
  const [collapsed, setCollapsed] = useState(read);
  useEffect(() => setCollapsed(read()), [read]);
  const toggle = (group: string) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (!next.delete(group)) next.add(group);
      localStorage.setItem(key, JSON.stringify([...next]));
      return next;
    });
  return [collapsed, toggle];
}

/** A collapsed group: one column with its stages' cards, each tagged with its stage. */
function FoldedGroup({
  width,
  kind,
  run,
  columns,
  pipeline,
  movingId,
  canMove,
  now,
  onMove,
  onShowStage,
}: {
  width: number;
  kind: CardKind;
  run: GroupRun;
  columns: (BoardColumn | undefined)[];
  pipeline: Pipeline;
  movingId: string | null;
  canMove: boolean;
  now: number;
  onMove: ReturnType<typeof useMoveFlow>['move'];
  onShowStage: (stage: string) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const totals = groupTotals(columns);
  return (
    <Paper
      component="section"
      aria-label={run.group ?? ''}
      w={width}
      radius="sm"
      bg="gray.0"
      style={{ borderTop: '4px solid var(--mantine-color-gray-5)', flexShrink: 0 }}
    >
      <Stack gap={2} p="xs" pb={4}>
        <Title order={2} size="sm" fw={600} mih={38} style={{ overflowWrap: 'break-word' }}>
          {t('sales.board.groupStages', { count: run.stages.length })}
        </Title>
        <Group justify="space-between" gap={4} wrap="nowrap">
          <Badge variant="light" color="gray" size="sm" aria-label={t('sales.board.count', { count: totals.count })}>
            {totals.count}
          </Badge>
          <Text size="xs" c="dimmed" fw={500}>
            {formatMoney(totals.sum)}
          </Text>
        </Group>
      </Stack>
      <Stack gap={6} p={6} mih={72}>
        {run.stages.map((stage, i) => {
          const column = columns[i];
          const cards = column?.cards ?? [];
          const count = column?.count ?? 0;
          return (
            <Stack key={stage.code} gap={4}>
              {cards.map((card) => (
                <Stack key={card.id} gap={2}>
                  {/* The stage in full (a badge would cut it off). */}
                  <Text size="xs" fw={600} c="dimmed" px={2} style={{ borderLeft: `3px solid ${stage.color}`, paddingLeft: 6 }}>
                    {stageName(stage, lang)}
                  </Text>
                  <DraggableCard
                    kind={kind}
                    card={card}
                    stage={stage}
                    pipeline={pipeline}
                    moving={movingId === card.id}
                    canMove={canMove}
                    now={now}
                    onMove={onMove}
                  />
                </Stack>
              ))}
              {count > cards.length && (
                <Anchor component="button" type="button" size="xs" onClick={() => onShowStage(stage.code)}>
                  {t('sales.board.moreIn', { count: count - cards.length, stage: stageName(stage, lang) })}
                </Anchor>
              )}
            </Stack>
          );
        })}
        {totals.count === 0 && (
          <Text size="xs" c="dimmed" ta="center" py="sm">
            {t('sales.board.emptyColumn')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function Column({
  width,
  kind,
  stage,
  column,
  pipeline,
  dropState,
  movingId,
  canMove,
  now,
  onMove,
  onShowStage,
}: {
  width: number;
  kind: CardKind;
  stage: Stage;
  column: BoardColumn | undefined;
  pipeline: Pipeline;
  dropState: DropState;
  movingId: string | null;
  canMove: boolean;
  now: number;
  onMove: ReturnType<typeof useMoveFlow>['move'];
  onShowStage: (stage: string) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { setNodeRef, isOver } = useDroppable({ id: stage.code });
  const name = stageName(stage, lang);
  const cards = column?.cards ?? [];
  const count = column?.count ?? 0;
  const outline =
    dropState === 'allowed'
      ? `2px dashed var(--mantine-color-${isOver ? 'teal-7' : 'teal-4'})`
      : dropState === 'refused' && isOver
        ? '2px dashed var(--mantine-color-red-5)'
        : undefined;

  return (
    <Paper
      component="section"
      ref={setNodeRef}
      aria-label={name}
      w={width}
      radius="sm"
      bg={isOver && dropState === 'allowed' ? 'teal.0' : 'gray.0'}
      style={{
        borderTop: `4px solid ${stage.color}`,
        outline,
        outlineOffset: -2,
        opacity: dropState === 'refused' ? 0.45 : 1,
        flexShrink: 0,
      }}
    >
      <Stack gap={2} p="xs" pb={4}>
        {/* The stage's whole name, on as many lines as it takes. */}
        <Title order={2} size="sm" fw={600} mih={38} style={{ overflowWrap: 'break-word' }}>
          {name}
        </Title>
        <Group justify="space-between" gap={4} wrap="nowrap">
          <Badge variant="light" color="gray" size="sm" aria-label={t('sales.board.count', { count })}>
            {count}
          </Badge>
          <Text size="xs" c="dimmed" fw={500} aria-label={t('sales.board.sum', { sum: formatMoney(column?.sum ?? '0') })}>
            {formatMoney(column?.sum ?? '0')}
          </Text>
        </Group>
      </Stack>
      <Stack gap={6} p={6} mih={72}>
        {cards.map((card) => (
          <DraggableCard
            key={card.id}
            kind={kind}
            card={card}
            stage={stage}
            pipeline={pipeline}
            moving={movingId === card.id}
            canMove={canMove}
            now={now}
            onMove={onMove}
          />
        ))}
        {count === 0 && (
          <Text size="xs" c="dimmed" ta="center" py="sm">
            {t('sales.board.emptyColumn')}
          </Text>
        )}
        {count > cards.length && (
          <Anchor component="button" type="button" size="xs" onClick={() => onShowStage(stage.code)}>
            {t('sales.board.more', { count: count - cards.length })}
          </Anchor>
        )}
      </Stack>
    </Paper>
  );
}

function DraggableCard({
  kind,
  card,
  stage,
  pipeline,
  moving,
  canMove,
  now,
  onMove,
}: {
  kind: CardKind;
  card: CardSummary;
  stage: Stage;
  pipeline: Pipeline;
  moving: boolean;
  canMove: boolean;
  now: number;
  onMove: ReturnType<typeof useMoveFlow>['move'];
}) {
  // Not dnd-kit's role="button" on the whole card (it holds a link and a menu): its instructions
  // describe the card's link instead.
  const { setNodeRef, listeners, attributes, isDragging } = useDraggable({ id: card.id, data: { card }, disabled: moving || !canMove });
  return (
    <Box ref={setNodeRef} {...listeners} style={{ opacity: isDragging ? 0.35 : moving ? 0.7 : 1, touchAction: 'none' }}>
      <CardBody
        kind={kind}
        card={card}
        stage={stage}
        now={now}
        draggable={canMove}
        describedBy={canMove ? attributes['aria-describedby'] : undefined}
        menu={
          canMove && (
            <MoveMenu
              def={pipeline.definition}
              title={card.title}
              stage={card.stage}
              disabled={moving}
              onMove={(to) => onMove(card, to)}
            />
          )
        }
      />
    </Box>
  );
}

function CardBody({
  kind,
  card,
  stage,
  now,
  menu,
  overlay,
  draggable = true,
  describedBy,
}: {
  kind: CardKind;
  card: CardSummary;
  stage: Stage | undefined;
  now: number;
  menu?: React.ReactNode;
  overlay?: boolean;
  draggable?: boolean;
  describedBy?: string;
}) {
  const { t } = useTranslation();
  const duration = useDuration();
  // Who the card is about, unless the title already says it.
  const who = (card.client_name ? [card.client_name] : [card.company_name, card.contact_name])
    .filter((x): x is string => !!x && x !== card.title)
    .join(' · ');
  const number = kind === 'lead' ? t('sales.leads.numbered', { number: card.number }) : t('sales.deals.numbered', { number: card.number });
  return (
    <Paper
      component="article"
      aria-label={`${number} ${card.title}`}
      withBorder
      shadow={overlay ? 'lg' : 'xs'}
      p={8}
      radius="sm"
      style={{
        cursor: overlay ? 'grabbing' : draggable ? 'grab' : undefined,
        width: overlay ? COLUMN_WIDTH - 12 : undefined,
        borderLeft: card.stuck ? '3px solid var(--mantine-color-red-6)' : undefined,
      }}
    >
      <Group justify="space-between" align="flex-start" gap={4} wrap="nowrap">
        <Anchor
          component={Link}
          to={`/${kind}s/${card.id}`}
          size="sm"
          fw={600}
          lh={1.3}
          style={{ wordBreak: 'break-word' }}
          aria-describedby={describedBy}
        >
          <Text span size="xs" c="dimmed" fw={500}>
            №{card.number}
          </Text>{' '}
          {card.title}
        </Anchor>
        {menu}
      </Group>
      {who && who !== card.title && (
        <Text size="xs" c="dimmed" lineClamp={1}>
          {who}
        </Text>
      )}
      <Group justify="space-between" gap={4} mt={4} wrap="nowrap">
        <Text size="xs" lineClamp={1}>
          {card.responsible_name ?? t('sales.board.noResponsible')}
        </Text>
        {card.expected_revenue && (
          <Text size="xs" fw={600} style={{ whiteSpace: 'nowrap' }}>
            {formatMoney(card.expected_revenue)}
          </Text>
        )}
      </Group>
      <Group justify="space-between" gap={4} mt={2}>
        <Text size="xs" c="dimmed">
          {t('sales.board.inStage', { duration: duration(secondsSince(card.stage_entered_at, now)) })}
        </Text>
        {card.stuck && (
          <Tooltip label={t('sales.board.stuckHint', { hours: stage?.stuck_after_hours ?? '—' })}>
            <Badge color="red" variant="light" size="xs">
              {t(`sales.board.stuck.${kind}`)}
            </Badge>
          </Tooltip>
        )}
      </Group>
    </Paper>
  );
}

function BoardSkeleton({ stages }: { stages: readonly Stage[] }) {
  const { t } = useTranslation();
  return (
    <Group align="flex-start" wrap="nowrap" gap="xs" aria-busy="true" aria-label={t('common.loading')} style={{ overflow: 'hidden' }}>
      {stages.slice(0, 6).map((s) => (
        <Stack key={s.code} w={COLUMN_WIDTH} gap="xs" style={{ flexShrink: 0 }}>
          <Skeleton height={56} radius="sm" />
          <Skeleton height={84} radius="sm" />
          <Skeleton height={84} radius="sm" />
        </Stack>
      ))}
    </Group>
  );
}
