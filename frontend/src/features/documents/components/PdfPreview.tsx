// A document's PDF in the page: read with the session into a blob URL and shown in an iframe
// (the browser's own viewer; an iframe cannot send the bearer token). With or without the stamp
// and signature; «Скачать PDF» saves it under the server's file name.
import { Alert, Box, Button, Group, Loader, Stack, Switch, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../../shared/api/files';
import { problemMessage } from '../../../shared/i18n/messages';
import { notifyProblem } from '../../../shared/ui/notify';
import { fetchPdf, pdfUrl } from '../api/documents';

/** The blob URL of a document's PDF, read again when `revision` changes; revoked when left. */
function usePdf(id: string, stamp: boolean, revision: string) {
  const [state, setState] = useState<{ url: string | null; error: unknown; loading: boolean }>({ url: null, error: null, loading: true });
  useEffect(() => {
    const abort = new AbortController();
    let url: string | null = null;
    setState((s) => ({ ...s, loading: true, error: null }));
    fetchPdf(id, stamp, abort.signal)
      .then((blob) => {
        url = URL.createObjectURL(blob);
        setState({ url, error: null, loading: false });
      })
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setState({ url: null, error, loading: false });
      });
    return () => {
      abort.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [id, stamp, revision]);
  return state;
}

export function PdfPreview({ id, fileName, revision }: { id: string; fileName: string; revision: string }) {
  const { t } = useTranslation();
  const [stamp, setStamp] = useState(true);
  const [downloading, setDownloading] = useState(false);
  const pdf = usePdf(id, stamp, revision);

  const download = () => {
    setDownloading(true);
    downloadFile(pdfUrl(id, stamp, true), fileName)
      .catch(notifyProblem)
      .finally(() => setDownloading(false));
  };

  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Switch label={t('documents.pdf.stamp')} checked={stamp} onChange={(e) => setStamp(e.currentTarget.checked)} />
        <Button size="xs" variant="default" onClick={download} loading={downloading}>
          {t('documents.pdf.download')}
        </Button>
      </Group>
      {pdf.error ? (
        <Alert color="red" role="alert" title={t('documents.pdf.failed')}>
          {problemMessage(pdf.error)}
        </Alert>
      ) : (
        <Box pos="relative" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}>
          {pdf.url && (
            <iframe
              key={pdf.url}
              // The page across the frame, without the viewer's thumbnails.
              src={`${pdf.url}#view=FitH&navpanes=0`}
              title={t('documents.pdf.frame', { name: fileName })}
              style={{ width: '100%', height: 'min(80vh, 900px)', border: 0, display: 'block' }}
            />
          )}
          {pdf.loading && (
            <Group justify="center" p="xl" pos={pdf.url ? 'absolute' : undefined} inset={0} bg={pdf.url ? 'rgba(255,255,255,.6)' : undefined}>
              <Loader size="sm" />
              <Text size="sm">{t('documents.pdf.loading')}</Text>
            </Group>
          )}
        </Box>
      )}
      <Text size="xs" c="dimmed">
        {t('documents.pdf.hint')}
      </Text>
    </Stack>
  );
}
