import { Anchor, Button, Fieldset, Grid, Group, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../../../shared/api/me';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { parseMoneyInput } from '../../../shared/format/money';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { cardChanged, clientQuery, createDeal, pipelinesQuery, type NewDealBody } from '../api/sales';
import { ClientSelect } from '../../../shared/ui/ClientSelect';
import { moneyRule, StaffSelect, useLang } from './common';

interface Values {
  client_id: string | null;
  title: string;
  counterparty_id: string | null;
  responsible_id: string | null;
  expected_revenue: string;
  delivery_address: string;
  offer_details: string;
  pipeline_id: string | null;
}

export function NewDealPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const pipelines = useQuery(pipelinesQuery('deal'));
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  // «Новая сделка» on a board brings the pipeline being viewed.
  const [params] = useSearchParams();
  const viewedPipeline = params.get('pipeline');

  const form = useForm<Values>({
    initialValues: {
      client_id: null,
      title: '',
      counterparty_id: null,
      responsible_id: me?.role === 'manager' ? me.id : null,
      expected_revenue: '',
      delivery_address: '',
      offer_details: '',
      pipeline_id: null,
    },
    validate: {
      client_id: (v) => (v ? null : t('fieldErrors.required')),
      title: (v) => (v.trim() ? null : t('fieldErrors.required')),
      expected_revenue: moneyRule(t('sales.money.invalid')),
    },
  });
  const viewedKnown = !!viewedPipeline && !!pipelines.data?.some((p) => p.id === viewedPipeline);
  useEffect(() => {
    if (viewedKnown) form.setFieldValue('pipeline_id', viewedPipeline);
  }, [viewedKnown]);

  const clientId = form.values.client_id;
  const client = useQuery({ ...clientQuery(clientId ?? ''), enabled: !!clientId });
  const counterparties = clientId ? (client.data?.counterparties ?? []) : [];
  // A client with one counterparty signs with it: chosen already (the person may clear it).
  const only = client.data?.id === clientId && client.data?.counterparties.length === 1 ? client.data.counterparties[0]!.id : null;
  useEffect(() => {
    if (only) form.setFieldValue('counterparty_id', only);
  }, [only]);

  const mutation = useMutation({
    mutationFn: (body: NewDealBody) => createDeal(body),
    onSuccess: (deal) => {
      cardChanged(queryClient, 'deal', deal);
      notifySuccess(t('sales.dealForm.created', { number: deal.number }));
      void navigate(`/deals/${deal.id}`);
    },
    onError: (error) => {
      if (error instanceof ApiProblem && error.code === 'validation_failed') {
        setUnplaced(applyProblemToForm(form, error, { message: fieldErrorMessage }));
      } else setUnplaced(null);
    },
  });

  const submit = (v: Values) => {
    setUnplaced(null);
    const blank = (s: string) => (s.trim() === '' ? undefined : s.trim());
    mutation.mutate({
      client_id: v.client_id!,
      title: v.title.trim(),
      counterparty_id: v.counterparty_id || undefined,
      responsible_id: v.responsible_id || undefined,
      expected_revenue: parseMoneyInput(v.expected_revenue) ?? undefined,
      delivery_address: blank(v.delivery_address),
      offer_details: blank(v.offer_details),
      pipeline_id: v.pipeline_id || undefined,
    });
  };

  return (
    <Stack maw={960}>
      <Anchor component={Link} to="/deals" size="sm">
        ← {t('sales.deals.back')}
      </Anchor>
      <Title order={1} size="h2">
        {t('sales.dealForm.title')}
      </Title>
      {mutation.isError && (
        <ProblemAlert
          error={mutation.error}
          rest={unplaced ?? undefined}
          title={unplaced ? t('sales.leadForm.fixErrors') : undefined}
        />
      )}
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack>
          <Fieldset>
            <Grid>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <ClientSelect
                  label={t('sales.fields.deal.client')}
                  required
                  value={form.values.client_id}
                  error={form.errors.client_id}
                  onChange={(c) => {
                    form.setFieldValue('client_id', c?.id ?? null);
                    form.setFieldValue('counterparty_id', null);
                    if (c && !form.values.title.trim()) form.setFieldValue('title', c.name);
                  }}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput label={t('sales.fields.deal.title')} required {...form.getInputProps('title')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Select
                  label={t('sales.fields.deal.counterparty')}
                  placeholder={t('sales.dealForm.counterpartyNone')}
                  clearable
                  disabled={!clientId || client.isPending}
                  data={counterparties.map((c) => ({ value: c.id, label: c.inn ? `${c.name}, ${t('counterparties.fields.inn')} ${c.inn}` : c.name }))}
                  description={
                    clientId && client.isSuccess && counterparties.length === 0 ? t('sales.dealForm.noCounterparties') : undefined
                  }
                  {...form.getInputProps('counterparty_id')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <StaffSelect label={t('sales.fields.deal.responsible')} {...form.getInputProps('responsible_id')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label={t('sales.fields.deal.expected_revenue')}
                  inputMode="decimal"
                  placeholder="150 000,00"
                  {...form.getInputProps('expected_revenue')}
                />
              </Grid.Col>
              {(pipelines.data?.length ?? 0) > 1 && (
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <Select
                    label={t('sales.board.pipeline')}
                    data={(pipelines.data ?? []).map((p) => ({ value: p.id, label: lang === 'en' ? p.name_en : p.name_ru }))}
                    placeholder={lang === 'en' ? pipelines.data?.[0]?.name_en : pipelines.data?.[0]?.name_ru}
                    clearable
                    {...form.getInputProps('pipeline_id')}
                  />
                </Grid.Col>
              )}
              <Grid.Col span={12}>
                <TextInput label={t('sales.fields.deal.delivery_address')} {...form.getInputProps('delivery_address')} />
              </Grid.Col>
              <Grid.Col span={12}>
                <Textarea
                  label={t('sales.fields.deal.offer_details')}
                  autosize
                  minRows={3}
                  {...form.getInputProps('offer_details')}
                />
              </Grid.Col>
            </Grid>
          </Fieldset>
          {client.isError && <Text c="red" size="sm">{t('app.loadFailed')}</Text>}
          <Group>
            <Button type="submit" loading={mutation.isPending}>
              {t('sales.dealForm.submit')}
            </Button>
            <Button variant="default" component={Link} to="/deals">
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
