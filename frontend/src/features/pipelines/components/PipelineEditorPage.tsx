import { Skeleton, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { ApiProblem } from '../../../shared/api/problem';
import { NotFound } from '../../../shared/ui/NotFound';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { pipelineQuery, pipelinesQuery, type Pipeline, type PipelineKind } from '../api/pipelines';
import { PIPELINE_KINDS } from '../model/catalog';
import { minimalDefinition } from '../model/draft';
import { NewPipelineModal, type NewPipelineSource } from './NewPipelineModal';
import { PipelineEditor } from './PipelineEditor';

/** `/admin/pipelines/:id` edits a pipeline; `/admin/pipelines/new?kind=…&from=…` starts one. */
export function PipelineEditorPage() {
  const { id = '' } = useParams();
  return id === 'new' ? <NewPipeline /> : <ExistingPipeline key={id} id={id} />;
}

function Loading() {
  const { t } = useTranslation();
  return (
    <Stack aria-busy="true" aria-label={t('common.loading')}>
      <Skeleton height={32} width="40%" />
      <Skeleton height={120} />
      <Skeleton height={320} />
    </Stack>
  );
}

function NewPipeline() {
  const [params] = useSearchParams();
  const from = params.get('from');
  const kindParam = PIPELINE_KINDS.find((k) => k === params.get('kind')) ?? 'deal';
  const source = useQuery({ ...pipelineQuery(from ?? ''), enabled: !!from });

  if (from && source.isPending) return <Loading />;
  if (from && source.isError) return <ProblemAlert error={source.error} onRetry={() => void source.refetch()} />;
  const copyOf = from ? source.data : undefined;
  const kind: PipelineKind = copyOf?.kind ?? kindParam;
  const header = { code: params.get('code') ?? '', name_ru: params.get('name_ru') ?? '', name_en: params.get('name_en') ?? '' };
  return (
    <PipelineEditor
      key={`${from ?? 'template'}-${params.toString()}`}
      mode="new"
      kind={kind}
      init={{ header, definition: copyOf ? copyOf.definition : minimalDefinition(kind) }}
    />
  );
}

function ExistingPipeline({ id }: { id: string }) {
  const query = useQuery(pipelineQuery(id));
  const list = useQuery(pipelinesQuery);
  const [copying, setCopying] = useState<NewPipelineSource | undefined>(undefined);
  // The editor starts from the pipeline as first loaded; later refetches do not reset typed work.
  const [first, setFirst] = useState<Pipeline | null>(null);
  if (query.data && (!first || first.id !== query.data.id)) setFirst(query.data);
  const init = useMemo(
    () => (first ? { header: { code: first.code, name_ru: first.name_ru, name_en: first.name_en }, definition: first.definition } : null),
    [first],
  );

  if (query.isPending) return <Loading />;
  if (query.isError) {
    if (query.error instanceof ApiProblem && (query.error.status === 404 || query.error.status === 422)) return <NotFound />;
    return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (!init || !first) return <Loading />;
  return (
    <>
      <PipelineEditor
        mode="edit"
        kind={first.kind}
        init={init}
        pipeline={query.data}
        onCopy={() => setCopying({ kind: first.kind, fromId: first.id })}
      />
      <NewPipelineModal
        opened={copying !== undefined}
        source={copying ?? {}}
        pipelines={list.data ?? [query.data]}
        onClose={() => setCopying(undefined)}
      />
    </>
  );
}
