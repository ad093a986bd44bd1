// «Отменить счёт»: an issued invoice nothing is paid on, cancelled with a reason — «Перевыставлен»
// when a new one replaces it, or why the client walked away. Asked twice: cancelling the deal's
// last live invoice with a loss reason closes the deal as lost with that reason.
import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldError } from '../../../../shared/api/problem';
import { applyProblemToForm } from '../../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../../shared/i18n/messages';
import { notifySuccess } from '../../../../shared/ui/notify';
import { ProblemAlert } from '../../../../shared/ui/ProblemAlert';
import { cancelInvoice, type CancelReason, type InvoiceMoney } from '../api/money';

interface Values {
  reason: string | null;
  note: string;
}

export function CancelInvoiceDialog({
  invoice,
  lastLive,
  reasons,
  onClose,
  onDone,
}: {
  /** The invoice to cancel; the dialog is open while there is one. */
  invoice: InvoiceMoney | null;
  /** It is the deal's only live invoice. */
  lastLive: boolean;
  reasons: CancelReason[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const form = useForm<Values>({
    initialValues: { reason: null, note: '' },
    validate: { reason: (v) => (v ? null : t('fieldErrors.required')) },
  });
  useEffect(() => {
    if (invoice) {
      form.setValues({ reason: null, note: '' });
      form.clearErrors();
      setConfirming(false);
      setUnplaced(null);
      mutation.reset();
    }
  }, [invoice?.id]);

  const mutation = useMutation({
    mutationFn: (v: Values) => cancelInvoice(invoice!.id, { version: invoice!.version, reason: v.reason!, note: v.note.trim() || null }),
    onSuccess: () => {
      notifySuccess(t('financeDeal.cancel.done', { number: invoice?.number ?? '' }));
      onDone();
      onClose();
    },
    onError: (error) => {
      setConfirming(false);
      // Changed meanwhile (a payment came, someone else edited it): read it again.
      if (error instanceof ApiProblem && (error.status === 409 || error.status === 422)) onDone();
      if (error instanceof ApiProblem && error.code === 'validation_failed')
        setUnplaced(applyProblemToForm(form, error, { message: fieldErrorMessage }));
      else setUnplaced(null);
    },
  });

  return (
    <Modal opened={!!invoice} onClose={onClose} title={invoice ? t('financeDeal.cancel.title', { number: invoice.number }) : ''} size="md">
      {invoice && (
        <form
          onSubmit={form.onSubmit((v) => {
            if (confirming) mutation.mutate(v);
            else setConfirming(true);
          })}
          noValidate
        >
          <Stack>
            {mutation.isError && <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />}
            {lastLive && (
              <Alert color="orange" variant="light" py="xs">
                <Text size="sm">{t('financeDeal.cancel.lastInvoice')}</Text>
              </Alert>
            )}
            <Select
              label={t('financeDeal.cancel.reason')}
              required
              data={reasons.map((r) => ({ value: r.code, label: r.name }))}
              disabled={confirming}
              data-autofocus
              {...form.getInputProps('reason')}
            />
            <Textarea label={t('financeDeal.cancel.note')} autosize minRows={2} maxLength={2000} disabled={confirming} {...form.getInputProps('note')} />
            {confirming ? (
              <>
                <Text size="sm" fw={600} role="alert">
                  {t('financeDeal.cancel.confirm', { number: invoice.number })}
                </Text>
                <Group justify="flex-end">
                  <Button variant="default" onClick={() => setConfirming(false)}>
                    {t('financeDeal.cancel.back')}
                  </Button>
                  <Button type="submit" color="red" loading={mutation.isPending}>
                    {t('financeDeal.cancel.confirmSubmit')}
                  </Button>
                </Group>
              </>
            ) : (
              <Group justify="flex-end">
                <Button variant="default" onClick={onClose}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" color="red" variant="light">
                  {t('financeDeal.cancel.submit')}
                </Button>
              </Group>
            )}
          </Stack>
        </form>
      )}
    </Modal>
  );
}
