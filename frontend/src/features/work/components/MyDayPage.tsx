import { Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { ExportButtons } from '../../../shared/ui/ExportButtons';
import { useDisclosure } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { TASK_VIEWS, taskListQuery, type Task, type TaskView } from '../api/tasks';
import { groupTasks } from '../model/tasks';
import { CompleteTaskModal } from './CompleteTaskModal';
import { NewTaskModal } from './NewTaskModal';
import { PostponeTaskModal } from './PostponeTaskModal';
import { TaskItem } from './TaskItem';
import { useNow } from './useNow';

/** Every role's start page: what is due today (overdue first) and the role's queue. */
export function MyDayPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const view: TaskView = TASK_VIEWS.find((v) => v === params.get('view')) ?? 'my_day';
  const [creating, create] = useDisclosure(false);
  const [completing, setCompleting] = useState<Task | null>(null);
  const [postponing, setPostponing] = useState<Task | null>(null);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('work.myDay.title')}
        </Title>
        <Group gap="xs">
          <ExportButtons url={(format) => `/api/v1/tasks/export?view=${view}&format=${format}`} name="tasks" />
          <Button onClick={create.open}>{t('work.newTask.open')}</Button>
        </Group>
      </Group>
      <Tabs
        value={view}
        onChange={(v) =>
          setParams(
            (prev) => {
              const next = new URLSearchParams(prev);
              if (v && v !== 'my_day') next.set('view', v);
              else next.delete('view');
              return next;
            },
            { replace: true },
          )
        }
        keepMounted={false}
      >
        <Tabs.List>
          {TASK_VIEWS.map((v) => (
            <Tabs.Tab key={v} value={v}>
              {t(`work.myDay.tabs.${v}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TASK_VIEWS.map((v) => (
          <Tabs.Panel key={v} value={v} pt="md">
            <TaskListView view={v} onComplete={setCompleting} onPostpone={setPostponing} />
          </Tabs.Panel>
        ))}
      </Tabs>
      <NewTaskModal opened={creating} onClose={create.close} />
      <CompleteTaskModal task={completing} onClose={() => setCompleting(null)} />
      <PostponeTaskModal task={postponing} onClose={() => setPostponing(null)} />
    </Stack>
  );
}

function TaskListView({
  view,
  onComplete,
  onPostpone,
}: {
  view: TaskView;
  onComplete: (task: Task) => void;
  onPostpone: (task: Task) => void;
}) {
  const { t } = useTranslation();
  const now = useNow();
  const list = useInfiniteQuery(taskListQuery(view));
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const groups = useMemo(() => groupTasks(items, now, view === 'my_day'), [items, now, view]);

  if (list.isPending) return <TableSkeleton rows={4} />;
  if (list.isError && items.length === 0) return <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />;
  if (items.length === 0)
    return (
      <Stack gap={4} py="xl" align="center">
        <Text fw={500}>{t(`work.myDay.empty.${view}`)}</Text>
        <Text c="dimmed" size="sm">
          {t(`work.myDay.emptyHint.${view}`)}
        </Text>
      </Stack>
    );

  return (
    <Stack gap="lg">
      {groups.map((g) => {
        const headingId = `tasks-${view}-${g.name}`;
        return (
          <Stack component="section" key={g.name} gap="xs" aria-labelledby={headingId}>
            <Title order={2} size="h4" id={headingId} c={g.name === 'overdue' ? 'red.7' : undefined}>
              {t(`work.myDay.groups.${g.name}`)}{' '}
              <Text span c="dimmed" fw={400}>
                {g.tasks.length}
              </Text>
            </Title>
            <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }} aria-labelledby={headingId}>
              {g.tasks.map((task) => (
                <TaskItem key={task.id} task={task} now={now} onComplete={onComplete} onPostpone={onPostpone} />
              ))}
            </Stack>
          </Stack>
        );
      })}
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
