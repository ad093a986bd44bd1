import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { formatMoneyInput, parseMoneyInput } from '../../../shared/format/money';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { pipelinesQuery, type ConvertBody, type PipelineDefinition } from '../api/sales';
import { moneyRule, useLang } from './common';
import { GuardList } from './guards';

interface Values {
  deal_pipeline_id: string;
  title: string;
  expected_revenue: string;
  delivery_address: string;
}

export interface ConvertibleLead {
  number: number;
  title: string;
  expected_revenue?: string | null;
}

/**
 * Converts a lead: the deal pipeline, the deal's title and expected revenue. A refusal (price
 * range, offer details, agreement missing) is listed in the dialog; `onSubmit` throws the problem.
 */
export function ConvertDialog({
  opened,
  lead,
  leadDefinition,
  onClose,
  onSubmit,
}: {
  opened: boolean;
  lead: ConvertibleLead | null;
  leadDefinition: PipelineDefinition;
  onClose: () => void;
  onSubmit: (body: Omit<ConvertBody, 'version'>) => Promise<void>;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const pipelines = useQuery({ ...pipelinesQuery('deal'), enabled: opened });
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<FieldError[] | null>(null);
  const [problem, setProblem] = useState<{ error: unknown; rest: FieldError[] } | null>(null);
  const form = useForm<Values>({
    initialValues: { deal_pipeline_id: '', title: '', expected_revenue: '', delivery_address: '' },
    validate: {
      title: (v) => (v.trim() ? null : t('fieldErrors.required')),
      expected_revenue: moneyRule(t('sales.money.invalid')),
    },
  });

  useEffect(() => {
    if (opened && lead) {
      form.setValues({
        deal_pipeline_id: pipelines.data?.[0]?.id ?? '',
        title: lead.title,
        expected_revenue: formatMoneyInput(lead.expected_revenue),
        delivery_address: '',
      });
      form.clearErrors();
      setRefusal(null);
      setProblem(null);
    }
    // Reset when the dialog opens (or the pipelines arrive).
  }, [opened, lead?.number]);

  useEffect(() => {
    if (opened && !form.values.deal_pipeline_id && pipelines.data?.[0]) form.setFieldValue('deal_pipeline_id', pipelines.data[0].id);
  }, [opened, pipelines.data]);

  const submit = async (v: Values) => {
    setPending(true);
    setRefusal(null);
    setProblem(null);
    try {
      await onSubmit({
        deal_pipeline_id: v.deal_pipeline_id || null,
        title: v.title.trim(),
        expected_revenue: parseMoneyInput(v.expected_revenue) ?? null,
        // The deal's, sent to the logisticians with its delivery-cost request.
        delivery_address: v.delivery_address.trim() || null,
      });
    } catch (error) {
      if (error instanceof ApiProblem && error.code === 'transition_refused') setRefusal(error.errors);
      else if (error instanceof ApiProblem && error.code === 'validation_failed') {
        const rest = applyProblemToForm(form, error, { message: fieldErrorMessage });
        setProblem({ error, rest });
      }
    } finally {
      setPending(false);
    }
  };

  const many = (pipelines.data?.length ?? 0) > 1;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={lead ? t('sales.convert.title', { number: lead.number }) : ''}
      size="lg"
    >
      <form onSubmit={form.onSubmit((v) => void submit(v))} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            {t('sales.convert.hint')}
          </Text>
          {refusal && (
            <Alert color="red" title={t('sales.convert.refused')} role="alert">
              <GuardList problems={refusal} def={leadDefinition} kind="lead" />
            </Alert>
          )}
          {problem && <ProblemAlert error={problem.error} rest={problem.rest} />}
          {pipelines.isError && <ProblemAlert error={pipelines.error} onRetry={() => void pipelines.refetch()} />}
          {many && (
            <Select
              label={t('sales.convert.pipeline')}
              required
              allowDeselect={false}
              data={(pipelines.data ?? []).map((p) => ({ value: p.id, label: lang === 'en' ? p.name_en : p.name_ru }))}
              {...form.getInputProps('deal_pipeline_id')}
            />
          )}
          <TextInput label={t('sales.convert.dealTitle')} required data-autofocus {...form.getInputProps('title')} />
          <TextInput label={t('sales.convert.revenue')} inputMode="decimal" {...form.getInputProps('expected_revenue')} />
          <TextInput
            label={t('sales.convert.deliveryAddress')}
            description={t('sales.convert.deliveryAddressHint')}
            {...form.getInputProps('delivery_address')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending} disabled={pipelines.isPending}>
              {t('sales.convert.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
