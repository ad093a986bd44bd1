import { Anchor, Badge, Button, Group, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiProblem } from '../../../shared/api/problem';
import { formatDateTime } from '../../../shared/format/format';
import { notifyProblem, notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { pipelineKeys, pipelinesQuery, updatePipeline, type Pipeline } from '../api/pipelines';
import { NewPipelineModal, type NewPipelineSource } from './NewPipelineModal';

/** The admin's list of pipelines: built-in and own ones, switched on or off. */
export function PipelinesPage() {
  const { t } = useTranslation();
  const list = useQuery(pipelinesQuery);
  // undefined: closed; otherwise the dialog is open, maybe with a pipeline to copy.
  const [creating, setCreating] = useState<NewPipelineSource | undefined>(undefined);

  return (
    <Stack>
      <Group justify="space-between">
        <Stack gap={2}>
          <Title order={1} size="h2">
            {t('pipelines.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('pipelines.subtitle')}
          </Text>
        </Stack>
        <Button onClick={() => setCreating({})}>{t('pipelines.new.open')}</Button>
      </Group>
      {list.isPending ? (
        <TableSkeleton rows={3} />
      ) : list.isError ? (
        <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Text c="dimmed">{t('pipelines.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table striped highlightOnHover aria-label={t('pipelines.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('pipelines.columns.name')}</Table.Th>
                <Table.Th>{t('pipelines.columns.kind')}</Table.Th>
                <Table.Th>{t('pipelines.columns.stages')}</Table.Th>
                <Table.Th>{t('pipelines.columns.active')}</Table.Th>
                <Table.Th>{t('pipelines.columns.updated')}</Table.Th>
                <Table.Th aria-label={t('common.actions')} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((p) => (
                <PipelineRow key={p.id} pipeline={p} onCopy={() => setCreating({ kind: p.kind, fromId: p.id })} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <NewPipelineModal
        opened={creating !== undefined}
        source={creating ?? {}}
        pipelines={list.data ?? []}
        onClose={() => setCreating(undefined)}
      />
    </Stack>
  );
}

function PipelineRow({ pipeline: p, onCopy }: { pipeline: Pipeline; onCopy: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const name = i18n.language === 'en' ? p.name_en : p.name_ru;
  const toggle = useMutation({
    mutationFn: (is_active: boolean) => updatePipeline(p.id, { version: p.version, is_active }),
    onSuccess: (updated) => {
      queryClient.setQueryData(pipelineKeys.detail(p.id), updated);
      void queryClient.invalidateQueries({ queryKey: pipelineKeys.lists() });
      notifySuccess(updated.is_active ? t('pipelines.activated', { name }) : t('pipelines.deactivated', { name }));
    },
    onError: (e) => {
      void queryClient.invalidateQueries({ queryKey: pipelineKeys.lists() });
      notifyProblem(e instanceof ApiProblem && e.code === 'version_conflict' ? new ApiProblem({ status: 409, code: 'version_conflict', detail: t('pipelines.listChanged') }) : e);
    },
  });
  const checked = toggle.isPending ? !!toggle.variables : p.is_active;

  return (
    <Table.Tr>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Anchor component={Link} to={`/admin/pipelines/${p.id}`} fw={500}>
            {name}
          </Anchor>
          {p.is_builtin && (
            <Badge size="xs" variant="light" color="gray">
              {t('pipelines.builtin')}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed" ff="monospace">
          {p.code}
        </Text>
      </Table.Td>
      <Table.Td>{t(`pipelines.kinds.${p.kind}`)}</Table.Td>
      <Table.Td>{p.definition.stages.length}</Table.Td>
      <Table.Td>
        <Switch
          checked={checked}
          disabled={toggle.isPending}
          onChange={(e) => toggle.mutate(e.currentTarget.checked)}
          aria-label={t('pipelines.activeLabel', { name })}
          label={checked ? t('pipelines.on') : t('pipelines.off')}
        />
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(p.updated_at)}</Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap" justify="flex-end">
          <Button size="xs" variant="subtle" component={Link} to={`/admin/pipelines/${p.id}`}>
            {p.is_builtin ? t('pipelines.view') : t('common.edit')}
          </Button>
          <Button size="xs" variant="subtle" onClick={onCopy} aria-label={t('pipelines.copyLabel', { name })}>
            {t('pipelines.copy')}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
