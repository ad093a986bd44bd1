// «Документы» on a lead's card: the typical offers sent, newest first, each with how its e-mail's
// delivery went and its PDF a click away. Shown once there is something to list.
import { Badge, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../../shared/format/format';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { leadDocumentsQuery, type DocumentSummary } from '../api/documents';
import { sentOffers } from '../model/typical';
import { EMAIL_COLOR } from './EmailsPanel';
import { textOr } from './labels';
import { PdfPreview } from './PdfPreview';

export function LeadDocuments({ leadId }: { leadId: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const phone = useMediaQuery('(max-width: 48em)');
  const docs = useQuery(leadDocumentsQuery(leadId));
  const [pdf, setPdf] = useState<DocumentSummary | null>(null);

  if (docs.isPending) return null;
  if (docs.isError) return <ProblemAlert error={docs.error} onRetry={() => void docs.refetch()} />;
  const offers = sentOffers(docs.data.items, docs.data.emails);
  if (offers.length === 0) return null;

  return (
    <Paper withBorder p="md" radius="sm" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId} mb="sm">
        {t('documents.typical.section')}
      </Title>
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {offers.map(({ offer, email }) => {
          const name = t('documents.typical.entry', { number: offer.number, date: formatDate(offer.date) });
          const delivery = email ? textOr(`documents.emails.status.${email.status}`, email.status) : null;
          return (
            <Paper key={offer.id} component="li" withBorder p="xs" radius="sm" aria-label={name}>
              <Group justify="space-between" align="flex-start" gap="xs">
                <Stack gap={2} style={{ minWidth: 0, flex: '1 1 16rem' }}>
                  <Text size="sm" fw={600}>
                    {name}
                  </Text>
                  {email ? (
                    <>
                      <Group gap={6} wrap="wrap">
                        <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                          {t('documents.typical.email')}: {email.to_name ? `${email.to_name} <${email.to_address}>` : email.to_address}
                        </Text>
                        <Badge size="sm" color={EMAIL_COLOR[email.status] ?? 'gray'} variant="light">
                          {delivery}
                        </Badge>
                      </Group>
                      <Text size="xs" c="dimmed">
                        {formatDateTime(email.created_at)}
                        {email.sent_at ? ` · ${t('documents.emails.sentAt', { date: formatDateTime(email.sent_at) })}` : ''}
                        {' · '}
                        {email.with_stamp ? t('documents.emails.withStamp') : t('documents.emails.withoutStamp')}
                      </Text>
                      {email.last_error && email.status !== 'sent' && (
                        <Text size="xs" c="red.8" style={{ overflowWrap: 'anywhere' }}>
                          {t('documents.emails.error', { error: email.last_error })}
                        </Text>
                      )}
                    </>
                  ) : (
                    <Text size="xs" c="dimmed">
                      {t('documents.typical.noEmail')}
                    </Text>
                  )}
                </Stack>
                <Button size="xs" variant="default" onClick={() => setPdf(offer)} aria-label={t('documents.typical.openPdfOf', { name })}>
                  {t('documents.typical.openPdf')}
                </Button>
              </Group>
            </Paper>
          );
        })}
      </Stack>
      <Modal opened={!!pdf} onClose={() => setPdf(null)} title={pdf?.file_name} size="xl" fullScreen={phone}>
        {pdf && <PdfPreview id={pdf.id} fileName={pdf.file_name} revision={pdf.status} />}
      </Modal>
    </Paper>
  );
}
