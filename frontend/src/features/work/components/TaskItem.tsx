import { Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../../shared/api/me';
import { ApiProblem } from '../../../shared/api/problem';
import { formatDateTime } from '../../../shared/format/format';
import { notifyProblem, notifySuccess } from '../../../shared/ui/notify';
import { updateTask, type Task } from '../api/tasks';
import { isOverdue } from '../model/tasks';
import { relativeTime } from '../model/time';
import { fetchTask, useTaskRefresh } from './taskMutations';
import { TaskKindIcon } from './TaskKindIcon';

export function subjectPath(task: Pick<Task, 'subject_type' | 'subject_id'>): string | null {
  if (!task.subject_id || !task.subject_type) return null;
  return `/${task.subject_type}s/${task.subject_id}`;
}

/** One task: what, about which card, when, whose; and what can be done with it. */
export function TaskItem({
  task,
  now,
  onComplete,
  onPostpone,
}: {
  task: Task;
  now: Date;
  onComplete: (task: Task) => void;
  onPostpone: (task: Task) => void;
}) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const refresh = useTaskRefresh();
  const overdue = isOverdue(task, now);
  const inQueue = !task.assignee_id && !!task.assignee_role;
  const path = subjectPath(task);

  const take = useMutation({
    mutationFn: () => updateTask(task.id, { version: task.version, assignee_id: me!.id }),
    onSuccess: () => {
      notifySuccess(t('work.task.taken'));
      refresh();
    },
    onError: async (e) => {
      refresh();
      if (e instanceof ApiProblem && (e.code === 'version_conflict' || e.code === 'not_found')) {
        const fresh = await fetchTask(task.id).catch(() => null);
        notifyProblem(
          new ApiProblem({
            status: 409,
            code: 'version_conflict',
            detail:
              fresh?.assignee_name && fresh.assignee_id !== me?.id
                ? t('work.task.takenBy', { name: fresh.assignee_name })
                : t('work.task.changed'),
          }),
        );
      } else notifyProblem(e);
    },
  });

  const titleId = `task-${task.id}-title`;

  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      aria-labelledby={titleId}
      data-overdue={overdue || undefined}
      style={overdue ? { borderLeft: '4px solid var(--mantine-color-red-6)' } : undefined}
    >
      {/* On a phone the buttons go below the text instead of squeezing it. */}
      <Group align="flex-start" wrap="wrap" gap="sm">
        <TaskKindIcon kind={task.kind} />
        <Stack gap={2} style={{ flex: '1 1 220px', minWidth: 0 }}>
          <Group gap="xs" wrap="wrap">
            <Text fw={600} id={titleId}>
              {task.title}
            </Text>
            {overdue && (
              <Badge color="red" variant="filled" size="sm">
                {t('work.task.overdue')}
              </Badge>
            )}
            {inQueue && (
              <Badge color="gray" variant="light" size="sm">
                {t('work.task.queueOf', { role: t(`roles.${task.assignee_role!}`) })}
              </Badge>
            )}
          </Group>
          {task.description && (
            <Text size="sm" c="dimmed" lineClamp={2}>
              {task.description}
            </Text>
          )}
          {path && (
            <Text size="sm">
              <Anchor component={Link} to={path}>
                {t(`work.task.${task.subject_type ?? 'lead'}`, {
                  number: task.subject_number ?? '',
                  title: task.subject_title ?? '',
                })}
              </Anchor>
            </Text>
          )}
          <Group gap="md" wrap="wrap">
            <Text size="sm" c={overdue ? 'red.7' : undefined} fw={overdue ? 600 : undefined}>
              <time dateTime={task.due_at}>{formatDateTime(task.due_at)}</time>
              {' · '}
              {relativeTime(task.due_at, now, i18n.language)}
            </Text>
            {task.assignee_name && (
              <Text size="sm" c="dimmed">
                {t('work.task.assignee', { name: task.assignee_name })}
              </Text>
            )}
          </Group>
        </Stack>
        <Group gap={6} wrap="wrap" justify="flex-end" style={{ marginInlineStart: 'auto', maxWidth: '100%' }}>
          {inQueue && (
            <Button size="xs" variant="light" loading={take.isPending} disabled={!me} onClick={() => take.mutate()}>
              {t('work.task.take')}
            </Button>
          )}
          <Button size="xs" variant="default" onClick={() => onPostpone(task)} aria-label={t('work.task.postponeLabel', { title: task.title })}>
            {t('work.task.postpone')}
          </Button>
          <Button size="xs" onClick={() => onComplete(task)} aria-label={t('work.task.completeLabel', { title: task.title })}>
            {t('work.task.complete')}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
