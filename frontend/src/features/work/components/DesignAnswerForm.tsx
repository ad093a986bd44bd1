import { Alert, Button, CloseButton, FileButton, Group, Paper, Progress, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../../shared/api/problem';
import { fieldErrorMessage, problemMessage } from '../../../shared/i18n/messages';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { completeRequest, MAX_FILE_BYTES, requestKeys, uploadRequestFile, type RequestDetail } from '../api/requests';
import { formatBytes } from '../../../shared/format/format';
import { RequestFiles } from './RequestFiles';

interface Upload {
  key: number;
  file: File;
  progress: number;
  error: string | null;
}

/** The designer's answer: mock-up files uploaded to the request, then a comment and «done». */
export function DesignAnswerForm({
  request,
  onDone,
  onConflict,
}: {
  request: RequestDetail;
  onDone: (r: RequestDetail) => void;
  onConflict: () => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [comment, setComment] = useState('');
  const [dragging, setDragging] = useState(false);
  const nextKey = useRef(1);
  const uploading = uploads.some((u) => !u.error);

  const patch = (key: number, change: Partial<Upload>) => setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...change } : u)));

  /** Uploads one after another (a designer's files are large; parallel uploads only compete). */
  const addFiles = async (files: File[]) => {
    const queued = files.map((file) => ({
      key: nextKey.current++,
      file,
      progress: 0,
      error: file.size > MAX_FILE_BYTES ? t('work.files.tooLarge', { size: formatBytes(MAX_FILE_BYTES, i18n.language) }) : file.size === 0 ? t('work.files.empty') : null,
    }));
    setUploads((all) => [...all, ...queued]);
    for (const u of queued.filter((q) => !q.error)) await send(u);
  };

  const send = async (u: Upload) => {
    patch(u.key, { error: null, progress: 0 });
    try {
      const saved = await uploadRequestFile(request.id, u.file, (p) => patch(u.key, { progress: p }));
      queryClient.setQueryData<RequestDetail>(requestKeys.detail(request.id), (r) => (r ? { ...r, files: [...r.files, saved] } : r));
      setUploads((all) => all.filter((x) => x.key !== u.key));
    } catch (e) {
      const message =
        e instanceof ApiProblem && e.errors.length > 0 ? e.errors.map(fieldErrorMessage).join('; ') : problemMessage(e);
      patch(u.key, { error: message });
      if (e instanceof ApiProblem && e.fieldErrors('status').length > 0) onConflict();
    }
  };

  const mutation = useMutation({
    mutationFn: () => completeRequest(request.id, { version: request.version, comment: comment.trim() || null }),
    onSuccess: onDone,
    onError: (e) => {
      if (e instanceof ApiProblem && (e.code === 'version_conflict' || e.code === 'not_found' || e.fieldErrors('status').length > 0)) onConflict();
    },
  });

  const problem = mutation.error instanceof ApiProblem ? mutation.error : null;
  const filesError = problem ? problem.fieldErrors('files').map(fieldErrorMessage).join('; ') : '';
  const commentError = problem ? problem.fieldErrors('comment').map(fieldErrorMessage).join('; ') : '';
  const showError = mutation.isError && !filesError && !commentError && !(problem && ['version_conflict', 'not_found'].includes(problem.code));
  const noFiles = request.files.length === 0;

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const files = Array.from(e.dataTransfer.files);
    if (files.length) void addFiles(files);
  };

  return (
    <form
      noValidate
      aria-label={t('work.answer.designTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        mutation.mutate();
      }}
    >
      <Stack>
        {showError && <ProblemAlert error={mutation.error} />}
        <Stack gap={6}>
          <Text fw={500} size="sm" id="design-files-label">
            {t('work.files.mockups')}
          </Text>
          <Paper
            withBorder
            p="md"
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            style={{
              borderStyle: 'dashed',
              borderColor: filesError ? 'var(--mantine-color-red-6)' : dragging ? 'var(--mantine-color-teal-6)' : undefined,
              background: dragging ? 'var(--mantine-color-teal-0)' : undefined,
            }}
          >
            <Stack gap="sm">
              <RequestFiles files={request.files} label={t('work.files.uploaded')} />
              {uploads.map((u) => (
                <Stack key={u.key} gap={4}>
                  <Group justify="space-between" wrap="nowrap">
                    <Text size="sm" truncate="end">
                      {u.file.name} · {formatBytes(u.file.size, i18n.language)}
                    </Text>
                    {u.error && (
                      <Group gap={4} wrap="nowrap">
                        {u.file.size <= MAX_FILE_BYTES && u.file.size > 0 && (
                          <Button size="compact-xs" variant="subtle" onClick={() => void send(u)}>
                            {t('common.retry')}
                          </Button>
                        )}
                        <CloseButton
                          size="sm"
                          aria-label={t('work.files.remove', { name: u.file.name })}
                          onClick={() => setUploads((all) => all.filter((x) => x.key !== u.key))}
                        />
                      </Group>
                    )}
                  </Group>
                  {u.error ? (
                    <Text size="xs" c="red" role="alert">
                      {u.error}
                    </Text>
                  ) : (
                    <Progress
                      value={Math.round(u.progress * 100)}
                      animated
                      aria-label={t('work.files.uploading', { name: u.file.name })}
                    />
                  )}
                </Stack>
              ))}
              {noFiles && uploads.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t('work.files.dropHint')}
                </Text>
              )}
              <Group>
                <FileButton onChange={(files) => void addFiles(files)} multiple>
                  {(props) => (
                    <Button {...props} variant="light" loading={uploading} aria-describedby="design-files-label">
                      {t('work.files.upload')}
                    </Button>
                  )}
                </FileButton>
                <Text size="xs" c="dimmed">
                  {t('work.files.limit', { size: formatBytes(MAX_FILE_BYTES, i18n.language) })}
                </Text>
              </Group>
            </Stack>
          </Paper>
          {filesError && (
            <Text size="sm" c="red" role="alert">
              {filesError}
            </Text>
          )}
        </Stack>
        <Textarea
          label={t('work.answer.comment')}
          description={t('work.answer.designCommentHint')}
          autosize
          minRows={2}
          maxLength={5000}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          error={commentError || null}
        />
        {noFiles && !uploading && (
          <Alert color="blue" variant="light">
            {t('work.answer.filesFirst')}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending} disabled={uploading || noFiles}>
            {t('work.answer.submitDesign')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
