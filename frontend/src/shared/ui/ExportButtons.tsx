// «Выгрузить в Excel» and «Выгрузить в CSV» beside a list: everything its filters select, not only
// the pages loaded; the button spins while the file is prepared, and a failure is shown.
import { Button, Group } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../api/files';
import { notifyProblem } from './notify';

export type ExportFormat = 'csv' | 'xlsx';

export function ExportButtons({ url, name }: { url: (format: ExportFormat) => string; name: string }) {
  const { t } = useTranslation();
  const [exporting, setExporting] = useState<ExportFormat | null>(null);
  const download = (format: ExportFormat) => {
    setExporting(format);
    downloadFile(url(format), `${name}.${format}`)
      .catch(notifyProblem)
      .finally(() => setExporting(null));
  };
  return (
    <Group gap="xs">
      <Button variant="default" size="xs" loading={exporting === 'xlsx'} disabled={!!exporting} onClick={() => download('xlsx')}>
        {t('exports.xlsx')}
      </Button>
      <Button variant="default" size="xs" loading={exporting === 'csv'} disabled={!!exporting} onClick={() => download('csv')}>
        {t('exports.csv')}
      </Button>
    </Group>
  );
}
