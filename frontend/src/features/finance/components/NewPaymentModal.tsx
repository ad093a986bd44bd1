import { Button, Checkbox, Fieldset, Grid, Group, Modal, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { DateField, dateFieldError } from '../../../shared/ui/DateField';
import { notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { createPayment, financeKeys, type PaymentBody, type PaymentDetail } from '../api/finance';
import { amountProblem, emptyPayment, paymentPayload, todayIso, type PaymentValues } from '../model/form';
import { DIRECTIONS, METHODS } from '../model/payment';
import { ClientSelect } from '../../../shared/ui/ClientSelect';

/**
 * «Новый платёж»: a payment entered by hand (a cash order, a bank payment not in a statement).
 * Allocation is left to the payment's drawer, which opens after saving with the invoices the
 * server suggests — one click each.
 */
export function NewPaymentModal({ opened, onClose, onSaved }: { opened: boolean; onClose: () => void; onSaved: (p: PaymentDetail) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const phone = useMediaQuery('(max-width: 48em)');
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const form = useForm<PaymentValues>({
    initialValues: emptyPayment(),
    validate: {
      number: (v) => (v.trim() ? null : t('fieldErrors.required')),
      paid_on: (v) => dateFieldError(v, { required: true }),
      amount: (v) => {
        const problem = amountProblem(v);
        return problem === 'required' ? t('fieldErrors.required') : problem === 'invalid' ? t('finance.form.amountInvalid') : null;
      },
    },
  });

  useEffect(() => {
    if (!opened) return;
    form.setValues(emptyPayment());
    form.resetDirty(emptyPayment());
    form.clearErrors();
    setUnplaced(null);
    mutation.reset();
    // Re-initialise only when the dialog opens.
  }, [opened]);

  const mutation = useMutation({
    mutationFn: (body: PaymentBody) => createPayment(body),
    onSuccess: (saved) => {
      queryClient.setQueryData(financeKeys.payment(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: financeKeys.all });
      notifySuccess(t('finance.form.saved', { number: saved.number }));
      onSaved(saved);
    },
    onError: (error) => {
      setUnplaced(null);
      if (error instanceof ApiProblem && error.code === 'validation_failed') {
        setUnplaced(applyProblemToForm(form, error, { message: fieldErrorMessage }));
      }
    },
  });

  const v = form.values;
  const incoming = v.direction === 'incoming';

  return (
    <Modal opened={opened} onClose={onClose} title={t('finance.form.title')} size="lg" fullScreen={phone}>
      <form noValidate onSubmit={form.onSubmit((values) => mutation.mutate(paymentPayload(values)))}>
        <Stack>
          {mutation.isError && <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />}
          <Grid>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Text size="sm" fw={500} id="payment-direction" mb={4}>
                {t('finance.form.direction')}
              </Text>
              <SegmentedControl
                fullWidth
                aria-labelledby="payment-direction"
                data={DIRECTIONS.map((d) => ({ value: d, label: t(`finance.direction.${d}`) }))}
                {...form.getInputProps('direction')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Text size="sm" fw={500} id="payment-method" mb={4}>
                {t('finance.form.method')}
              </Text>
              <SegmentedControl
                fullWidth
                aria-labelledby="payment-method"
                data={METHODS.map((m) => ({ value: m, label: t(`finance.method.${m}`) }))}
                {...form.getInputProps('method')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput label={t('finance.form.number')} required maxLength={50} {...form.getInputProps('number')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <DateField label={t('finance.form.paidOn')} required maxDate={todayIso()} {...form.getInputProps('paid_on')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput
                label={t('finance.form.amount')}
                inputMode="decimal"
                required
                {...form.getInputProps('amount')}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <ClientSelect
                label={t('finance.form.client')}
                description={incoming ? t('finance.form.clientHint') : undefined}
                value={v.client_id || null}
                error={form.errors.client_id}
                required={!incoming && v.is_refund}
                comboboxProps={{ withinPortal: true }}
                onChange={(client) => {
                  form.setFieldValue('client_id', client?.id ?? '');
                  // The payer is the client as a rule: its INN lets the server find its open invoices.
                  if (client?.inn && !form.values.party_inn.trim()) form.setFieldValue('party_inn', client.inn);
                }}
              />
            </Grid.Col>
          </Grid>

          <Fieldset legend={incoming ? t('finance.form.payer') : t('finance.form.payee')}>
            <Text size="xs" c="dimmed" mb="xs">
              {t('finance.form.partyHint')}
            </Text>
            <Grid>
              <Grid.Col span={{ base: 12, sm: 8 }}>
                <TextInput label={t('finance.form.partyName')} maxLength={300} {...form.getInputProps('party_name')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput label={t('finance.form.partyInn')} inputMode="numeric" maxLength={14} {...form.getInputProps('party_inn')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 8 }}>
                <TextInput label={t('finance.form.partyAccount')} inputMode="numeric" maxLength={24} {...form.getInputProps('party_account')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput label={t('finance.form.partyBik')} inputMode="numeric" maxLength={11} {...form.getInputProps('party_bik')} />
              </Grid.Col>
            </Grid>
          </Fieldset>

          <Textarea label={t('finance.form.purpose')} autosize minRows={2} maxLength={1000} {...form.getInputProps('purpose')} />
          {!incoming && <Checkbox label={t('finance.form.refund')} {...form.getInputProps('is_refund', { type: 'checkbox' })} />}
          <TextInput label={t('finance.form.note')} maxLength={1000} {...form.getInputProps('note')} />
          {incoming && (
            <Text size="sm" c="dimmed">
              {t('finance.form.allocationsHint')}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('finance.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
