// A new invoice: from which offer version (never a replaced one) and on what schedule —
// prepayment, 50/50, a custom one whose shares must add up to 100 % (checked as they are typed),
// or a deferral — with the payments previewed as the server will split them.
import { ActionIcon, Alert, Button, Grid, Group, Modal, Paper, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { formatDate } from '../../../shared/format/format';
import { formatMoney } from '../../../shared/format/money';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { DateField } from '../../../shared/ui/DateField';
import { notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { createInvoice, type DealForDocuments, type DocumentSummary, type DocumentView } from '../api/documents';
import { parseScaled, toDecimalString } from '../model/decimal';
import {
  addDays,
  DEFAULT_DAYS,
  percentSum,
  percentText,
  previewSchedule,
  SCHEDULE_KINDS,
  type ScheduleForm,
  type ScheduleKind,
  type ScheduleProblem,
} from '../model/schedule';
import { documentName } from './labels';
import { todayIso } from './today';

interface Values extends ScheduleForm {
  offer_id: string | null;
}

const HUNDRED = 1_000_000n; // 100 % in units of 10⁻⁴ %

/** `schedule.parts[1].percent` → `parts.1.percent` (the form's paths). */
const formPath = (field: string) => field.replace(/^schedule\./, '').replace(/\[(\d+)\]/g, '.$1');

export function InvoiceDialog({
  deal,
  opened,
  offers,
  offerId,
  onClose,
  onCreated,
}: {
  deal: DealForDocuments;
  opened: boolean;
  offers: DocumentSummary[];
  offerId?: string;
  onClose: () => void;
  onCreated: (doc: DocumentView) => void;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const today = todayIso();
  const [submitted, setSubmitted] = useState(false);
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const usable = [...offers].reverse().filter((o) => o.status !== 'replaced');
  const form = useForm<Values>({
    initialValues: { offer_id: null, kind: 'prepayment', days: '', second_due_date: '', parts: [] },
  });
  useEffect(() => {
    if (opened) {
      form.setValues({
        offer_id: offerId ?? usable[0]?.id ?? null,
        kind: 'prepayment',
        days: '',
        second_due_date: '',
        parts: [
          { percent: '50', due_date: addDays(today, DEFAULT_DAYS) },
          { percent: '50', due_date: addDays(today, 30) },
        ],
      });
      form.clearErrors();
      setSubmitted(false);
      setUnplaced(null);
    }
  }, [opened]);

  const offer = offers.find((o) => o.id === form.values.offer_id);
  const total = offer ? parseScaled(offer.total, 2) : 0n;
  const preview = useMemo(
    () => previewSchedule(form.values, typeof total === 'bigint' ? total : 0n, today),
    [form.values, total, today],
  );
  const sum = percentSum(form.values.parts);

  const mutation = useMutation({
    mutationFn: () => {
      if (!preview.ok || !form.values.offer_id) throw new Error('unchecked schedule');
      return createInvoice(deal.id, { offer_id: form.values.offer_id, schedule: preview.terms });
    },
    onSuccess: (doc) => {
      notifySuccess(t('documents.invoice.created', { number: doc.number }));
      onCreated(doc);
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiProblem && error.code === 'validation_failed') {
        const renamed = { errors: error.errors.map((e) => ({ ...e, field: formPath(e.field) })) };
        setUnplaced(applyProblemToForm(form, renamed, { message: fieldErrorMessage }));
      } else setUnplaced(null);
    },
  });

  const problem = (field: string): string | undefined => {
    const server = form.errors[formPath(field)];
    if (server) return String(server);
    if (preview.ok) return undefined;
    const p: ScheduleProblem | undefined = preview.errors[field];
    if (!p || (p === 'required' && !submitted)) return undefined;
    if (p === 'out_of_range' && field.endsWith('due_date')) return t('documents.invoice.errors.out_of_range_due');
    return t(`documents.invoice.errors.${p}`);
  };

  const kind = form.values.kind;
  return (
    <Modal opened={opened} onClose={onClose} title={t('documents.invoice.title')} size="lg" fullScreen={phone}>
      {usable.length === 0 ? (
        <Text size="sm">{t('documents.invoice.noOffer')}</Text>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setSubmitted(true);
            if (preview.ok && form.values.offer_id) mutation.mutate();
          }}
          noValidate
        >
          <Stack>
            {mutation.isError && <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />}
            <Select
              label={t('documents.invoice.offer')}
              description={t('documents.invoice.offerHint')}
              required
              allowDeselect={false}
              data={usable.map((o) => ({ value: o.id, label: `${documentName(t, o)} — ${formatMoney(o.total)}` }))}
              data-autofocus
              {...form.getInputProps('offer_id')}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="schedule-kind">
                {t('documents.invoice.schedule')}
              </Text>
              <SegmentedControl
                aria-labelledby="schedule-kind"
                fullWidth
                orientation={phone ? 'vertical' : 'horizontal'}
                data={SCHEDULE_KINDS.map((k) => ({ value: k, label: t(`documents.invoice.kinds.${k}`) }))}
                value={kind}
                onChange={(v) => form.setFieldValue('kind', v as ScheduleKind)}
              />
            </Stack>
            {(kind === 'prepayment' || kind === 'fifty_fifty') && (
              <Grid>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <TextInput
                    label={kind === 'prepayment' ? t('documents.invoice.days') : t('documents.invoice.daysFirst')}
                    description={t('documents.invoice.daysHint', { days: DEFAULT_DAYS })}
                    placeholder={String(DEFAULT_DAYS)}
                    inputMode="numeric"
                    {...form.getInputProps('days')}
                    error={problem('schedule.days')}
                  />
                </Grid.Col>
                {kind === 'fifty_fifty' && (
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <DateField
                      label={t('documents.invoice.secondDue')}
                      description={t('documents.invoice.secondDueHint')}
                      minDate={today}
                      clearable
                      clearButtonProps={{ 'aria-label': t('documents.clear') }}
                      {...form.getInputProps('second_due_date')}
                      error={problem('schedule.second_due_date')}
                    />
                  </Grid.Col>
                )}
              </Grid>
            )}
            {kind === 'deferral' && (
              <TextInput
                label={t('documents.invoice.deferralDays')}
                inputMode="numeric"
                required
                maw={240}
                {...form.getInputProps('days')}
                error={problem('schedule.days')}
              />
            )}
            {kind === 'custom' && (
              <Stack gap="xs">
                {form.values.parts.map((_, i) => (
                  <Group key={i} align="flex-start" gap="xs" wrap="nowrap" role="group" aria-label={t('documents.invoice.partLabel', { position: i + 1 })}>
                    <TextInput
                      label={t('documents.invoice.percent')}
                      inputMode="decimal"
                      w={110}
                      {...form.getInputProps(`parts.${i}.percent`)}
                      error={problem(`schedule.parts[${i}].percent`)}
                    />
                    <DateField
                      label={t('documents.invoice.dueDate')}
                      minDate={today}
                      style={{ flex: 1 }}
                      {...form.getInputProps(`parts.${i}.due_date`)}
                      error={problem(`schedule.parts[${i}].due_date`)}
                    />
                    <ActionIcon
                      mt={26}
                      variant="subtle"
                      color="red"
                      disabled={form.values.parts.length < 2}
                      aria-label={t('documents.invoice.removePart', { position: i + 1 })}
                      onClick={() => form.removeListItem('parts', i)}
                    >
                      ×
                    </ActionIcon>
                  </Group>
                ))}
                <Group justify="space-between">
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => {
                      const left = HUNDRED - sum;
                      const last = form.values.parts.at(-1)?.due_date || today;
                      form.insertListItem('parts', {
                        percent: left > 0n ? percentText(left) : '',
                        due_date: addDays(last, 30),
                      });
                    }}
                  >
                    {t('documents.invoice.addPart')}
                  </Button>
                  <Text size="sm" fw={600} c={sum === HUNDRED ? 'teal.8' : 'red.8'} aria-live="polite">
                    {sum === HUNDRED ? t('documents.invoice.sumOk') : t('documents.invoice.sumWrong', { sum: percentText(sum) })}
                  </Text>
                </Group>
              </Stack>
            )}
            <Paper withBorder p="sm" radius="sm" bg="var(--mantine-color-gray-0)" aria-live="polite">
              <Text size="sm" fw={600} mb={4}>
                {t('documents.invoice.preview')}
              </Text>
              {preview.ok ? (
                <Stack gap={2}>
                  {preview.parts.map((p, i) => (
                    <Text size="sm" key={i}>
                      {t('documents.invoice.part', {
                        percent: p.percent.replace('.', ','),
                        amount: formatMoney(toDecimalString(p.amount, 2)),
                        date: formatDate(p.due_date),
                      })}
                    </Text>
                  ))}
                </Stack>
              ) : (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              )}
            </Paper>
            {submitted && !preview.ok && preview.errors['schedule.parts'] === 'sum' && (
              <Alert color="red" py="xs" role="alert">
                {t('documents.invoice.sumWrong', { sum: percentText(sum) })}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={mutation.isPending}>
                {t('documents.invoice.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
