// The e-mails that sent the deal's documents, newest first: to whom, what was attached, and how
// delivery went (queued, retrying with the error of the failed attempt, sent, failed).
import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/format/format';
import type { DocumentSummary, EmailView } from '../api/documents';
import { documentName, textOr } from './labels';

/** A delivery status's colour (the lead card's typical offers use it too). */
export const EMAIL_COLOR: Record<string, string> = { queued: 'gray', retrying: 'orange', sent: 'green', failed: 'red' };

export function EmailsPanel({ emails, documents }: { emails: EmailView[]; documents: DocumentSummary[] }) {
  const { t } = useTranslation();
  const title = t('documents.emails.title');
  return (
    <Paper withBorder radius="sm" p="sm" component="section" aria-label={title}>
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      {emails.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('documents.emails.empty')}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {emails.map((e) => {
            const names = e.document_ids.map((id) => {
              const d = documents.find((x) => x.id === id);
              return d ? documentName(t, d) : '…';
            });
            const status = textOr(`documents.emails.status.${e.status}`, e.status);
            return (
              <Paper key={e.id} component="li" withBorder p="xs" radius="sm" aria-label={`${e.subject} — ${status}`}>
                <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {e.subject}
                    </Text>
                    <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                      {t('documents.emails.to')}: {e.to_name ? `${e.to_name} <${e.to_address}>` : e.to_address}
                    </Text>
                  </Stack>
                  <Badge color={EMAIL_COLOR[e.status] ?? 'gray'} variant="light" style={{ textTransform: 'none', flexShrink: 0 }}>
                    {status}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed">
                  {t('documents.emails.attachments')}: {names.join(', ')} ·{' '}
                  {e.with_stamp ? t('documents.emails.withStamp') : t('documents.emails.withoutStamp')}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(e.created_at)}
                  {e.sent_at ? ` · ${t('documents.emails.sentAt', { date: formatDateTime(e.sent_at) })}` : ''}
                  {e.attempts > 1 ? ` · ${t('documents.emails.attempts', { count: e.attempts })}` : ''}
                  {e.status === 'retrying' && e.next_attempt_at
                    ? ` · ${t('documents.emails.nextAttempt', { date: formatDateTime(e.next_attempt_at) })}`
                    : ''}
                </Text>
                {e.last_error && e.status !== 'sent' && (
                  <Text size="xs" c="red.8" style={{ overflowWrap: 'anywhere' }}>
                    {t('documents.emails.error', { error: e.last_error })}
                  </Text>
                )}
              </Paper>
            );
          })}
        </Stack>
      )}
    </Paper>
  );
}
