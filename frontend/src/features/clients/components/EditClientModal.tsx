import { Alert, Button, Grid, Group, Modal, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { changedFields } from '../../../shared/forms/payload';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { clientKeys, clientQuery, updateClient, type ClientDetail, type UpdateClientBody } from '../api/clients';
import { RELATIONSHIPS } from './labels';
import { PhoneInput } from '../../../shared/ui/PhoneInput';
import { formatPhoneInput } from '../../../shared/format/format';

type Values = {
  name: string;
  public_name: string;
  person_kind: ClientDetail['person_kind'];
  relationship: ClientDetail['relationship'];
  segment: string;
  client_type: string;
  email: string;
  phone: string;
  notes: string;
};

const toValues = (c: ClientDetail): Values => ({
  name: c.name,
  public_name: c.public_name ?? '',
  person_kind: c.person_kind,
  relationship: c.relationship,
  segment: c.segment ?? '',
  client_type: c.client_type ?? '',
  email: c.email ?? '',
  phone: formatPhoneInput(c.phone ?? ''),
  notes: c.notes ?? '',
});

export function EditClientModal({ client, opened, onClose }: { client: ClientDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [conflict, setConflict] = useState(false);
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const form = useForm<Values>({ initialValues: toValues(client) });

  useEffect(() => {
    if (opened) {
      form.setValues(toValues(client));
      form.resetDirty(toValues(client));
      form.clearErrors();
    } else setConflict(false);
    // Re-initialise only when the modal opens.
  }, [opened]);

  const mutation = useMutation({
    mutationFn: (body: UpdateClientBody) => updateClient(client.id, body),
    onSuccess: (updated) => {
      queryClient.setQueryData(clientKeys.detail(client.id), updated);
      void queryClient.invalidateQueries({ queryKey: clientKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: clientKeys.history(client.id) });
      notifySuccess(t('clients.card.saved'));
      onClose();
    },
    onError: async (error) => {
      setUnplaced(null);
      if (error instanceof ApiProblem && error.code === 'version_conflict') {
        // Someone saved first: show their version; the user re-applies the change knowingly.
        setConflict(true);
        const fresh = await queryClient.fetchQuery({ ...clientQuery(client.id), staleTime: 0 });
        form.setValues(toValues(fresh));
        form.resetDirty(toValues(fresh));
      } else if (error instanceof ApiProblem && error.code === 'validation_failed') {
        setUnplaced(applyProblemToForm(form, error, { message: fieldErrorMessage }));
      }
    },
  });

  const submit = (values: Values) => {
    setConflict(false);
    const current = queryClient.getQueryData<ClientDetail>(clientKeys.detail(client.id)) ?? client;
    const changes = changedFields(values, toValues(current));
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    // Enumerated and required fields are never null; the rest may be cleared.
    mutation.mutate({ ...(changes as UpdateClientBody), version: current.version });
  };

  const showError =
    mutation.isError && !(mutation.error instanceof ApiProblem && mutation.error.code === 'version_conflict');

  return (
    <Modal opened={opened} onClose={onClose} title={t('clients.card.editTitle')} size="lg">
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack>
          {conflict && (
            <Alert color="orange" title={t('clients.card.versionConflict')} role="alert">
              {t('clients.card.versionConflictHint')}
            </Alert>
          )}
          {showError && <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />}
          <Grid>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label={t('clients.fields.name')} required {...form.getInputProps('name')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label={t('clients.fields.public_name')} {...form.getInputProps('public_name')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <NativeSelect
                label={t('clients.fields.person_kind')}
                data={(['legal', 'person'] as const).map((k) => ({ value: k, label: t(`clients.personKind.${k}`) }))}
                {...form.getInputProps('person_kind')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <NativeSelect
                label={t('clients.fields.relationship')}
                data={RELATIONSHIPS.map((r) => ({ value: r, label: t(`clients.relationship.${r}`) }))}
                {...form.getInputProps('relationship')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label={t('clients.fields.segment')} {...form.getInputProps('segment')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label={t('clients.fields.client_type')} {...form.getInputProps('client_type')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <PhoneInput label={t('clients.fields.phone')} {...form.getInputProps('phone')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label={t('clients.fields.email')} type="email" {...form.getInputProps('email')} />
            </Grid.Col>
            <Grid.Col span={12}>
              <Textarea label={t('clients.fields.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
            </Grid.Col>
          </Grid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
