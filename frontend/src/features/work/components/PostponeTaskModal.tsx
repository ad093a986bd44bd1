import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../../shared/api/problem';
import { formatDateTime } from '../../../shared/format/format';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { DateField, dateFieldError } from '../../../shared/ui/DateField';
import { notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { updateTask, type Task } from '../api/tasks';
import { fromDateTimeInput, postponeChoices, toDateTimeInput } from '../model/time';
import { fetchTask, useTaskRefresh } from './taskMutations';

/** Moves a task's due time: a quick choice or any date and time. */
export function PostponeTaskModal({ task, onClose }: { task: Task | null; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useTaskRefresh();
  const [current, setCurrent] = useState<Task | null>(task);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [now, setNow] = useState(() => new Date());

  useEffect(() => {
    if (!task) return;
    const at = new Date();
    setNow(at);
    setCurrent(task);
    // An overdue task is moved forward from now; a future one from its own due time.
    const due = new Date(task.due_at);
    setValue(toDateTimeInput(due > at ? due : postponeChoices(at)[0]!.at));
    setError(null);
    setNotice(null);
  }, [task?.id]);

  const mutation = useMutation({
    mutationFn: (v: { task: Task; due: string }) => updateTask(v.task.id, { version: v.task.version, due_at: v.due }),
    onSuccess: (updated) => {
      notifySuccess(t('work.postpone.done', { when: formatDateTime(updated.due_at) }));
      refresh();
      onClose();
    },
    onError: async (e, v) => {
      if (e instanceof ApiProblem && e.code === 'validation_failed') {
        setError(e.fieldErrors('due_at').map(fieldErrorMessage).join('; ') || null);
      }
      if (e instanceof ApiProblem && (e.code === 'version_conflict' || e.code === 'not_found')) {
        refresh();
        const fresh = await fetchTask(v.task.id).catch(() => null);
        setCurrent(fresh && fresh.status === 'open' ? fresh : null);
        setNotice(fresh && fresh.status === 'open' ? t('work.postpone.changed') : t('work.complete.alreadyClosed'));
      }
    },
  });

  const submit = (raw: string) => {
    const due = fromDateTimeInput(raw);
    if (!due) return setError(dateFieldError(raw, { required: true, withTime: true }) ?? t('work.postpone.invalid'));
    if (new Date(due).getTime() <= Date.now()) return setError(t('work.postpone.past'));
    setError(null);
    if (current) mutation.mutate({ task: current, due });
  };

  const generic = mutation.isError && !error && !notice;

  return (
    <Modal opened={task !== null} onClose={onClose} title={t('work.postpone.title')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit(value);
        }}
      >
        <Stack>
          {task && (
            <Text fw={500}>
              {task.title}
              <Text span c="dimmed" size="sm" display="block">
                {t('work.postpone.currentDue', { when: formatDateTime(current?.due_at ?? task.due_at) })}
              </Text>
            </Text>
          )}
          {notice && (
            <Alert color="orange" role="alert">
              {notice}
            </Alert>
          )}
          {generic && <ProblemAlert error={mutation.error} />}
          <Group gap="xs">
            {postponeChoices(now).map((c) => (
              <Button
                key={c.key}
                size="xs"
                variant="light"
                disabled={!current}
                onClick={() => setValue(toDateTimeInput(c.at))}
              >
                {t(`work.postpone.choices.${c.key}`)}
              </Button>
            ))}
          </Group>
          <DateField
            withTime
            label={t('work.postpone.due')}
            required
            value={value}
            minDate={toDateTimeInput(now).slice(0, 10)}
            onChange={(v) => {
              setValue(v);
              setError(null);
            }}
            error={error}
            disabled={!current}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            {current && (
              <Button type="submit" loading={mutation.isPending}>
                {t('work.postpone.submit')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
