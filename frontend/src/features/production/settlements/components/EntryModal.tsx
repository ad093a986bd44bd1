// «Добавить запись»: an entry the production orders do not record — a payment either way, tiles
// bought from the production, the production's purchase from us, a deduction for defects — from
// its source document. The amount is typed the Russian way («1 000,50»); the server's field errors
// land under their fields; on success every settlements view refreshes.
import { Button, Grid, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldError } from '../../../../shared/api/problem';
import { applyProblemToForm } from '../../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../../shared/i18n/messages';
import { DateField } from '../../../../shared/ui/DateField';
import { notifySuccess } from '../../../../shared/ui/notify';
import { ProblemAlert } from '../../../../shared/ui/ProblemAlert';
import { recordEntry, settlementKeys, type EntryInput } from '../api/settlements';
import { ENTRY_KINDS, KIND_SIDE, amountProblem, emptyEntry, entryDateProblem, entryPayload, type EntryValues } from '../model/entry';
import { todayIso } from '../model/period';

export function EntryModal({ opened, onClose, productionId }: { opened: boolean; onClose: () => void; productionId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const phone = useMediaQuery('(max-width: 48em)');
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const today = todayIso();
  const form = useForm<EntryValues>({
    initialValues: emptyEntry(today),
    validate: {
      kind: (v) => (v ? null : t('fieldErrors.required')),
      on_date: (v) => {
        const problem = entryDateProblem(v, todayIso());
        return problem === 'required'
          ? t('fieldErrors.required')
          : problem === 'invalid'
            ? t('dates.invalidDate')
            : problem === 'future'
              ? t('settlements.form.dateFuture')
              : null;
      },
      amount: (v) => {
        const problem = amountProblem(v);
        return problem === 'required'
          ? t('fieldErrors.required')
          : problem === 'invalid'
            ? t('settlements.form.amountInvalid')
            : problem === 'zero'
              ? t('settlements.form.amountZero')
              : null;
      },
      document: (v) => (v.trim() ? null : t('fieldErrors.required')),
    },
  });

  const mutation = useMutation({
    mutationFn: (body: EntryInput) => recordEntry(productionId, body),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: settlementKeys.all });
      notifySuccess(t('settlements.form.saved', { document: saved.document }));
      onClose();
    },
    onError: (error) => {
      setUnplaced(null);
      if (error instanceof ApiProblem && error.code === 'validation_failed') {
        setUnplaced(applyProblemToForm(form, error, { message: fieldErrorMessage }));
      }
    },
  });

  useEffect(() => {
    if (!opened) return;
    const fresh = emptyEntry(todayIso());
    form.setValues(fresh);
    form.resetDirty(fresh);
    form.clearErrors();
    setUnplaced(null);
    mutation.reset();
    // Re-initialise only when the dialog opens.
  }, [opened]);

  const kind = form.values.kind;

  return (
    <Modal opened={opened} onClose={onClose} title={t('settlements.form.title')} size="lg" fullScreen={phone}>
      <form noValidate aria-label={t('settlements.form.label')} onSubmit={form.onSubmit((values) => mutation.mutate(entryPayload(values)))}>
        <Stack>
          {mutation.isError && <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />}
          <Grid>
            <Grid.Col span={12}>
              <Select
                label={t('settlements.form.kind')}
                placeholder={t('settlements.form.kindPlaceholder')}
                required
                allowDeselect={false}
                data={ENTRY_KINDS.map((k) => ({ value: k, label: t(`settlements.kinds.${k}`) }))}
                description={kind ? t(`settlements.sides.${KIND_SIDE[kind]}`) : undefined}
                comboboxProps={{ withinPortal: true }}
                {...form.getInputProps('kind')}
                onChange={(v) => form.setFieldValue('kind', (v ?? '') as EntryValues['kind'])}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <DateField label={t('settlements.form.onDate')} required maxDate={today} {...form.getInputProps('on_date')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label={t('settlements.form.amount')}
                placeholder={t('settlements.form.amountHint')}
                inputMode="decimal"
                autoComplete="off"
                required
                {...form.getInputProps('amount')}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <TextInput
                label={t('settlements.form.document')}
                description={t('settlements.form.documentHint')}
                required
                maxLength={500}
                {...form.getInputProps('document')}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <Textarea label={t('settlements.form.note')} rows={2} maxLength={500} {...form.getInputProps('note')} />
            </Grid.Col>
          </Grid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('settlements.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
