// The card's tasks: open ones first (overdue marked), add one, complete one with its result.
// Completing a stage task may move the card (the pipeline says so), so the card is refreshed.
import { Badge, Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../shared/api/me';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { formatDateTime } from '../../../shared/format/format';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { DateField, dateFieldError } from '../../../shared/ui/DateField';
import { notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { cardTasksQuery, completeTask, createTask, salesKeys, TASK_KINDS, type CardKind, type Task, type TaskKind } from '../api/sales';
import { localDateTimeIn, StaffSelect } from './common';
import { Section } from './CardParts';

export function TasksPanel({ kind, subjectId, canEdit }: { kind: CardKind; subjectId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const tasks = useQuery(cardTasksQuery(subjectId));
  const [adding, setAdding] = useState(false);
  const [completing, setCompleting] = useState<Task | null>(null);

  const open = (tasks.data ?? []).filter((x) => x.status === 'open');
  const closed = (tasks.data ?? []).filter((x) => x.status !== 'open');

  return (
    <Section
      title={t('sales.tasks.title')}
      actions={
        canEdit && (
          <Button size="xs" variant="light" onClick={() => setAdding(true)}>
            {t('sales.tasks.add')}
          </Button>
        )
      }
    >
      {tasks.isPending ? (
        <TableSkeleton rows={2} />
      ) : tasks.isError ? (
        <ProblemAlert error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : tasks.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('sales.tasks.empty')}
        </Text>
      ) : (
        <Stack gap="xs" role="list" aria-label={t('sales.tasks.title')}>
          {[...open, ...closed].map((task) => (
            <TaskRow key={task.id} task={task} canEdit={canEdit} onComplete={() => setCompleting(task)} />
          ))}
        </Stack>
      )}
      <NewTaskModal kind={kind} subjectId={subjectId} opened={adding} onClose={() => setAdding(false)} />
      <CompleteTaskModal kind={kind} subjectId={subjectId} task={completing} onClose={() => setCompleting(null)} />
    </Section>
  );
}

function TaskRow({ task, canEdit, onComplete }: { task: Task; canEdit: boolean; onComplete: () => void }) {
  const { t } = useTranslation();
  const done = task.status !== 'open';
  const who = task.assignee_name ?? (task.assignee_role ? t('sales.tasks.queue', { role: t(`roles.${task.assignee_role}`) }) : '');
  return (
    <Group role="listitem" aria-label={task.title} justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
      <Stack gap={0}>
        <Group gap={6}>
          <Badge size="xs" variant="light" color="gray" style={{ textTransform: 'none' }}>
            {t(`sales.tasks.kinds.${task.kind}`)}
          </Badge>
          <Text size="sm" fw={500} td={done ? 'line-through' : undefined} c={done ? 'dimmed' : undefined}>
            {task.title}
          </Text>
          {task.overdue && !done && (
            <Badge size="xs" color="red" style={{ textTransform: 'none' }}>
              {t('sales.tasks.overdue')}
            </Badge>
          )}
          {done && (
            <Badge size="xs" color={task.status === 'done' ? 'green' : 'gray'} variant="light" style={{ textTransform: 'none' }}>
              {t(`sales.tasks.statuses.${task.status}`)}
            </Badge>
          )}
        </Group>
        <Text size="xs" c={task.overdue && !done ? 'red' : 'dimmed'}>
          {done && task.completed_at
            ? t('sales.tasks.doneAt', { date: formatDateTime(task.completed_at) })
            : t('sales.tasks.dueAt', { date: formatDateTime(task.due_at) })}
          {who ? ` · ${who}` : ''}
        </Text>
        {task.result && (
          <Text size="xs">
            {t('sales.tasks.result')}: {task.result}
          </Text>
        )}
      </Stack>
      {!done && canEdit && (
        <Button
          size="compact-sm"
          variant="light"
          color="green"
          onClick={onComplete}
          aria-label={t('sales.tasks.completeLabel', { title: task.title })}
          style={{ flexShrink: 0 }}
        >
          {t('sales.tasks.complete')}
        </Button>
      )}
    </Group>
  );
}

interface NewTaskValues {
  kind: TaskKind;
  title: string;
  due_at: string;
  assignee_id: string | null;
  description: string;
}

function NewTaskModal({ kind, subjectId, opened, onClose }: { kind: CardKind; subjectId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const initial = (): NewTaskValues => ({ kind: 'call', title: '', due_at: localDateTimeIn(2), assignee_id: me?.id ?? null, description: '' });
  const form = useForm<NewTaskValues>({
    initialValues: initial(),
    validate: {
      title: (v) => (v.trim() ? null : t('fieldErrors.required')),
      due_at: (v) => dateFieldError(v, { required: true, withTime: true }),
    },
  });
  useEffect(() => {
    if (opened) {
      form.setValues(initial());
      form.clearErrors();
      setUnplaced(null);
    }
  }, [opened]);

  const mutation = useMutation({
    mutationFn: (v: NewTaskValues) =>
      createTask({
        kind: v.kind,
        title: v.title.trim(),
        due_at: new Date(v.due_at).toISOString(),
        assignee_id: v.assignee_id || null,
        description: v.description.trim() || null,
        subject_type: kind,
        subject_id: subjectId,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: salesKeys.tasks(subjectId) });
      void queryClient.invalidateQueries({ queryKey: salesKeys.timeline(kind, subjectId) });
      notifySuccess(t('sales.tasks.created'));
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiProblem && error.code === 'validation_failed')
        setUnplaced(applyProblemToForm(form, error, { message: fieldErrorMessage }));
      else setUnplaced(null);
    },
  });

  return (
    <Modal opened={opened} onClose={onClose} title={t('sales.tasks.newTitle')} size="lg">
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack>
          {mutation.isError && <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />}
          <Group grow align="flex-start">
            <Select
              label={t('sales.tasks.kind')}
              allowDeselect={false}
              data={TASK_KINDS.map((k) => ({ value: k, label: t(`sales.tasks.kinds.${k}`) }))}
              {...form.getInputProps('kind')}
            />
            <DateField withTime label={t('sales.tasks.due')} required {...form.getInputProps('due_at')} />
          </Group>
          <TextInput label={t('sales.tasks.name')} required data-autofocus {...form.getInputProps('title')} />
          <StaffSelect role="all" label={t('sales.tasks.assignee')} {...form.getInputProps('assignee_id')} />
          <Textarea label={t('sales.tasks.description')} autosize minRows={2} {...form.getInputProps('description')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('sales.tasks.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function CompleteTaskModal({
  kind,
  subjectId,
  task,
  onClose,
}: {
  kind: CardKind;
  subjectId: string;
  task: Task | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [result, setResult] = useState('');
  useEffect(() => setResult(''), [task?.id]);

  const mutation = useMutation({
    mutationFn: (task: Task) => {
      // After a conflict the list is refetched: complete the version the person now sees.
      const fresh = queryClient.getQueryData<Task[]>(salesKeys.tasks(subjectId))?.find((x) => x.id === task.id) ?? task;
      return completeTask(fresh.id, fresh.version, result.trim() || null);
    },
    onSuccess: () => {
      notifySuccess(t('sales.tasks.completed'));
      onClose();
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: salesKeys.tasks(subjectId) });
      // Completing a stage task may have moved the card.
      void queryClient.invalidateQueries({ queryKey: salesKeys.card(kind, subjectId) });
      void queryClient.invalidateQueries({ queryKey: salesKeys.boards() });
    },
  });
  useEffect(() => mutation.reset(), [task?.id]);

  return (
    <Modal opened={!!task} onClose={onClose} title={task ? t('sales.tasks.completeTitle', { title: task.title }) : ''}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (task) mutation.mutate(task);
        }}
      >
        <Stack>
          {mutation.isError && <ProblemAlert error={mutation.error} />}
          <Textarea
            label={t('sales.tasks.result')}
            placeholder={t('sales.tasks.resultHint')}
            autosize
            minRows={2}
            value={result}
            onChange={(e) => setResult(e.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="green" loading={mutation.isPending}>
              {t('sales.tasks.complete')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
