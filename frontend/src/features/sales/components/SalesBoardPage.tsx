// Leads and deals: a kanban board per pipeline, or the same cards as a list. The pipeline, the
// view and every filter live in the URL, so a board can be bookmarked and survives "back".
import { Button, Group, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../../shared/api/me';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { pipelinesQuery, type CardKind } from '../api/sales';
import { CardList } from './CardList';
import { useLang } from './common';
import { FiltersBar, useCardFilters, useUrlParam } from './FiltersBar';
import { KanbanBoard } from './KanbanBoard';

export function SalesBoardPage({ kind }: { kind: CardKind }) {
  const { t } = useTranslation();
  const lang = useLang();
  const canWrite = useCan(kind === 'lead' ? 'leads.write' : 'deals.write');
  const [params, set] = useUrlParam();
  const pipelines = useQuery(pipelinesQuery(kind));
  const { filters, stage, active } = useCardFilters();
  const view = params.get('view') === 'list' ? 'list' : 'board';
  const section = kind === 'lead' ? 'leads' : 'deals';

  const pipeline = pipelines.data?.find((p) => p.id === params.get('pipeline')) ?? pipelines.data?.[0];

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h2">
          {t(`sales.${section}.title`)}
        </Title>
        <Group align="flex-end">
          {(pipelines.data?.length ?? 0) > 1 && (
            <Select
              label={t('sales.board.pipeline')}
              allowDeselect={false}
              data={(pipelines.data ?? []).map((p) => ({ value: p.id, label: lang === 'en' ? p.name_en : p.name_ru }))}
              value={pipeline?.id ?? null}
              // Stages differ between pipelines: a stage filter of another one would match nothing.
              onChange={(v) => set({ pipeline: v, stage: null })}
              w={240}
            />
          )}
          <SegmentedControl
            aria-label={t('sales.board.view')}
            value={view}
            onChange={(v) => set({ view: v === 'list' ? 'list' : null, stage: null })}
            data={[
              { value: 'board', label: t('sales.board.viewBoard') },
              { value: 'list', label: t('sales.board.viewList') },
            ]}
          />
          {canWrite && (
            // A new card goes to the pipeline being viewed.
            <Button component={Link} to={pipeline ? `/${section}/new?pipeline=${pipeline.id}` : `/${section}/new`}>
              {t(`sales.${section}.new`)}
            </Button>
          )}
        </Group>
      </Group>

      <FiltersBar def={pipeline?.definition} withStage={view === 'list'} />

      {pipelines.isPending ? (
        <TableSkeleton rows={6} />
      ) : pipelines.isError ? (
        <ProblemAlert error={pipelines.error} onRetry={() => void pipelines.refetch()} />
      ) : !pipeline ? (
        <Text c="dimmed" role="status">
          {t('sales.board.noPipelines')}
        </Text>
      ) : view === 'board' ? (
        <KanbanBoard
          kind={kind}
          pipeline={pipeline}
          filters={filters}
          filtered={active}
          canMove={canWrite}
          onShowStage={(s) => set({ view: 'list', stage: s })}
        />
      ) : (
        <CardList kind={kind} pipeline={pipeline} filters={filters} stage={stage} filtered={active} canMove={canWrite} />
      )}
    </Stack>
  );
}
