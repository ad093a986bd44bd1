import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../../shared/api/problem';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { completeTask, type Task } from '../api/tasks';
import { fetchTask, useTaskRefresh } from './taskMutations';

/** Marks a task done with what came of it; a stage's task may move its card. */
export function CompleteTaskModal({ task, onClose }: { task: Task | null; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useTaskRefresh();
  // The version we act on: replaced by the fresh task after a conflict, the typed result kept.
  const [current, setCurrent] = useState<Task | null>(task);
  const [result, setResult] = useState('');
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (task) {
      setCurrent(task);
      setResult('');
      setNotice(null);
    }
  }, [task?.id]);

  const mutation = useMutation({
    mutationFn: (v: { task: Task; result: string }) => completeTask(v.task.id, v.task.version, v.result.trim() || null),
    onSuccess: (done) => {
      notifySuccess(done.code ? t('work.complete.doneStage') : t('work.complete.done'));
      refresh(done);
      onClose();
    },
    onError: async (error, v) => {
      if (!(error instanceof ApiProblem)) return;
      const closed = error.code === 'validation_failed' && error.fieldErrors('status').length > 0;
      if (error.code === 'version_conflict' || error.code === 'not_found' || closed) {
        refresh(v.task);
        const fresh = await fetchTask(v.task.id).catch(() => null);
        if (!fresh || fresh.status !== 'open') {
          setNotice(t('work.complete.alreadyClosed'));
          setCurrent(null);
        } else {
          setCurrent(fresh);
          setNotice(t('work.complete.changed'));
        }
      }
    },
  });

  const resultError =
    mutation.error instanceof ApiProblem ? mutation.error.fieldErrors('result').map(fieldErrorMessage).join('; ') || null : null;
  const showProblem =
    mutation.isError && !resultError && !(mutation.error instanceof ApiProblem && ['version_conflict', 'not_found'].includes(mutation.error.code)) && !notice;

  return (
    <Modal opened={task !== null} onClose={onClose} title={t('work.complete.title')} size="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (current) mutation.mutate({ task: current, result });
        }}
      >
        <Stack>
          {task && (
            <Text fw={500}>{task.title}</Text>
          )}
          {current?.code && (
            <Text size="sm" c="dimmed">
              {t('work.complete.stageHint')}
            </Text>
          )}
          {notice && (
            <Alert color="orange" role="alert">
              {notice}
            </Alert>
          )}
          {showProblem && <ProblemAlert error={mutation.error} />}
          <Textarea
            label={t('work.complete.result')}
            description={t('work.complete.resultHint')}
            autosize
            minRows={3}
            maxLength={5000}
            value={result}
            onChange={(e) => setResult(e.currentTarget.value)}
            error={resultError}
            disabled={!current}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {current ? t('common.cancel') : t('common.close')}
            </Button>
            {current && (
              <Button type="submit" loading={mutation.isPending}>
                {t('work.complete.submit')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
