// A shipment (реализация / УПД) against one of the deal's invoices: which invoice, the day it
// left (today unless said otherwise, never later), the УПД number if it has one, and how much of
// each line — everything still to ship unless changed. Shipping all of it moves the deal
// («Оплата отсрочки» while money is still due, «Спросить о результатах» once it is all paid).
// The deal's money tab offers its invoices to choose from; the shipping queue opens it for one
// invoice (`single`), with the deal and client it belongs to above the form (`context`).
import { Button, Grid, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldError } from '../../../../shared/api/problem';
import { formatDate } from '../../../../shared/format/format';
import { formatMoney } from '../../../../shared/format/money';
import { applyProblemToForm } from '../../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../../shared/i18n/messages';
import { DateField, dateFieldError } from '../../../../shared/ui/DateField';
import { notifySuccess } from '../../../../shared/ui/notify';
import { ProblemAlert } from '../../../../shared/ui/ProblemAlert';
import { recordShipment, type InvoiceMoney } from '../api/money';
import { formatQuantity, QUANTITY, units } from '../model/decimal';
import { checkShipment, remaining, remainingTexts, shippable } from '../model/money';
import { unitLabel } from './labels';
import { todayIso } from './today';

interface Values {
  invoice_id: string | null;
  shipped_on: string;
  number: string;
  note: string;
  quantities: Record<string, string>;
}

export function ShipmentDialog({
  dealId,
  opened,
  invoices,
  onClose,
  onDone,
  single = false,
  context,
}: {
  dealId: string;
  opened: boolean;
  invoices: InvoiceMoney[];
  onClose: () => void;
  onDone: () => void;
  /** The first shippable invoice is named, not chosen. */
  single?: boolean;
  /** Shown above the form: whose invoice it is, and anything to mind before shipping. */
  context?: ReactNode;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const today = todayIso();
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const [nothing, setNothing] = useState(false);
  const choices = invoices.filter(shippable);
  const form = useForm<Values>({
    initialValues: { invoice_id: null, shipped_on: today, number: '', note: '', quantities: {} },
    validate: {
      invoice_id: (v) => (v ? null : t('fieldErrors.required')),
      shipped_on: (v) => dateFieldError(v, { required: true }) ?? (v > todayIso() ? t('financeDeal.futureDate') : null),
    },
  });
  const start = (id: string | null) => {
    const invoice = invoices.find((i) => i.id === id);
    form.setFieldValue('invoice_id', id);
    form.setFieldValue('quantities', invoice ? remainingTexts(invoice.lines) : {});
    setNothing(false);
  };
  useEffect(() => {
    if (opened) {
      const id = choices[0]?.id ?? null;
      const invoice = invoices.find((i) => i.id === id);
      form.setValues({ invoice_id: id, shipped_on: todayIso(), number: '', note: '', quantities: invoice ? remainingTexts(invoice.lines) : {} });
      form.clearErrors();
      setUnplaced(null);
      setNothing(false);
    }
  }, [opened]);

  const invoice = invoices.find((i) => i.id === form.values.invoice_id);
  const invoiceOption = (i: InvoiceMoney) =>
    t('financeDeal.shipment.invoiceOption', { number: i.number, date: formatDate(i.date), total: formatMoney(i.total) });
  const open = invoice ? invoice.lines.filter((l) => units(remaining(l), QUANTITY) > 0n) : [];
  const check = checkShipment(open, form.values.quantities);

  const mutation = useMutation({
    mutationFn: (v: Values) =>
      recordShipment(dealId, {
        invoice_id: v.invoice_id!,
        shipped_on: v.shipped_on,
        number: v.number.trim() || null,
        note: v.note.trim() || null,
        lines: check.send,
      }),
    onSuccess: (shipment) => {
      notifySuccess(t('financeDeal.shipment.done', { number: shipment.number }));
      onDone();
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiProblem && error.code === 'validation_failed') {
        // `lines[i].quantity` names the i-th line sent: its field here is the line's quantity.
        const rename = Object.fromEntries(check.send.map((l, i) => [`lines[${i}].quantity`, `quantities.${l.line_id}`]));
        setUnplaced(applyProblemToForm(form, error, { message: fieldErrorMessage, rename }));
      } else setUnplaced(null);
    },
  });

  const lineError = (lineId: string): string | undefined => {
    const server = form.errors[`quantities.${lineId}`];
    if (server) return String(server);
    const line = open.find((l) => l.line_id === lineId);
    switch (check.problems[lineId]) {
      case 'invalid':
        return t('financeDeal.shipment.errors.invalid');
      case 'too_precise':
        return t('financeDeal.shipment.errors.tooPrecise');
      case 'too_much':
        return t('financeDeal.shipment.errors.tooMuch', { quantity: line ? formatQuantity(remaining(line)) : '' });
      default:
        return undefined;
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('financeDeal.shipment.title')} size="lg" fullScreen={phone}>
      {choices.length === 0 ? (
        <Text size="sm">{t('financeDeal.shipment.noInvoice')}</Text>
      ) : (
        <form
          onSubmit={form.onSubmit((v) => {
            if (!check.ok) {
              setNothing(check.nothing);
              return;
            }
            mutation.mutate(v);
          })}
          noValidate
        >
          <Stack>
            {context}
            {mutation.isError && <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />}
            {single && invoice ? (
              <div>
                <Text size="sm" fw={600}>
                  {t('financeDeal.shipment.invoice')}
                </Text>
                <Text size="sm">{invoiceOption(invoice)}</Text>
                {form.errors.invoice_id && (
                  <Text size="xs" c="red.8" role="alert">
                    {form.errors.invoice_id}
                  </Text>
                )}
              </div>
            ) : (
              <Select
                label={t('financeDeal.shipment.invoice')}
                required
                allowDeselect={false}
                data={choices.map((i) => ({ value: i.id, label: invoiceOption(i) }))}
                value={form.values.invoice_id}
                onChange={start}
                error={form.errors.invoice_id}
              />
            )}
            <Grid>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <DateField label={t('financeDeal.shipment.shippedOn')} required maxDate={today} {...form.getInputProps('shipped_on')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label={t('financeDeal.shipment.number')}
                  description={t('financeDeal.shipment.numberHint')}
                  maxLength={40}
                  {...form.getInputProps('number')}
                />
              </Grid.Col>
            </Grid>
            <Stack gap="xs" role="group" aria-labelledby="shipment-lines">
              <div>
                <Text size="sm" fw={600} id="shipment-lines">
                  {t('financeDeal.shipment.lines')}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('financeDeal.shipment.linesHint')}
                </Text>
              </div>
              {invoice && open.length === 0 && <Text size="sm">{t('financeDeal.shipment.nothingLeft')}</Text>}
              {open.map((l) => (
                <TextInput
                  key={l.line_id}
                  label={l.name}
                  description={t('financeDeal.shipment.remains', { quantity: formatQuantity(remaining(l)), unit: unitLabel(l.unit) })}
                  inputMode="decimal"
                  rightSection={
                    <Text size="xs" c="dimmed">
                      {unitLabel(l.unit)}
                    </Text>
                  }
                  rightSectionWidth={64}
                  {...form.getInputProps(`quantities.${l.line_id}`)}
                  error={lineError(l.line_id)}
                />
              ))}
              {nothing && (
                <Text size="sm" c="red.8" role="alert">
                  {t('financeDeal.shipment.errors.nothing')}
                </Text>
              )}
            </Stack>
            <Textarea label={t('financeDeal.shipment.note')} autosize minRows={2} maxLength={2000} {...form.getInputProps('note')} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={mutation.isPending} disabled={!invoice || open.length === 0}>
                {t('financeDeal.shipment.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
