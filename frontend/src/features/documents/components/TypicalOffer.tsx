// The typical offer on a lead (seed 000, «Типовое КП отправлено»): one step — the server makes the
// offer from the rouble price list in force, freezes it, queues the e-mail and moves the lead. The
// dialog asks only where it goes and whether it carries the stamp; the lead card is read again after.
import { Alert, Button, Group, Modal, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { i18n } from '../../../shared/i18n/index';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { documentKeys, sendTypicalOffer, type LeadForDocuments } from '../api/documents';

/** Whom the offer goes to first: the lead's e-mail and contact, as the card shows them now. */
export interface Recipient {
  email: string;
  name: string;
}

interface Values {
  to_address: string;
  to_name: string;
  with_stamp: boolean;
}

/** Refusals about the lead as a whole, not a field of the dialog: said in their own words. */
const REFUSALS = ['price_list', 'lead'] as const;
type Refusal = (typeof REFUSALS)[number];
const isRefusal = (e: FieldError): e is FieldError & { field: Refusal } => (REFUSALS as readonly string[]).includes(e.field);

/** «Отправить типовое КП» with its dialog. `onSent` reads the lead card again (its stage moved). */
export function TypicalOfferButton({ lead, recipient, onSent }: { lead: LeadForDocuments; recipient: Recipient; onSent: () => void }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button variant="light" onClick={() => setOpened(true)}>
        {t('documents.typical.action')}
      </Button>
      <TypicalOfferDialog lead={lead} recipient={recipient} opened={opened} onClose={() => setOpened(false)} onSent={onSent} />
    </>
  );
}

export function TypicalOfferDialog({
  lead,
  recipient,
  opened,
  onClose,
  onSent,
}: {
  lead: LeadForDocuments;
  recipient: Recipient;
  opened: boolean;
  onClose: () => void;
  onSent: () => void;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const queryClient = useQueryClient();
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const form = useForm<Values>({
    initialValues: { to_address: '', to_name: '', with_stamp: true },
    validate: { to_address: (v) => (v.trim() ? null : t('fieldErrors.required')) },
  });

  const mutation = useMutation({
    mutationFn: (v: Values) =>
      sendTypicalOffer(lead.id, { to_address: v.to_address.trim(), to_name: v.to_name.trim() || null, with_stamp: v.with_stamp }),
    onSuccess: (sent) => {
      notifySuccess(t('documents.typical.sent', { to: sent.email.to_address }));
      void queryClient.invalidateQueries({ queryKey: documentKeys.lead(lead.id) });
      onSent();
      onClose();
    },
    onError: (error) => {
      setUnplaced(error instanceof ApiProblem && error.code === 'validation_failed' ? applyProblemToForm(form, error, { message: fieldErrorMessage }) : null);
    },
  });

  // Each opening starts from the lead as it is now.
  useEffect(() => {
    if (opened) {
      const start = { to_address: recipient.email.trim(), to_name: recipient.name.trim(), with_stamp: true };
      form.setValues(start);
      form.resetDirty(start);
      form.clearErrors();
      setUnplaced(null);
      mutation.reset();
    }
  }, [opened]);

  const refusals = (unplaced ?? []).filter(isRefusal);
  const rest = (unplaced ?? []).filter((e) => !isRefusal(e));
  // The server's Russian words name the price list; other languages say it in theirs.
  const refusalText = (e: FieldError & { field: Refusal }) =>
    i18n.language === 'ru' && e.message ? e.message : t(`documents.typical.refusals.${e.field}`);

  return (
    <Modal opened={opened} onClose={onClose} title={t('documents.typical.title')} size="lg" fullScreen={phone}>
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack>
          {mutation.isError &&
            (refusals.length > 0 ? (
              <Alert color="red" role="alert" title={t('documents.typical.refused')}>
                <Stack gap={4}>
                  {refusals.map((e) => (
                    <Text size="sm" key={e.field}>
                      {refusalText(e)}
                    </Text>
                  ))}
                </Stack>
              </Alert>
            ) : (
              <ProblemAlert error={mutation.error} rest={unplaced ? rest : undefined} />
            ))}
          <Text size="sm">{t('documents.typical.what')}</Text>
          <TextInput
            label={t('documents.typical.to')}
            type="email"
            autoComplete="off"
            required
            description={recipient.email.trim() ? undefined : t('documents.typical.noAddress')}
            data-autofocus
            {...form.getInputProps('to_address')}
          />
          <TextInput label={t('documents.typical.toName')} autoComplete="off" {...form.getInputProps('to_name')} />
          <Switch label={t('documents.typical.stamp')} {...form.getInputProps('with_stamp', { type: 'checkbox' })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="green" loading={mutation.isPending}>
              {t('documents.typical.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
