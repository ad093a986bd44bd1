import { Alert, Button, FileInput, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../shared/format/format';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { importBanks } from '../api/clients';

export function BanksImportPage() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const mutation = useMutation({ mutationFn: importBanks });
  return (
    <Stack maw={640}>
      <Title order={1} size="h2">
        {t('banks.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('banks.hint')}
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (file) mutation.mutate(file);
        }}
      >
        <Stack>
          <FileInput
            label={t('banks.file')}
            placeholder={t('banks.filePlaceholder')}
            accept=".xml,application/xml,text/xml"
            value={file}
            onChange={(f) => {
              setFile(f);
              mutation.reset();
            }}
            clearable
          />
          <Button type="submit" disabled={!file} loading={mutation.isPending} w="fit-content">
            {t('banks.upload')}
          </Button>
        </Stack>
      </form>
      {mutation.isSuccess && (
        <Alert color="green" role="status">
          {t('banks.result', {
            imported: formatNumber(mutation.data.imported),
            skipped: formatNumber(mutation.data.skipped),
          })}
        </Alert>
      )}
      {mutation.isError && <ProblemAlert error={mutation.error} />}
    </Stack>
  );
}
