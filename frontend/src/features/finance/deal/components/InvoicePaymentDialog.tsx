// «Внести оплату» on an invoice: an incoming payment entered by hand (a payment order the bank
// statement has not brought yet, or a cash receipt), put on this invoice. It starts from what the
// schedule wants now (or else all that is outstanding) and the purpose the bank would print.
// A payment that meets the schedule moves the deal to «Оплата получена».
import { Button, Grid, Group, Modal, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldError } from '../../../../shared/api/problem';
import { formatDate } from '../../../../shared/format/format';
import { formatMoney, formatMoneyInput } from '../../../../shared/format/money';
import { applyProblemToForm } from '../../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../../shared/i18n/messages';
import { DateField, dateFieldError } from '../../../../shared/ui/DateField';
import { notifySuccess } from '../../../../shared/ui/notify';
import { ProblemAlert } from '../../../../shared/ui/ProblemAlert';
import { recordPayment, type DealForMoney, type InvoiceMoney } from '../api/money';
import { allocationFor, checkAmount, dueNow, suggestedPayment } from '../model/money';
import { todayIso } from './today';

type Method = 'bank' | 'cash';

interface Values {
  method: Method;
  number: string;
  paid_on: string;
  amount: string;
  party_name: string;
  purpose: string;
}

export function InvoicePaymentDialog({
  deal,
  invoice,
  onClose,
  onDone,
}: {
  deal: DealForMoney;
  /** The invoice paid; the dialog is open while there is one. */
  invoice: InvoiceMoney | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const outstanding = invoice?.outstanding ?? '0.00';
  const form = useForm<Values>({
    initialValues: { method: 'bank', number: '', paid_on: todayIso(), amount: '', party_name: '', purpose: '' },
    validate: {
      number: (v) => (v.trim() ? null : t('fieldErrors.required')),
      paid_on: (v) => dateFieldError(v, { required: true }) ?? (v > todayIso() ? t('financeDeal.futureDate') : null),
      amount: (v) => {
        const r = checkAmount(v);
        if ('amount' in r) return null;
        return r.problem === 'required' ? t('fieldErrors.required') : t(`financeDeal.payment.errors.${r.problem}`);
      },
      purpose: (v) => (v.trim() ? null : t('fieldErrors.required')),
    },
  });
  useEffect(() => {
    if (invoice) {
      form.setValues({
        method: 'bank',
        number: '',
        paid_on: todayIso(),
        amount: formatMoneyInput(suggestedPayment(invoice)),
        party_name: deal.counterparty_name ?? deal.company_name ?? deal.client_name ?? '',
        purpose: t('financeDeal.payment.purposeDefault', { number: invoice.number, date: formatDate(invoice.date) }),
      });
      form.clearErrors();
      setUnplaced(null);
    }
  }, [invoice?.id]);

  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const checked = checkAmount(v.amount);
      if (!invoice || !('amount' in checked)) throw new Error('unchecked payment');
      return recordPayment({
        direction: 'incoming',
        method: v.method,
        number: v.number.trim(),
        paid_on: v.paid_on,
        amount: checked.amount,
        client_id: deal.client_id ?? null,
        party_name: v.party_name.trim() || null,
        purpose: v.purpose.trim(),
        allocations: [{ invoice_id: invoice.id, amount: allocationFor(checked.amount, outstanding) }],
      });
    },
    onSuccess: (payment) => {
      notifySuccess(t('financeDeal.payment.done', { amount: formatMoney(payment.amount) }));
      onDone();
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiProblem && error.code === 'validation_failed')
        setUnplaced(applyProblemToForm(form, error, { message: fieldErrorMessage, rename: { 'allocations[0].amount': 'amount' } }));
      else setUnplaced(null);
    },
  });

  return (
    <Modal
      opened={!!invoice}
      onClose={onClose}
      title={invoice ? t('financeDeal.payment.title', { number: invoice.number }) : ''}
      size="lg"
      fullScreen={phone}
    >
      {invoice && (
        <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
          <Stack>
            <Text size="sm" c="dimmed">
              {t('financeDeal.payment.hint')}
            </Text>
            {mutation.isError && <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />}
            <Stack gap={4}>
              <Text size="sm" fw={500} id="payment-method">
                {t('financeDeal.payment.method')}
              </Text>
              <SegmentedControl
                aria-labelledby="payment-method"
                fullWidth
                data={(['bank', 'cash'] as const).map((m) => ({ value: m, label: t(`financeDeal.payment.methods.${m}`) }))}
                value={form.values.method}
                onChange={(v) => form.setFieldValue('method', v as Method)}
              />
            </Stack>
            <Grid>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label={t('financeDeal.payment.amount')}
                  description={t('financeDeal.payment.amountHint', { due: formatMoney(dueNow(invoice)), outstanding: formatMoney(outstanding) })}
                  required
                  inputMode="decimal"
                  data-autofocus
                  {...form.getInputProps('amount')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <DateField label={t('financeDeal.payment.paidOn')} required maxDate={todayIso()} {...form.getInputProps('paid_on')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput label={t('financeDeal.payment.number')} required maxLength={40} {...form.getInputProps('number')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput label={t('financeDeal.payment.party')} description={t('financeDeal.payment.partyHint')} maxLength={300} {...form.getInputProps('party_name')} />
              </Grid.Col>
            </Grid>
            <Textarea label={t('financeDeal.payment.purpose')} required autosize minRows={2} maxLength={2000} {...form.getInputProps('purpose')} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color="green" loading={mutation.isPending}>
                {t('financeDeal.payment.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
