// Accounting's notice that the client paid (seed 000: «Оплата получена — запрос / извещение от
// бухгалтера»). Recording it is the fact that moves a waiting deal to «Оплата получена».
import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { formatMoneyInput, parseMoneyInput } from '../../../shared/format/money';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { DateField, dateFieldError } from '../../../shared/ui/DateField';
import { notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { cardChanged, registerPayment, type DealDetail } from '../api/sales';
import { todayIso } from './common';

interface Values {
  amount: string;
  paid_on: string;
  document: string;
  comment: string;
}

export function PaymentDialog({ deal, opened, onClose }: { deal: DealDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const form = useForm<Values>({
    initialValues: { amount: '', paid_on: todayIso(), document: '', comment: '' },
    validate: {
      amount: (v) => {
        const parsed = parseMoneyInput(v);
        if (parsed === null) return t('fieldErrors.required');
        return parsed === undefined || Number(parsed) <= 0 ? t('sales.money.invalid') : null;
      },
      paid_on: (v) => dateFieldError(v, { required: true }),
    },
  });
  useEffect(() => {
    if (opened) {
      form.setValues({ amount: formatMoneyInput(deal.expected_revenue), paid_on: todayIso(), document: '', comment: '' });
      form.clearErrors();
      setUnplaced(null);
    }
  }, [opened]);

  const mutation = useMutation({
    mutationFn: (v: Values) =>
      registerPayment(deal.id, {
        amount: parseMoneyInput(v.amount)!,
        paid_on: v.paid_on,
        document: v.document.trim() || null,
        comment: v.comment.trim() || null,
      }),
    onSuccess: (updated) => {
      cardChanged(queryClient, 'deal', updated);
      notifySuccess(t('sales.payments.done'));
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiProblem && error.code === 'validation_failed')
        setUnplaced(applyProblemToForm(form, error, { message: fieldErrorMessage }));
      else setUnplaced(null);
    },
  });

  return (
    <Modal opened={opened} onClose={onClose} title={t('sales.payments.title')} size="lg">
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            {t('sales.payments.hint')}
          </Text>
          {mutation.isError && <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />}
          <Group grow align="flex-start">
            <TextInput label={t('sales.payments.amount')} required inputMode="decimal" data-autofocus {...form.getInputProps('amount')} />
            <DateField label={t('sales.payments.paidOn')} required {...form.getInputProps('paid_on')} />
          </Group>
          <TextInput label={t('sales.payments.document')} {...form.getInputProps('document')} />
          <Textarea label={t('sales.payments.comment')} autosize minRows={2} {...form.getInputProps('comment')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('sales.payments.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
