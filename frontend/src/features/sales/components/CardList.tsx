// The list view of a pipeline: the same filters as the board (plus a stage), cursor paging.
import { Anchor, Badge, Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../shared/format/format';
import { ExportButtons } from '../../../shared/ui/ExportButtons';
import { formatMoney } from '../../../shared/format/money';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { cardListQuery, exportUrl, type CardFilters, type CardKind, type Pipeline } from '../api/sales';
import { secondsSince } from '../model/format';
import { findStage } from '../model/pipeline';
import { StageBadge, useDuration, useNow } from './common';
import { MoveMenu } from './MoveMenu';
import { useMoveFlow } from './useMoveFlow';

export function CardList({
  kind,
  pipeline,
  filters,
  stage,
  filtered,
  canMove,
}: {
  kind: CardKind;
  pipeline: Pipeline;
  filters: CardFilters;
  stage?: string;
  filtered: boolean;
  canMove: boolean;
}) {
  const { t } = useTranslation();
  const duration = useDuration();
  const now = useNow();
  const list = useInfiniteQuery(cardListQuery(kind, pipeline.id, { ...filters, stage }));
  const flow = useMoveFlow({ kind, pipeline });
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const def = pipeline.definition;

  if (list.isPending) return <TableSkeleton rows={8} />;
  if (list.isError && items.length === 0) return <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />;
  if (items.length === 0)
    return (
      <Stack gap={4} py="xl" align="center" role="status">
        <Text fw={500}>{filtered ? t('sales.board.emptyFiltered') : t('sales.board.empty')}</Text>
        <Text c="dimmed" size="sm">
          {filtered ? t('sales.board.emptyFilteredHint') : t('sales.board.emptyHint')}
        </Text>
      </Stack>
    );


  return (
    <Stack>
      <Group justify="flex-end">
        <ExportButtons url={(format) => exportUrl(kind, pipeline.id, { ...filters, stage }, format)} name={`${kind}s`} />
      </Group>
      <Table.ScrollContainer minWidth={1000}>
        <Table striped highlightOnHover aria-label={t('sales.list.label')} opacity={list.isPlaceholderData ? 0.6 : 1}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sales.list.columns.number')}</Table.Th>
              <Table.Th>{t('sales.list.columns.title')}</Table.Th>
              <Table.Th>{t('sales.list.columns.client')}</Table.Th>
              <Table.Th>{t('sales.list.columns.stage')}</Table.Th>
              <Table.Th>{t('sales.list.columns.responsible')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('sales.list.columns.revenue')}</Table.Th>
              <Table.Th>{t('sales.list.columns.channel')}</Table.Th>
              <Table.Th>{t('sales.list.columns.created')}</Table.Th>
              <Table.Th>{t('sales.list.columns.inStage')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{c.number}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/${kind}s/${c.id}`}>
                    {c.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>{c.client_name ?? c.company_name ?? c.contact_name ?? ''}</Table.Td>
                <Table.Td>
                  <StageBadge stage={findStage(def, c.stage)} fallback={c.stage_name} size="sm" />
                </Table.Td>
                <Table.Td>{c.responsible_name ?? ''}</Table.Td>
                <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatMoney(c.expected_revenue)}</Table.Td>
                <Table.Td>{t(`sales.channels.${c.channel}`)}</Table.Td>
                <Table.Td>{formatDate(c.created_at)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Group gap={4} wrap="nowrap">
                    {c.status === 'open' ? duration(secondsSince(c.stage_entered_at, now)) : ''}
                    {c.stuck && (
                      <Badge color="red" variant="light" size="xs">
                        {t(`sales.board.stuck.${kind}`)}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {canMove && (
                    <MoveMenu
                      def={def}
                      title={c.title}
                      stage={c.stage}
                      disabled={flow.movingId === c.id}
                      onMove={(to) => flow.move(c, to)}
                    />
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {list.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('common.showMore')}
          </Button>
        </Group>
      )}
      {list.isFetchNextPageError && <ProblemAlert error={list.error} />}
      {flow.dialogs}
    </Stack>
  );
}
