// The client's work across all its leads and deals: their tasks (open first) and one timeline
// of everything that happened on them, newest first, each line naming its card.
import { Anchor, Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../shared/format/format';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { clientTasksQuery, clientTimelineQuery, type ClientTask, type ClientTimelineEntry } from '../api/clients';

const cardPath = (kind: string | null | undefined, id: string) => `/${kind ?? 'deal'}s/${id}`;

export function WorkTab({ clientId }: { clientId: string }) {
  return (
    <Stack gap="lg">
      <Tasks clientId={clientId} />
      <Timeline clientId={clientId} />
    </Stack>
  );
}

function Tasks({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const tasks = useQuery(clientTasksQuery(clientId));
  if (tasks.isPending) return <TableSkeleton rows={3} />;
  if (tasks.isError) return <ProblemAlert error={tasks.error} onRetry={() => void tasks.refetch()} />;
  const rows = [...tasks.data].sort((a, b) => Number(a.status !== 'open') - Number(b.status !== 'open'));
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('clientWork.tasks')}
      </Title>
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('clientWork.noTasks')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label={t('clientWork.tasks')} verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('clientWork.task')}</Table.Th>
                <Table.Th>{t('clientWork.card')}</Table.Th>
                <Table.Th>{t('clientWork.due')}</Table.Th>
                <Table.Th>{t('clientWork.assignee')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((task) => (
                <TaskRow key={task.id} task={task} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function TaskRow({ task }: { task: ClientTask }) {
  const { t } = useTranslation();
  return (
    <Table.Tr>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" td={task.status === 'open' ? undefined : 'line-through'} c={task.status === 'open' ? undefined : 'dimmed'}>
            {task.title}
          </Text>
          {task.status === 'open' && task.overdue && (
            <Badge color="red" variant="light" size="sm">
              {t('clientWork.overdue')}
            </Badge>
          )}
          {task.status !== 'open' && (
            <Badge color="gray" variant="light" size="sm">
              {t(`clientWork.status.${task.status}`)}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        {task.subject_id && (
          <Anchor component={Link} to={cardPath(task.subject_type, task.subject_id)} size="sm">
            {task.subject_type === 'client' ? t('clientWork.client') : t(task.subject_type === 'lead' ? 'clientWork.lead' : 'clientWork.deal', { number: task.subject_number })}
          </Anchor>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDateTime(task.due_at)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{task.assignee_name ?? (task.assignee_role ? t(`roles.${task.assignee_role}`) : '—')}</Text>
      </Table.Td>
    </Table.Tr>
  );
}

function Timeline({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const entries = useQuery(clientTimelineQuery(clientId));
  if (entries.isPending) return <TableSkeleton rows={4} />;
  if (entries.isError) return <ProblemAlert error={entries.error} onRetry={() => void entries.refetch()} />;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('clientWork.timeline')}
      </Title>
      {entries.data.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('clientWork.noTimeline')}
        </Text>
      ) : (
        <Stack gap={6} component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('clientWork.timeline')}>
          {entries.data.map((e) => (
            <Entry key={e.id} entry={e} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** What an entry says in one line: a comment's or a result's text, a stage change's target. */
function summary(e: ClientTimelineEntry, t: (key: string, o?: Record<string, unknown>) => string): string {
  const data = e.data as Record<string, unknown>;
  const kind = t(`clientWork.kinds.${e.kind}`, { defaultValue: e.kind });
  if (e.kind === 'stage' && typeof data.to_name === 'string') return `${kind}: ${data.to_name}`;
  if (e.text) return `${kind}: ${e.text}`;
  if (typeof data.title === 'string') return `${kind}: ${data.title}`;
  return kind;
}

function Entry({ entry }: { entry: ClientTimelineEntry }) {
  const { t } = useTranslation();
  return (
    <li>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Text size="xs" c="dimmed" w={120} style={{ flexShrink: 0 }}>
          {formatDateTime(entry.at)}
        </Text>
        <div style={{ minWidth: 0 }}>
          <Text size="sm">{summary(entry, t as never)}</Text>
          <Text size="xs" c="dimmed">
            <Anchor component={Link} to={cardPath(entry.subject_type, entry.subject_id)} size="xs">
              {t(entry.subject_type === 'lead' ? 'clientWork.leadCard' : 'clientWork.dealCard')}
            </Anchor>{' '}
            · {entry.actor_name}
          </Text>
        </div>
      </Group>
    </li>
  );
}
