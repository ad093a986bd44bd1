import { Anchor, Button, Checkbox, Fieldset, Grid, Group, NativeSelect, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { withoutBlanks } from '../../../shared/forms/payload';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import {
  clientKeys,
  createClient,
  similarClientsQuery,
  type ClientSummary,
  type CreateClientBody,
  type Relationship,
  type SimilarQuery,
} from '../api/clients';
import {
  ContactFields,
  CounterpartyFields,
  counterpartyPayload,
  emptyContact,
  emptyCounterparty,
  type ContactValues,
  type CounterpartyValues,
} from './fields';
import { RELATIONSHIPS } from './labels';
import { SimilarClientsAlert } from './SimilarClientsAlert';
import { PhoneInput } from '../../../shared/ui/PhoneInput';

interface Values {
  name: string;
  public_name: string;
  person_kind: ClientSummary['person_kind'];
  relationship: Relationship;
  segment: string;
  email: string;
  phone: string;
  counterparty: CounterpartyValues;
  contact: ContactValues;
}

export function NewClientPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [withCounterparty, setWithCounterparty] = useState(false);
  const [withContact, setWithContact] = useState(false);
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);

  const form = useForm<Values>({
    initialValues: {
      name: '',
      public_name: '',
      person_kind: 'legal',
      relationship: 'prospect',
      segment: '',
      email: '',
      phone: '',
      counterparty: emptyCounterparty(),
      contact: emptyContact(),
    },
    validate: {
      name: (v) => (v.trim() ? null : t('fieldErrors.required')),
      counterparty: {
        name: (v) => (withCounterparty && !v.trim() ? t('fieldErrors.required') : null),
      },
      contact: {
        first_name: (v) => (withContact && !v.trim() ? t('fieldErrors.required') : null),
      },
    },
  });

  const similar = useSimilarClients(form.values, withCounterparty);

  const mutation = useMutation({
    mutationFn: (body: CreateClientBody) => createClient(body),
    onSuccess: (client) => {
      void queryClient.invalidateQueries({ queryKey: clientKeys.lists() });
      queryClient.setQueryData(clientKeys.detail(client.id), client);
      notifySuccess(t('clients.form.created', { name: client.name }));
      // A new client has no deals yet: its requisites and contacts come next.
      void navigate(`/clients/${client.id}?tab=counterparties`);
    },
    onError: (error) => {
      if (error instanceof ApiProblem && error.code === 'validation_failed') {
        const rest = applyProblemToForm(form, error, {
          hasField: (path) =>
            !(path.startsWith('counterparty.') && !withCounterparty) &&
            !(path.startsWith('contact.') && !withContact) &&
            path in flatFields(form.getValues()),
          message: fieldErrorMessage,
        });
        setUnplaced(rest);
      } else setUnplaced(null);
    },
  });

  // Creating next to a likely duplicate needs a «yes, it is another client» first.
  const similarIds = similar.map((x) => x.client.id).join(',');
  const [confirmedFor, setConfirmedFor] = useState<string | null>(null);
  const [askConfirm, setAskConfirm] = useState(false);
  const confirmed = similarIds === '' || confirmedFor === similarIds;

  const submit = (v: Values) => {
    if (!confirmed) {
      setAskConfirm(true);
      return;
    }
    setUnplaced(null);
    const { counterparty, contact, person_kind, relationship, ...client } = v;
    mutation.mutate({
      ...withoutBlanks(client),
      name: v.name.trim(),
      person_kind,
      relationship,
      counterparty: withCounterparty ? counterpartyPayload(counterparty) : undefined,
      contact: withContact ? { ...withoutBlanks(contact), first_name: contact.first_name.trim() } : undefined,
    });
  };

  return (
    <Stack maw={960}>
      <Anchor component={Link} to="/clients" size="sm">
        ← {t('clients.form.back')}
      </Anchor>
      <Title order={1} size="h2">
        {t('clients.form.title')}
      </Title>
      <SimilarClientsAlert
        items={similar}
        confirmed={confirmed}
        needsConfirmation={askConfirm && !confirmed}
        onConfirm={(yes) => setConfirmedFor(yes ? similarIds : null)}
      />
      {mutation.isError && (
        <ProblemAlert
          error={mutation.error}
          rest={unplaced ?? undefined}
          title={unplaced ? t('clients.form.fixErrors') : undefined}
        />
      )}
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack>
          <Fieldset legend={t('clients.form.clientSection')}>
            <Grid>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput label={t('clients.fields.name')} required {...form.getInputProps('name')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput label={t('clients.fields.public_name')} {...form.getInputProps('public_name')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <NativeSelect
                  label={t('clients.fields.person_kind')}
                  data={(['legal', 'person'] as const).map((k) => ({ value: k, label: t(`clients.personKind.${k}`) }))}
                  {...form.getInputProps('person_kind')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <NativeSelect
                  label={t('clients.fields.relationship')}
                  data={RELATIONSHIPS.map((r) => ({ value: r, label: t(`clients.relationship.${r}`) }))}
                  {...form.getInputProps('relationship')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput label={t('clients.fields.segment')} {...form.getInputProps('segment')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <PhoneInput label={t('clients.fields.phone')} {...form.getInputProps('phone')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput label={t('clients.fields.email')} type="email" {...form.getInputProps('email')} />
              </Grid.Col>
            </Grid>
          </Fieldset>

          <Checkbox
            label={t('clients.form.withCounterparty')}
            checked={withCounterparty}
            onChange={(e) => setWithCounterparty(e.currentTarget.checked)}
          />
          {withCounterparty && (
            <Fieldset legend={t('clients.form.counterpartySection')}>
              <CounterpartyFields
                kind={form.values.counterparty.kind}
                field={(f) => form.getInputProps(`counterparty.${f}`)}
              />
            </Fieldset>
          )}

          <Checkbox
            label={t('clients.form.withContact')}
            checked={withContact}
            onChange={(e) => setWithContact(e.currentTarget.checked)}
          />
          {withContact && (
            <Fieldset legend={t('clients.form.contactSection')}>
              <ContactFields field={(f) => form.getInputProps(`contact.${f}`)} />
            </Fieldset>
          )}

          <Group>
            <Button type="submit" loading={mutation.isPending}>
              {t('clients.form.submit')}
            </Button>
            <Button variant="default" component={Link} to="/clients">
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/** Looks for existing clients like the one being typed (debounced; only meaningful parts). */
function useSimilarClients(v: Values, withCounterparty: boolean) {
  const probe: SimilarQuery = {};
  const name = v.name.trim();
  const inn = withCounterparty ? v.counterparty.inn.replace(/\D/g, '') : '';
  const phone = v.phone.trim();
  const email = v.email.trim();
  if (name.length >= 3) probe.name = name;
  if (inn.length === 10 || inn.length === 12) probe.inn = inn;
  if (phone.replace(/\D/g, '').length >= 7) probe.phone = phone;
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) probe.email = email;
  const [debounced] = useDebouncedValue(JSON.stringify(probe), 400);
  const query = JSON.parse(debounced) as SimilarQuery;
  const enabled = Object.keys(query).length > 0;
  const result = useQuery(similarClientsQuery(query, enabled));
  return enabled ? (result.data ?? []) : [];
}

/** Every leaf path of the form values, e.g. `counterparty.inn`. */
function flatFields(values: object, prefix = ''): Record<string, true> {
  const out: Record<string, true> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v && typeof v === 'object') Object.assign(out, flatFields(v as object, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = true;
  }
  return out;
}
