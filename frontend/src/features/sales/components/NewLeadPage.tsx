import { Anchor, Button, Collapse, Fieldset, Grid, Group, Select, Stack, Textarea, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../../../shared/api/me';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { parseMoneyInput } from '../../../shared/format/money';
import { withoutBlanks } from '../../../shared/forms/payload';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { cardChanged, createLead, pipelinesQuery, type Channel, type NewLeadBody } from '../api/sales';
import { moneyRule, StaffSelect, useChannelOptions, useLang } from './common';
import { PhoneInput } from '../../../shared/ui/PhoneInput';

interface Values {
  title: string;
  contact_name: string;
  company_name: string;
  phone: string;
  email: string;
  message: string;
  channel: Channel | '';
  keywords: string;
  utm: { source: string; medium: string; campaign: string; term: string; content: string };
  call_tracking_number: string;
  responsible_id: string | null;
  expected_revenue: string;
  pipeline_id: string | null;
}

const UTM_KEYS = ['source', 'medium', 'campaign', 'term', 'content'] as const;

export function NewLeadPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const channels = useChannelOptions();
  const pipelines = useQuery(pipelinesQuery('lead'));
  const [utmOpen, setUtmOpen] = useState(false);
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);

  const form = useForm<Values>({
    initialValues: {
      title: '',
      contact_name: '',
      company_name: '',
      phone: '',
      email: '',
      message: '',
      channel: '',
      keywords: '',
      utm: { source: '', medium: '', campaign: '', term: '', content: '' },
      call_tracking_number: '',
      responsible_id: me?.role === 'manager' ? me.id : null,
      expected_revenue: '',
      pipeline_id: null,
    },
    validate: {
      phone: (v, values) => (!v.trim() && !values.email.trim() ? t('sales.leadForm.phoneOrEmail') : null),
      channel: (v) => (v ? null : t('fieldErrors.required')),
      expected_revenue: moneyRule(t('sales.money.invalid')),
    },
  });
  // «Новый лид» on a board brings the pipeline being viewed.
  const [params] = useSearchParams();
  const viewedPipeline = params.get('pipeline');
  const viewedKnown = !!viewedPipeline && !!pipelines.data?.some((p) => p.id === viewedPipeline);
  useEffect(() => {
    if (viewedKnown) form.setFieldValue('pipeline_id', viewedPipeline);
  }, [viewedKnown]);

  const mutation = useMutation({
    mutationFn: (body: NewLeadBody) => createLead(body),
    onSuccess: (lead) => {
      cardChanged(queryClient, 'lead', lead);
      notifySuccess(t('sales.leadForm.created', { number: lead.number }));
      void navigate(`/leads/${lead.id}`);
    },
    onError: (error) => {
      if (error instanceof ApiProblem && error.code === 'validation_failed') {
        const rest = applyProblemToForm(form, error, { message: fieldErrorMessage });
        if (rest.some((e) => e.field.startsWith('utm.'))) setUtmOpen(true);
        setUnplaced(rest);
      } else setUnplaced(null);
    },
  });

  const submit = (v: Values) => {
    setUnplaced(null);
    const utm = withoutBlanks(v.utm);
    mutation.mutate({
      ...withoutBlanks({
        title: v.title,
        contact_name: v.contact_name,
        company_name: v.company_name,
        phone: v.phone,
        email: v.email,
        message: v.message,
        keywords: v.keywords,
        call_tracking_number: v.call_tracking_number,
      }),
      channel: v.channel as Channel,
      utm: Object.keys(utm).length > 0 ? utm : undefined,
      responsible_id: v.responsible_id || undefined,
      expected_revenue: parseMoneyInput(v.expected_revenue) ?? undefined,
      pipeline_id: v.pipeline_id || undefined,
    });
  };

  return (
    <Stack maw={960}>
      <Anchor component={Link} to="/leads" size="sm">
        ← {t('sales.leads.back')}
      </Anchor>
      <Title order={1} size="h2">
        {t('sales.leadForm.title')}
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
          <Fieldset legend={t('sales.leadForm.contactSection')}>
            <Grid>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput label={t('sales.fields.lead.contact_name')} autoFocus {...form.getInputProps('contact_name')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput label={t('sales.fields.lead.company_name')} {...form.getInputProps('company_name')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <PhoneInput label={t('sales.fields.lead.phone')} {...form.getInputProps('phone')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput label={t('sales.fields.lead.email')} type="email" {...form.getInputProps('email')} />
              </Grid.Col>
              <Grid.Col span={12}>
                <Textarea label={t('sales.fields.lead.message')} autosize minRows={2} {...form.getInputProps('message')} />
              </Grid.Col>
            </Grid>
          </Fieldset>

          <Fieldset legend={t('sales.leadForm.sourceSection')}>
            <Grid>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <Select label={t('sales.fields.lead.channel')} required data={channels} {...form.getInputProps('channel')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput label={t('sales.fields.lead.keywords')} {...form.getInputProps('keywords')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput
                  label={t('sales.fields.lead.call_tracking_number')}
                  type="tel"
                  {...form.getInputProps('call_tracking_number')}
                />
              </Grid.Col>
              <Grid.Col span={12}>
                <UnstyledButton
                  onClick={() => setUtmOpen((o) => !o)}
                  aria-expanded={utmOpen}
                  aria-controls="lead-utm"
                  c="teal.8"
                  fz="sm"
                >
                  {utmOpen ? '▾' : '▸'} {utmOpen ? t('sales.leadForm.hideUtm') : t('sales.leadForm.showUtm')}
                </UnstyledButton>
                <Collapse expanded={utmOpen} id="lead-utm">
                  <Grid mt="xs">
                    {UTM_KEYS.map((k) => (
                      <Grid.Col key={k} span={{ base: 12, sm: 4 }}>
                        <TextInput label={t(`sales.fields.utm.${k}`)} {...form.getInputProps(`utm.${k}`)} />
                      </Grid.Col>
                    ))}
                  </Grid>
                </Collapse>
              </Grid.Col>
            </Grid>
          </Fieldset>

          <Fieldset legend={t('sales.leadForm.workSection')}>
            <Grid>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label={t('sales.fields.lead.title')}
                  description={t('sales.leadForm.titleHint')}
                  {...form.getInputProps('title')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label={t('sales.fields.lead.expected_revenue')}
                  inputMode="decimal"
                  placeholder="150 000,00"
                  {...form.getInputProps('expected_revenue')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <StaffSelect label={t('sales.fields.lead.responsible')} {...form.getInputProps('responsible_id')} />
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
            </Grid>
          </Fieldset>

          <Group>
            <Button type="submit" loading={mutation.isPending}>
              {t('sales.leadForm.submit')}
            </Button>
            <Button variant="default" component={Link} to="/leads">
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
