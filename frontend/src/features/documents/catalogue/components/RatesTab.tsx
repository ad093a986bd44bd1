import { Alert, Button, FileInput, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCan } from '../../../../shared/api/me';
import { ApiProblem, type FieldError } from '../../../../shared/api/problem';
import { formatDate } from '../../../../shared/format/format';
import { applyProblemToForm } from '../../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../../shared/i18n/messages';
import { DateField, dateFieldError } from '../../../../shared/ui/DateField';
import { notifySuccess } from '../../../../shared/ui/notify';
import { ProblemAlert } from '../../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../../shared/ui/TableSkeleton';
import { catalogueKeys, loadCbrRates, putRate, ratesQuery, type RateQuery } from '../api/catalogue';
import { parseDecimalInput } from '../../../../shared/format/decimal';
import { formatRate } from '../model/decimal';
import { today } from '../model/priceList';

const RATE_CURRENCIES = ['EUR', 'USD'] as const;
const isDate = (v: string | null): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v);

export function RatesTab() {
  const { t } = useTranslation();
  const canWrite = useCan('exchange_rates.write');
  const [params, setParams] = useSearchParams();
  const currency = RATE_CURRENCIES.find((c) => c === params.get('currency'));
  const from = params.get('from');
  const to = params.get('to');
  const setParam = (key: string, value: string | null | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const query: RateQuery = { currency, from: isDate(from) ? from : undefined, to: isDate(to) ? to : undefined };
  const rates = useQuery(ratesQuery(query));

  return (
    <Stack>
      {canWrite ? (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <RateForm />
          <CbrUpload />
        </SimpleGrid>
      ) : (
        <Text size="sm" c="dimmed">
          {t('catalogue.rates.readOnly')}
        </Text>
      )}

      <Group align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('catalogue.rates.currencyFilter')}
          data={[{ value: '', label: t('common.all') }, ...RATE_CURRENCIES.map((c) => ({ value: c, label: c }))]}
          value={currency ?? ''}
          onChange={(e) => setParam('currency', e.currentTarget.value)}
          w={120}
        />
        <DateField label={t('catalogue.rates.from')} value={from ?? ''} onChange={(v) => setParam('from', v)} clearable w={170} />
        <DateField label={t('catalogue.rates.to')} value={to ?? ''} onChange={(v) => setParam('to', v)} clearable w={170} />
      </Group>

      {rates.isPending ? (
        <TableSkeleton />
      ) : rates.isError ? (
        <ProblemAlert error={rates.error} onRetry={() => void rates.refetch()} />
      ) : rates.data.length === 0 ? (
        <Stack gap={4} py="xl" align="center">
          <Text fw={500}>{t('catalogue.rates.empty')}</Text>
          {canWrite && (
            <Text c="dimmed" size="sm">
              {t('catalogue.rates.emptyHint')}
            </Text>
          )}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={360}>
          <Table striped aria-label={t('catalogue.rates.tableLabel')} opacity={rates.isPlaceholderData ? 0.6 : 1} maw={640}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('catalogue.rates.columns.date')}</Table.Th>
                <Table.Th>{t('catalogue.rates.columns.currency')}</Table.Th>
                <Table.Th ta="right">{t('catalogue.rates.columns.rate')}</Table.Th>
                <Table.Th>{t('catalogue.rates.columns.source')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rates.data.map((r) => (
                <Table.Tr key={`${r.currency}:${r.date}`}>
                  <Table.Td>{formatDate(r.date)}</Table.Td>
                  <Table.Td>{r.currency}</Table.Td>
                  <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {formatRate(r.rate)}
                  </Table.Td>
                  <Table.Td>
                    {r.source === 'cbr' || r.source === 'manual' ? t(`catalogue.rates.source.${r.source}`) : r.source}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

interface RateValues {
  currency: (typeof RATE_CURRENCIES)[number];
  date: string;
  rate: string;
}

/** «Ввести курс»: one day's rate of a currency, replacing what was there for that day. */
function RateForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const form = useForm<RateValues>({
    initialValues: { currency: 'EUR', date: today(), rate: '' },
    validate: {
      date: (v) => dateFieldError(v, { required: true }),
      rate: (v) => (!v.trim() ? t('fieldErrors.required') : parseDecimalInput(v, 6) ? null : t('catalogue.rates.notARate')),
    },
  });
  const mutation = useMutation({
    mutationFn: (v: RateValues) => putRate({ currency: v.currency, date: v.date, rate: parseDecimalInput(v.rate, 6) ?? v.rate }),
    onSuccess: (saved) => {
      setUnplaced(null);
      notifySuccess(t('catalogue.rates.saved', { currency: saved.currency, date: formatDate(saved.date) }));
      void queryClient.invalidateQueries({ queryKey: [...catalogueKeys.all, 'rates'] });
      // Prices in roubles on that day follow the new rate.
      void queryClient.invalidateQueries({ queryKey: catalogueKeys.priceLists() });
      form.setFieldValue('rate', '');
    },
    onError: (e) =>
      setUnplaced(e instanceof ApiProblem && e.code === 'validation_failed' ? applyProblemToForm(form, e, { message: fieldErrorMessage }) : null),
  });
  return (
    <Paper withBorder p="md">
      <form noValidate onSubmit={form.onSubmit((v) => mutation.mutate(v))}>
        <Stack gap="sm">
          <Title order={2} size="h5">
            {t('catalogue.rates.enterTitle')}
          </Title>
          {mutation.isError && <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />}
          <Group align="flex-start" wrap="wrap" gap="sm">
            <NativeSelect
              label={t('catalogue.rates.fields.currency')}
              data={RATE_CURRENCIES.map((c) => ({ value: c, label: c }))}
              {...form.getInputProps('currency')}
              w={90}
            />
            <DateField label={t('catalogue.rates.fields.date')} required {...form.getInputProps('date')} w={150} />
            <TextInput
              label={t('catalogue.rates.fields.rate')}
              required
              inputMode="decimal"
              placeholder="92,5000"
              {...form.getInputProps('rate')}
              w={170}
            />
          </Group>
          <Button type="submit" loading={mutation.isPending} w="fit-content">
            {t('catalogue.rates.enter')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

/** «Загрузить файл ЦБ»: the XML_daily file the accountant saved from cbr.ru, sent as it is. */
function CbrUpload() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const mutation = useMutation({
    mutationFn: loadCbrRates,
    onSuccess: () => {
      setFile(null);
      void queryClient.invalidateQueries({ queryKey: [...catalogueKeys.all, 'rates'] });
      void queryClient.invalidateQueries({ queryKey: catalogueKeys.priceLists() });
    },
  });
  const fileError =
    mutation.error instanceof ApiProblem ? mutation.error.errors.find((e) => e.field === 'file') : undefined;
  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (file) mutation.mutate(file);
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h5">
            {t('catalogue.rates.upload')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('catalogue.rates.uploadHint')}
          </Text>
          <FileInput
            label={t('catalogue.rates.file')}
            placeholder={t('catalogue.rates.filePlaceholder')}
            accept=".xml,.asp,application/xml,text/xml"
            value={file}
            onChange={(f) => {
              setFile(f);
              mutation.reset();
            }}
            error={fileError ? fieldErrorMessage(fileError) : undefined}
            clearable
          />
          <Button type="submit" variant="default" disabled={!file} loading={mutation.isPending} w="fit-content">
            {t('catalogue.rates.upload')}
          </Button>
          {mutation.isSuccess && mutation.data.length > 0 && (
            <Alert color="green" role="status">
              {t('catalogue.rates.loaded', {
                date: formatDate(mutation.data[0]!.date),
                rates: mutation.data.map((r) => `${r.currency} ${formatRate(r.rate)}`).join(', '),
              })}
            </Alert>
          )}
          {mutation.isError && !fileError && <ProblemAlert error={mutation.error} />}
        </Stack>
      </form>
    </Paper>
  );
}
