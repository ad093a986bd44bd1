import { Alert, Button, Fieldset, Grid, Group, Loader, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { digitsOnly } from '../../../shared/format/format';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { notifySuccess } from '../../../shared/ui/notify';
import { PhoneInput } from '../../../shared/ui/PhoneInput';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { bankQuery, requisitesKeys, requisitesQuery, saveRequisites, type Requisites, type RequisitesBody } from '../api/requisites';
import { requisitesPayload, requisitesValues, type RequisitesValues } from '../model/requisites';

/** The requisites form: the PUT replaces them all, with the version read (none the first time). */
export function RequisitesForm({ orgId, requisites }: { orgId: string; requisites: Requisites | null }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const [conflict, setConflict] = useState(false);
  const [version, setVersion] = useState<number | null>(requisites?.version ?? null);
  const form = useForm<RequisitesValues>({
    initialValues: requisitesValues(requisites),
    validate: {
      full_name: (v) => (v.trim() ? null : t('fieldErrors.required')),
      short_name: (v) => (v.trim() ? null : t('fieldErrors.required')),
    },
  });
  const field = (name: keyof RequisitesValues) => ({ ...form.getInputProps(name), label: t(`requisites.fields.${name}`) });

  // A 9-digit BIK fills the bank's name, city and correspondent account from the directory.
  const bik = digitsOnly(form.values.bik);
  const bank = useQuery({ ...bankQuery(bik), enabled: bik.length === 9 });
  const unknownBik = bik.length === 9 && bank.error instanceof ApiProblem && bank.error.status === 404;
  // A BIK just typed replaces the bank's fields; the stored one only fills those left blank.
  useEffect(() => {
    if (!bank.data) return;
    const replace = form.isDirty('bik');
    const fill = (name: 'bank_name' | 'bank_city' | 'corr_account', value: string | null | undefined) => {
      if (value && (replace || !form.getValues()[name].trim())) form.setFieldValue(name, value);
    };
    fill('bank_name', bank.data.name);
    fill('bank_city', bank.data.city);
    fill('corr_account', bank.data.corr_account);
    // Only when the directory answers.
  }, [bank.data]);

  const mutation = useMutation({
    mutationFn: (body: RequisitesBody) => saveRequisites(orgId, body),
    onSuccess: (saved) => {
      setUnplaced(null);
      queryClient.setQueryData(requisitesKeys.of(orgId), saved);
      setVersion(saved.version);
      form.setValues(requisitesValues(saved));
      form.resetDirty(requisitesValues(saved));
      notifySuccess(t('requisites.saved'));
    },
    onError: async (error) => {
      setUnplaced(null);
      if (error instanceof ApiProblem && error.code === 'version_conflict') {
        // Someone saved first: show their version; the admin re-applies the change knowingly.
        setConflict(true);
        const fresh = await queryClient.fetchQuery({ ...requisitesQuery(orgId), staleTime: 0 });
        form.setValues(requisitesValues(fresh));
        form.resetDirty(requisitesValues(fresh));
        setVersion(fresh?.version ?? null);
      } else if (error instanceof ApiProblem && error.code === 'validation_failed') {
        setUnplaced(applyProblemToForm(form, error, { message: fieldErrorMessage }));
      }
    },
  });

  const half = { base: 12, sm: 6 } as const;
  const third = { base: 12, sm: 4 } as const;
  return (
    <form
      noValidate
      aria-label={t('requisites.title')}
      onSubmit={form.onSubmit((v) => {
        setConflict(false);
        mutation.mutate(requisitesPayload(v, version));
      })}
    >
      <Stack>
        {conflict && (
          <Alert color="orange" title={t('requisites.versionConflict')} role="alert">
            {t('requisites.versionConflictHint')}
          </Alert>
        )}
        <Fieldset legend={t('requisites.sections.company')}>
          <Grid>
            <Grid.Col span={12}>
              <TextInput required {...field('full_name')} />
            </Grid.Col>
            <Grid.Col span={12}>
              <TextInput required {...field('short_name')} />
            </Grid.Col>
            <Grid.Col span={third}>
              <TextInput inputMode="numeric" maxLength={14} {...field('inn')} />
            </Grid.Col>
            <Grid.Col span={third}>
              <TextInput maxLength={9} {...field('kpp')} />
            </Grid.Col>
            <Grid.Col span={third}>
              <TextInput inputMode="numeric" maxLength={17} {...field('ogrn')} />
            </Grid.Col>
          </Grid>
        </Fieldset>

        <Fieldset legend={t('requisites.sections.contacts')}>
          <Grid>
            <Grid.Col span={12}>
              <TextInput {...field('legal_address')} />
            </Grid.Col>
            <Grid.Col span={12}>
              <TextInput {...field('postal_address')} />
            </Grid.Col>
            <Grid.Col span={half}>
              <PhoneInput {...field('phone')} />
            </Grid.Col>
            <Grid.Col span={half}>
              <TextInput type="email" {...field('email')} />
            </Grid.Col>
          </Grid>
        </Fieldset>

        <Fieldset legend={t('requisites.sections.bank')}>
          <Grid>
            <Grid.Col span={third}>
              <TextInput
                inputMode="numeric"
                maxLength={11}
                description={t('requisites.hints.bik')}
                {...field('bik')}
                error={form.errors.bik ?? (unknownBik ? t('requisites.hints.unknownBik') : undefined)}
                rightSection={bank.isFetching ? <Loader size="xs" /> : null}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <TextInput
                inputMode="numeric"
                maxLength={25}
                description={t('requisites.hints.bank_account')}
                {...field('bank_account')}
              />
            </Grid.Col>
            <Grid.Col span={half}>
              <TextInput {...field('bank_name')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 3 }}>
              <TextInput {...field('bank_city')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 3 }}>
              <TextInput inputMode="numeric" maxLength={25} {...field('corr_account')} />
            </Grid.Col>
          </Grid>
        </Fieldset>

        <Fieldset legend={t('requisites.sections.signatories')}>
          <Grid>
            <Grid.Col span={half}>
              <TextInput placeholder={t('requisites.hints.director_position')} {...field('director_position')} />
            </Grid.Col>
            <Grid.Col span={half}>
              <TextInput description={t('requisites.hints.director_name')} {...field('director_name')} />
            </Grid.Col>
            <Grid.Col span={12}>
              <Textarea autosize minRows={2} placeholder={t('requisites.hints.director_acting')} {...field('director_acting')} />
            </Grid.Col>
            <Grid.Col span={half}>
              <TextInput {...field('accountant_name')} />
            </Grid.Col>
          </Grid>
        </Fieldset>

        {/* Below the long form, where the button is: the fields themselves say what is wrong. */}
        {mutation.isError && !conflict && <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />}
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            {t('requisites.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
