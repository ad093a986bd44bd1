import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../../shared/api/files';
import { formatBytes, formatDateTime } from '../../../shared/format/format';
import { notifyProblem } from '../../../shared/ui/notify';
import type { RequestFile } from '../api/requests';

/** The request's files, each downloadable with the session's credentials. */
export function RequestFiles({ files, label }: { files: RequestFile[]; label: string }) {
  const { t, i18n } = useTranslation();
  const [downloading, setDownloading] = useState<string | null>(null);
  if (files.length === 0) return null;
  return (
    <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }} aria-label={label}>
      {files.map((f) => (
        <Group component="li" key={f.id} justify="space-between" wrap="nowrap" gap="sm">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text size="sm" fw={500} truncate="end">
              {f.name}
            </Text>
            <Text size="xs" c="dimmed">
              {formatBytes(f.size, i18n.language)} · {formatDateTime(f.created_at)}
              {f.uploaded_by_name ? ` · ${f.uploaded_by_name}` : ''}
            </Text>
          </Stack>
          <Button
            size="xs"
            variant="light"
            loading={downloading === f.id}
            aria-label={t('work.files.downloadLabel', { name: f.name })}
            onClick={() => {
              setDownloading(f.id);
              downloadFile(f.url, f.name)
                .catch(notifyProblem)
                .finally(() => setDownloading(null));
            }}
          >
            {t('work.files.download')}
          </Button>
        </Group>
      ))}
    </Stack>
  );
}

