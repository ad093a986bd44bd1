// «Выгрузить в Excel» and «Выгрузить в CSV» beside a list: everything its filters select, not only
// the pages loaded. While a file comes, how much of it has come is shown («Получено 1,2 МБ»: the
// CSV streams as the server reads it, so a long list shows it growing); a failure is shown too.
import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../api/files';
import { formatBytes } from '../format/format';
import { notifyProblem } from './notify';

export type ExportFormat = 'csv' | 'xlsx';

export function ExportButtons({ url, name }: { url: (format: ExportFormat) => string; name: string }) {
  const { t, i18n } = useTranslation();
  const [exporting, setExporting] = useState<ExportFormat | null>(null);
  const [received, setReceived] = useState(0);
  const download = (format: ExportFormat) => {
    setExporting(format);
    setReceived(0);
    downloadFile(url(format), `${name}.${format}`, setReceived)
      .catch(notifyProblem)
      .finally(() => setExporting(null));
  };
  return (
    <Group gap="xs">
      {exporting && received > 0 && (
        <Text size="xs" c="dimmed" role="status">
          {t('exports.received', { size: formatBytes(received, i18n.language) })}
        </Text>
      )}
      <Button variant="default" size="xs" loading={exporting === 'xlsx'} disabled={!!exporting} onClick={() => download('xlsx')}>
        {t('exports.xlsx')}
      </Button>
      <Button variant="default" size="xs" loading={exporting === 'csv'} disabled={!!exporting} onClick={() => download('csv')}>
        {t('exports.csv')}
      </Button>
    </Group>
  );
}
