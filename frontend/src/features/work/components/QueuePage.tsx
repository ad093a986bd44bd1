import { Anchor, Badge, Button, Group, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { formatDate, formatDateTime } from '../../../shared/format/format';
import { NotFound } from '../../../shared/ui/NotFound';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { ExportButtons } from '../../../shared/ui/ExportButtons';
import { isRequestKind, QUEUE_TABS, requestExportUrl, requestQueueQuery, type QueueTab, type RequestKind, type RequestSummary } from '../api/requests';
import { formatMoney } from '../../../shared/format/money';
import { age } from '../model/time';
import { STATE_COLOR } from './requestLabels';
import { useNow } from './useNow';

/** A department's queue of requests from the deals: the logisticians' or the designer's. */
export function QueuePage() {
  const { kind } = useParams();
  if (!isRequestKind(kind)) return <NotFound />;
  return <Queue kind={kind} />;
}

function Queue({ kind }: { kind: RequestKind }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: QueueTab = QUEUE_TABS.find((v) => v === params.get('tab')) ?? 'active';

  return (
    <Stack>
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t(`work.queue.title.${kind}`)}
        </Title>
        <Text c="dimmed" size="sm">
          {t(`work.queue.subtitle.${kind}`)}
        </Text>
      </Stack>
      <Tabs
        value={tab}
        keepMounted={false}
        onChange={(v) =>
          setParams(
            (prev) => {
              const next = new URLSearchParams(prev);
              if (v && v !== 'active') next.set('tab', v);
              else next.delete('tab');
              return next;
            },
            { replace: true },
          )
        }
      >
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Tabs.List>
            {QUEUE_TABS.map((v) => (
              <Tabs.Tab key={v} value={v}>
                {t(`work.queue.tabs.${v}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {/* The whole tab, not only the pages loaded. */}
          <ExportButtons url={(format) => requestExportUrl(kind, tab, format)} name="requests" />
        </Group>
        {QUEUE_TABS.map((v) => (
          <Tabs.Panel key={v} value={v} pt="md">
            <QueueTable kind={kind} tab={v} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

function QueueTable({ kind, tab }: { kind: RequestKind; tab: QueueTab }) {
  const { t, i18n } = useTranslation();
  const now = useNow(60_000);
  const list = useInfiniteQuery(requestQueueQuery(kind, tab));
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const completed = tab === 'completed';

  if (list.isPending) return <TableSkeleton />;
  if (list.isError && items.length === 0) return <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />;
  if (items.length === 0)
    return (
      <Stack gap={4} py="xl" align="center">
        <Text fw={500}>{t(`work.queue.empty.${tab}`)}</Text>
        <Text c="dimmed" size="sm">
          {t(`work.queue.emptyHint.${tab}`)}
        </Text>
      </Stack>
    );

  return (
    <Stack>
      <Table.ScrollContainer minWidth={960}>
        <Table striped highlightOnHover aria-label={t(`work.queue.title.${kind}`)} opacity={list.isPlaceholderData ? 0.6 : 1}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('work.queue.columns.number')}</Table.Th>
              <Table.Th>{t('work.queue.columns.deal')}</Table.Th>
              <Table.Th>{t('work.queue.columns.client')}</Table.Th>
              <Table.Th>{t('work.queue.columns.manager')}</Table.Th>
              <Table.Th>{t(kind === 'delivery_cost' ? 'work.queue.columns.address' : 'work.queue.columns.details')}</Table.Th>
              <Table.Th>{completed ? t('work.queue.columns.answer') : t('work.queue.columns.age')}</Table.Th>
              <Table.Th>{t('work.queue.columns.status')}</Table.Th>
              <Table.Th>{t('work.queue.columns.assignee')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/requests/${r.id}`} fw={600} aria-label={t('work.queue.openRequest', { number: r.number })}>
                    №{r.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {t('work.queue.dealNumber', { number: r.deal_number })}
                  </Text>
                  <Text size="sm" fw={500} lineClamp={2}>
                    {r.deal_title}
                  </Text>
                </Table.Td>
                <Table.Td>{r.client_name ?? ''}</Table.Td>
                <Table.Td>{r.manager_name ?? ''}</Table.Td>
                <Table.Td maw={320}>
                  <WhereWhat request={r} kind={kind} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {completed ? (
                    <Stack gap={0}>
                      {r.answer?.cost && <Text size="sm">{formatMoney(r.answer.cost)}</Text>}
                      {r.answer?.eta_date && (
                        <Text size="xs" c="dimmed">
                          {t('work.queue.eta', { date: formatDate(r.answer.eta_date) })}
                        </Text>
                      )}
                      <Text size="xs" c="dimmed">
                        {formatDateTime(r.completed_at)}
                      </Text>
                    </Stack>
                  ) : (
                    <Text size="sm" title={formatDateTime(r.created_at)}>
                      {age(r.created_at, now, i18n.language)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge color={STATE_COLOR[r.status]} variant="light">
                    {t(`requests.status.${r.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{r.assignee_name ?? <Text span c="dimmed" size="sm">{t('work.queue.nobody')}</Text>}</Table.Td>
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
    </Stack>
  );
}

function WhereWhat({ request, kind }: { request: RequestSummary; kind: RequestKind }) {
  const main = kind === 'delivery_cost' ? request.delivery_address : request.details;
  const extra = kind === 'delivery_cost' ? request.details : null;
  return (
    <Stack gap={0}>
      {main && (
        <Text size="sm" lineClamp={2}>
          {main}
        </Text>
      )}
      {extra && (
        <Text size="xs" c="dimmed" lineClamp={2}>
          {extra}
        </Text>
      )}
    </Stack>
  );
}
