import { Button, Checkbox, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { lossReasonsQuery, type LossInput } from '../api/sales';
import { emptyLoss, lossPayload, OTHER_REASON, validateLoss, type LossValues } from '../model/loss';
import { useLang } from './common';

/**
 * Asks why the card is lost: a reason from the dictionary, the client's objections (required for
 * «Другое») and whether to add the client to the mailing list. `onSubmit` throws the API's
 * problem; field errors under `loss.*` are shown next to the fields, others above them.
 */
export function LossDialog({
  opened,
  card,
  onClose,
  onSubmit,
}: {
  opened: boolean;
  card: { number: number; title: string } | null;
  onClose: () => void;
  onSubmit: (loss: LossInput) => Promise<void>;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const reasons = useQuery({ ...lossReasonsQuery, enabled: opened });
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<{ error: unknown; rest: FieldError[] } | null>(null);
  const form = useForm<LossValues>({
    initialValues: emptyLoss(),
    validate: (v) => {
      const e = validateLoss(v);
      return {
        reason: e.reason ? t('sales.loss.reasonRequired') : null,
        objections: e.objections ? t('sales.loss.objectionsRequired') : null,
      };
    },
  });

  useEffect(() => {
    if (opened) {
      form.setValues(emptyLoss());
      form.clearErrors();
      setProblem(null);
    }
    // Reset only when the dialog opens.
  }, [opened]);

  const submit = async (values: LossValues) => {
    setPending(true);
    setProblem(null);
    try {
      await onSubmit(lossPayload(values));
    } catch (error) {
      if (error instanceof ApiProblem && error.errors.some((e) => e.field.startsWith('loss.'))) {
        const rest = applyProblemToForm(form, error, {
          hasField: (p) => p === 'reason' || p === 'objections',
          rename: { 'loss.reason': 'reason', 'loss.objections': 'objections' },
          message: fieldErrorMessage,
        });
        setProblem({ error, rest });
      }
    } finally {
      setPending(false);
    }
  };

  const other = form.values.reason === OTHER_REASON;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={card ? t('sales.loss.title', { number: card.number, title: card.title }) : ''}
      size="lg"
    >
      <form onSubmit={form.onSubmit((v) => void submit(v))} noValidate>
        <Stack>
          {problem && problem.rest.length > 0 && <ProblemAlert error={problem.error} rest={problem.rest} />}
          {reasons.isError && <ProblemAlert error={reasons.error} onRetry={() => void reasons.refetch()} />}
          <Select
            label={t('sales.loss.reason')}
            placeholder={t('sales.loss.reasonPlaceholder')}
            required
            data={(reasons.data ?? []).map((r) => ({ value: r.code, label: lang === 'en' ? r.name_en : r.name_ru }))}
            disabled={reasons.isPending}
            data-autofocus
            {...form.getInputProps('reason')}
          />
          <Textarea
            label={t('sales.loss.objections')}
            description={t('sales.loss.objectionsHint')}
            required={other}
            autosize
            minRows={3}
            {...form.getInputProps('objections')}
          />
          <Checkbox label={t('sales.loss.mailing')} {...form.getInputProps('add_to_mailing', { type: 'checkbox' })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={pending}>
              {t('sales.loss.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
