import { Autocomplete, Button, Grid, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { DateField, dateFieldError } from '../../../shared/ui/DateField';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { completeRequest, type RequestDetail } from '../api/requests';
import { formatMoneyInput, parseMoneyInput } from '../../../shared/format/money';
import { toDateInput } from '../model/time';

interface Values {
  cost: string;
  carrier: string;
  eta_date: string;
  comment: string;
}

/** Carriers the logisticians use most; any other name can be typed. */
const CARRIERS = ['ПЭК', 'Деловые Линии', 'СДЭК', 'КИТ', 'Байкал Сервис', 'Энергия', 'Собственный транспорт', 'Самовывоз'];

/** The logistician's answer: cost, carrier and delivery date (all required), and a comment. */
export function DeliveryAnswerForm({
  request,
  onDone,
  onConflict,
}: {
  request: RequestDetail;
  onDone: (r: RequestDetail) => void;
  onConflict: () => void;
}) {
  const { t } = useTranslation();
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const today = toDateInput(new Date());
  const form = useForm<Values>({
    initialValues: { cost: '', carrier: '', eta_date: '', comment: '' },
    validate: {
      cost: (v) => (!v.trim() ? t('fieldErrors.required') : parseMoneyInput(v) ? null : t('work.answer.costInvalid')),
      carrier: (v) => (v.trim() ? null : t('fieldErrors.required')),
      eta_date: (v) => dateFieldError(v, { required: true }) ?? (v < toDateInput(new Date()) ? t('work.answer.etaPast') : null),
    },
  });

  const mutation = useMutation({
    mutationFn: (v: Values) => {
      return completeRequest(request.id, {
        version: request.version,
        cost: parseMoneyInput(v.cost) ?? null,
        carrier: v.carrier.trim(),
        eta_date: v.eta_date,
        comment: v.comment.trim() || null,
      });
    },
    onSuccess: onDone,
    onError: (e) => {
      if (e instanceof ApiProblem && (e.code === 'version_conflict' || e.code === 'not_found')) {
        setUnplaced(null);
        onConflict();
        return;
      }
      setUnplaced(e instanceof ApiProblem && e.code === 'validation_failed' ? applyProblemToForm(form, e, { message: fieldErrorMessage }) : null);
      if (e instanceof ApiProblem && e.fieldErrors('status').length > 0) onConflict();
    },
  });

  const showError = mutation.isError && !(mutation.error instanceof ApiProblem && ['version_conflict', 'not_found'].includes(mutation.error.code));

  return (
    <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate aria-label={t('work.answer.deliveryTitle')}>
      <Stack>
        {showError && <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />}
        <Grid>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('work.answer.cost')}
              required
              inputMode="decimal"
              autoComplete="off"
              placeholder="18 500,00"
              rightSection="₽"
              {...form.getInputProps('cost')}
              onBlur={(e) => {
                form.setFieldValue('cost', formatMoneyInput(parseMoneyInput(e.currentTarget.value)) || e.currentTarget.value);
                form.getInputProps('cost').onBlur?.(e);
              }}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Autocomplete label={t('work.answer.carrier')} required maxLength={200} data={CARRIERS} {...form.getInputProps('carrier')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <DateField label={t('work.answer.eta')} required minDate={today} {...form.getInputProps('eta_date')} />
          </Grid.Col>
          <Grid.Col span={12}>
            <Textarea
              label={t('work.answer.comment')}
              description={t('work.answer.deliveryCommentHint')}
              autosize
              minRows={2}
              maxLength={5000}
              {...form.getInputProps('comment')}
            />
          </Grid.Col>
        </Grid>
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending}>
            {t('work.answer.submitDelivery')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
