// «Часовой пояс и интервал напоминаний» on the admin's «Напоминания»: each organization's time zone
// (reminders come at 9:00 there) and the days between reminders of a deal awaiting its advance,
// saved one organization at a time; the server's refusals show under the field they name.
import { Button, Card, Grid, Select, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { reminderSettingsQuery, saveReminderSettings, type ReminderSettings } from '../api/finance';
import { ADVANCE_INTERVALS, normalizeOffset, ZONES } from '../model/reminderSettings';

export function ReminderSettingsSection() {
  const { t } = useTranslation();
  const settings = useQuery(reminderSettingsQuery);
  const headingId = 'reminder-settings';
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h4" id={headingId}>
            {t('finance.reminders.settings.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('finance.reminders.settings.hint')}
          </Text>
        </Stack>
        {settings.isPending ? (
          <TableSkeleton rows={2} />
        ) : settings.isError ? (
          <ProblemAlert error={settings.error} onRetry={() => void settings.refetch()} />
        ) : settings.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('finance.reminders.settings.empty')}
          </Text>
        ) : (
          <Stack gap="xs" component="ul" aria-label={t('finance.reminders.settings.listLabel')} p={0} m={0} style={{ listStyle: 'none' }}>
            {settings.data.map((row) => (
              <li key={row.organization_id}>
                <SettingsRow row={row} />
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

interface Values {
  utc_offset: string;
  advance_reminder_days: string;
}

const valuesOf = (row: ReminderSettings): Values => ({
  utc_offset: normalizeOffset(row.utc_offset),
  advance_reminder_days: String(row.advance_reminder_days),
});

function SettingsRow({ row }: { row: ReminderSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const form = useForm<Values>({ initialValues: valuesOf(row) });
  // Read again (another admin saved): the row follows unless it is being edited.
  useEffect(() => {
    if (form.isDirty()) return;
    form.setInitialValues(valuesOf(row));
    form.setValues(valuesOf(row));
  }, [row.utc_offset, row.advance_reminder_days]);

  const mutation = useMutation({
    mutationFn: (v: Values) =>
      saveReminderSettings(row.organization_id, { utc_offset: v.utc_offset, advance_reminder_days: Number(v.advance_reminder_days) }),
    onSuccess: (saved) => {
      queryClient.setQueryData(reminderSettingsQuery.queryKey, (rows) =>
        rows?.map((r) => (r.organization_id === saved.organization_id ? saved : r)),
      );
      form.setInitialValues(valuesOf(saved));
      form.setValues(valuesOf(saved));
      setUnplaced(null);
      notifySuccess(t('finance.reminders.settings.saved', { name: saved.organization_name }));
    },
    onError: (error) => {
      if (error instanceof ApiProblem && error.code === 'validation_failed') setUnplaced(applyProblemToForm(form, error, { message: fieldErrorMessage }));
      else setUnplaced(null);
    },
  });

  const zones: { value: string; label: string }[] = ZONES.map((z) => ({
    value: z.offset,
    label: t('finance.reminders.settings.zoneOption', { offset: z.offset, city: t(`finance.reminders.settings.cities.${z.city}`) }),
  }));
  // An offset the list does not know (set over the API) is still shown as it is.
  if (form.values.utc_offset && !zones.some((z) => z.value === form.values.utc_offset))
    zones.push({ value: form.values.utc_offset, label: form.values.utc_offset });
  const intervals = ADVANCE_INTERVALS.map((d) => ({ value: String(d), label: t(`finance.reminders.settings.days.d${d}`) }));
  if (!intervals.some((d) => d.value === form.values.advance_reminder_days))
    intervals.push({ value: form.values.advance_reminder_days, label: form.values.advance_reminder_days });

  const nameId = `reminder-settings-${row.organization_id}`;
  return (
    <form
      aria-labelledby={nameId}
      noValidate
      onSubmit={form.onSubmit((v) => mutation.mutate(v))}
      style={{ borderTop: '1px solid var(--mantine-color-gray-3)', paddingTop: 'var(--mantine-spacing-sm)' }}
    >
      <Stack gap="xs">
        {/* Refusals that found their field show there alone; the rest (and other errors) up here. */}
        {mutation.isError && (unplaced === null || unplaced.length > 0) && <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />}
        <Grid align="flex-start" gap="sm">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Text fw={600} id={nameId} pt={{ base: 0, md: 30 }}>
              {row.organization_name}
            </Text>
          </Grid.Col>
          <Grid.Col span={{ base: 12, xs: 6, md: 3 }}>
            <Select
              label={t('finance.reminders.settings.zone')}
              data={zones}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('utc_offset')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, xs: 6, md: 3 }}>
            <Select
              label={t('finance.reminders.settings.interval')}
              data={intervals}
              allowDeselect={false}
              {...form.getInputProps('advance_reminder_days')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 2 }}>
            <Button
              type="submit"
              mt={{ base: 0, md: 25 }}
              fullWidth
              variant={form.isDirty() ? 'filled' : 'default'}
              loading={mutation.isPending}
              aria-label={t('finance.reminders.settings.saveLabel', { name: row.organization_name })}
            >
              {t('finance.reminders.settings.save')}
            </Button>
          </Grid.Col>
        </Grid>
      </Stack>
    </form>
  );
}
