// The profile's form for those who keep the productions: capacity, the working week (a box a day),
// payment terms, time to accept an order, contacts, and the tiles with their thickness and price as
// rows to add and remove. Numbers are typed the Russian way («1 250,50»). The PUT replaces the
// profile at the version read: a 409 (someone saved first) shows what is stored now; a 422 puts
// each message under its input — `offers[i].price_per_m2` under that row's price.
import { ActionIcon, Alert, Button, Checkbox, Fieldset, Grid, Group, Input, SegmentedControl, Stack, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { notifySuccess } from '../../../shared/ui/notify';
import { PhoneInput } from '../../../shared/ui/PhoneInput';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { productionKeys, productionQuery, saveProfile, type Production, type ProfileBody } from '../api/productions';
import { emptyOffer, formPath, PAYMENT_TERMS, profilePayload, profileValues, WEEK, type ProfileValues } from '../model/profile';
import { useProductionLabels } from './labels';

export function ProfileForm({ production, onDone }: { production: Production; onDone: () => void }) {
  const { t } = useTranslation();
  const labels = useProductionLabels();
  const queryClient = useQueryClient();
  const phone = useMediaQuery('(max-width: 48em)');
  const [version, setVersion] = useState<number | null>(production.profile?.version ?? null);
  const [conflict, setConflict] = useState(false);
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  /** The form row of each offer sent, for the server's `offers[i]`. */
  const sentRows = useRef<number[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm<ProfileValues>({ initialValues: profileValues(production) });
  // The form opens on its first field.
  useEffect(() => {
    formRef.current?.querySelector<HTMLInputElement>('input[name="daily_capacity_m2"]')?.focus();
  }, []);

  /** After refusals: the first input that has one, so a long form does not hide it. */
  const focusFirstError = () =>
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-error="true"] input')?.focus());

  const mutation = useMutation({
    mutationFn: (body: ProfileBody) => saveProfile(production.id, body),
    onSuccess: (saved) => {
      setUnplaced(null);
      setConflict(false);
      queryClient.setQueryData(productionKeys.detail(production.id), saved);
      void queryClient.invalidateQueries({ queryKey: productionKeys.list() });
      notifySuccess(t('productions.form.saved', { name: saved.name }));
      onDone();
    },
    onError: async (error) => {
      setUnplaced(null);
      if (error instanceof ApiProblem && error.code === 'version_conflict') {
        // Someone saved first: their profile replaces the form; the change is made again knowingly.
        setConflict(true);
        const fresh = await queryClient.fetchQuery({ ...productionQuery(production.id), staleTime: 0 });
        const values = profileValues(fresh);
        form.setInitialValues(values);
        form.setValues(values);
        form.clearErrors();
        setVersion(fresh.profile?.version ?? null);
        formRef.current?.scrollIntoView?.({ block: 'start' });
      } else if (error instanceof ApiProblem && error.code === 'validation_failed') {
        const errors = error.errors.map((e) => ({ ...e, field: formPath(e.field, sentRows.current) }));
        setUnplaced(applyProblemToForm(form, { errors }, { message: fieldErrorMessage }));
        focusFirstError();
      }
    },
  });

  const submit = form.onSubmit((values) => {
    setConflict(false);
    const result = profilePayload(values, version);
    if (!result.ok) {
      form.setErrors(Object.fromEntries(Object.entries(result.errors).map(([path, code]) => [path, t(`productions.form.errors.${code}`)])));
      focusFirstError();
      return;
    }
    sentRows.current = result.rows;
    mutation.mutate(result.body);
  });

  const cancel = () => {
    form.reset();
    onDone();
  };

  const termsLabelId = `production-terms-${production.id}`;
  const offers = form.values.offers;
  return (
    <form ref={formRef} noValidate aria-label={t('productions.form.title')} onSubmit={submit}>
      <Stack>
        {conflict && (
          <Alert color="orange" title={t('productions.form.conflict')} role="alert">
            {t('productions.form.conflictHint')}
          </Alert>
        )}
        {mutation.isError && !(mutation.error instanceof ApiProblem && mutation.error.code === 'version_conflict') && (unplaced === null || unplaced.length > 0) && (
          <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />
        )}

        <Fieldset legend={t('productions.profile.sections.work')}>
          <Grid gap="md">
            <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
              <TextInput
                name="daily_capacity_m2"
                required
                inputMode="decimal"
                autoComplete="off"
                label={t('productions.form.capacity')}
                description={t('productions.form.capacityHint')}
                {...form.getInputProps('daily_capacity_m2')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
              <TextInput
                name="acceptance_hours"
                inputMode="numeric"
                autoComplete="off"
                label={t('productions.form.acceptance')}
                description={t('productions.form.acceptanceHint')}
                {...form.getInputProps('acceptance_hours')}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <Checkbox.Group label={t('productions.form.days')} required {...form.getInputProps('working_days')}>
                <Group gap="md" mt={6} wrap="wrap">
                  {WEEK.map((d) => (
                    <Checkbox
                      key={d}
                      value={String(d)}
                      label={
                        <>
                          <span aria-hidden="true">{labels.dayShort(d)}</span>
                          <VisuallyHidden>{labels.dayLong(d)}</VisuallyHidden>
                        </>
                      }
                    />
                  ))}
                </Group>
              </Checkbox.Group>
            </Grid.Col>
            <Grid.Col span={12}>
              <Input.Wrapper
                label={t('productions.form.terms')}
                labelElement="div"
                id={termsLabelId}
                description={labels.termsHint(form.values.payment_terms)}
                error={form.errors.payment_terms}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
              >
                <div>
                  <SegmentedControl
                    mt={4}
                    aria-labelledby={`${termsLabelId}-label`}
                    aria-describedby={`${termsLabelId}-description`}
                    data={PAYMENT_TERMS.map((value) => ({ value, label: labels.terms(value) }))}
                    value={form.values.payment_terms}
                    onChange={(v) => form.setFieldValue('payment_terms', v as ProfileValues['payment_terms'])}
                    fullWidth={phone}
                    orientation={phone ? 'vertical' : 'horizontal'}
                  />
                </div>
              </Input.Wrapper>
            </Grid.Col>
          </Grid>
        </Fieldset>

        <Fieldset legend={t('productions.profile.sections.contacts')}>
          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 4 }}>
              <TextInput name="contact_name" autoComplete="off" label={t('productions.form.contactName')} {...form.getInputProps('contact_name')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
              <PhoneInput name="contact_phone" autoComplete="off" label={t('productions.form.phone')} {...form.getInputProps('contact_phone')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
              <TextInput name="contact_email" type="email" autoComplete="off" label={t('productions.form.email')} {...form.getInputProps('contact_email')} />
            </Grid.Col>
          </Grid>
        </Fieldset>

        <Fieldset legend={t('productions.form.offers')}>
          <Stack gap="sm">
            <Text size="xs" c="dimmed">
              {t('productions.form.offersHint')}
            </Text>
            {typeof form.errors.offers === 'string' && (
              <Text size="sm" c="red.8" role="alert">
                {form.errors.offers}
              </Text>
            )}
            {offers.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('productions.form.noOffers')}
              </Text>
            )}
            {offers.map((offer, i) => {
              const n = i + 1;
              // On a desktop the rows line up under one set of labels; each input keeps its name.
              const showLabel = phone || i === 0;
              const label = (key: 'tileType' | 'thickness' | 'price') => t(`productions.form.${key}`);
              const named = (key: 'tileType' | 'thickness' | 'price') =>
                showLabel ? { label: label(key) } : { 'aria-label': label(key) };
              return (
                <Grid
                  key={offer.key}
                  gap="sm"
                  align="flex-start"
                  role="group"
                  aria-label={t('productions.form.rowLabel', { n })}
                  style={phone ? { borderTop: i > 0 ? '1px solid var(--mantine-color-gray-3)' : undefined, paddingTop: i > 0 ? 8 : 0 } : undefined}
                >
                  <Grid.Col span={{ base: 12, sm: 5 }}>
                    <TextInput
                      {...named('tileType')}
                      placeholder={t('productions.form.tileTypePlaceholder')}
                      autoComplete="off"
                      maxLength={100}
                      {...form.getInputProps(`offers.${i}.tile_type`)}
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 5, sm: 2 }}>
                    <TextInput {...named('thickness')} inputMode="decimal" autoComplete="off" {...form.getInputProps(`offers.${i}.thickness_mm`)} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 7, sm: 4 }}>
                    <TextInput {...named('price')} inputMode="decimal" autoComplete="off" {...form.getInputProps(`offers.${i}.price_per_m2`)} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 1 }} pt={{ base: 0, sm: showLabel ? 31 : 6 }}>
                    {phone ? (
                      <Button variant="subtle" color="red" size="compact-sm" onClick={() => form.removeListItem('offers', i)} aria-label={t('productions.form.removeOffer', { n })}>
                        {t('common.delete')}
                      </Button>
                    ) : (
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        size="lg"
                        onClick={() => form.removeListItem('offers', i)}
                        aria-label={t('productions.form.removeOffer', { n })}
                        title={t('productions.form.removeOffer', { n })}
                      >
                        <span aria-hidden="true">✕</span>
                      </ActionIcon>
                    )}
                  </Grid.Col>
                </Grid>
              );
            })}
            <Group>
              <Button variant="light" onClick={() => form.insertListItem('offers', emptyOffer())}>
                + {t('productions.form.addOffer')}
              </Button>
            </Group>
          </Stack>
        </Fieldset>

        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={cancel} disabled={mutation.isPending} fullWidth={phone}>
            {t('productions.form.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending} fullWidth={phone}>
            {t('productions.form.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
