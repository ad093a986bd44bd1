// An admin opens a won or lost card again («закрытое закрыто» otherwise): back to the stage it was
// closed from, with a reason the card's history keeps.
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { cardChanged, reopenCard, type CardDetail, type CardKind } from '../api/sales';

export function ReopenDialog({
  kind,
  card,
  opened,
  onClose,
}: {
  kind: CardKind;
  card: CardDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const form = useForm({
    initialValues: { reason: '' },
    validate: { reason: (v) => (v.trim() ? null : t('fieldErrors.required')) },
  });
  useEffect(() => {
    if (opened) {
      form.reset();
      setUnplaced(null);
    }
  }, [opened]);

  const mutation = useMutation({
    mutationFn: (v: { reason: string }) => reopenCard(kind, card.id, { version: card.version, reason: v.reason.trim() }),
    onSuccess: (updated) => {
      cardChanged(queryClient, kind, updated);
      notifySuccess(t('sales.card.reopened'));
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiProblem && error.code === 'validation_failed')
        setUnplaced(applyProblemToForm(form, error, { message: fieldErrorMessage }));
      else setUnplaced(null);
    },
  });

  return (
    <Modal opened={opened} onClose={onClose} title={t('sales.card.reopenTitle')} size="lg">
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            {t('sales.card.reopenHint')}
          </Text>
          {mutation.isError && <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />}
          <Textarea label={t('sales.card.reopenReason')} required autosize minRows={3} data-autofocus {...form.getInputProps('reason')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="orange" loading={mutation.isPending}>
              {t('sales.card.reopen')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
