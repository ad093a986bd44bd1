import { Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../shared/api/me';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { changedFields, withoutBlanks } from '../../../shared/forms/payload';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { ConfirmButton } from '../../../shared/ui/ConfirmButton';
import { notifyProblem, notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import {
  addContact,
  clientKeys,
  deleteContact,
  updateContact,
  type ClientDetail,
  type Contact,
  type ContactPatchBody,
} from '../api/clients';
import { ContactFields, emptyContact, type ContactValues } from './fields';
import { EmailLink, PhoneLink } from '../../../shared/ui/ContactLinks';
import { formatPhoneInput } from '../../../shared/format/format';

export const contactName = (c: Pick<Contact, 'last_name' | 'first_name' | 'middle_name'>) =>
  [c.last_name, c.first_name, c.middle_name].filter(Boolean).join(' ');

const toValues = (c: Contact): ContactValues => ({
  last_name: c.last_name ?? '',
  first_name: c.first_name,
  middle_name: c.middle_name ?? '',
  position: c.position ?? '',
  phone: formatPhoneInput(c.phone ?? ''),
  mobile: formatPhoneInput(c.mobile ?? ''),
  email: c.email ?? '',
});

export function ContactsTab({ client }: { client: ClientDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canWrite = useCan('clients.write');
  // undefined: closed; null: a new contact; a contact: editing it.
  const [editing, setEditing] = useState<Contact | null | undefined>(undefined);
  const remove = useMutation({
    mutationFn: (id: string) => deleteContact(id),
    onSuccess: () => {
      notifySuccess(t('contacts.deleted'));
      void queryClient.invalidateQueries({ queryKey: clientKeys.detail(client.id) });
    },
    onError: notifyProblem,
  });

  return (
    <Stack>
      {canWrite && (
        <Group>
          <Button variant="light" onClick={() => setEditing(null)}>
            {t('contacts.add')}
          </Button>
        </Group>
      )}
      {client.contacts.length === 0 ? (
        <Text c="dimmed">{t('contacts.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table striped aria-label={t('clients.card.tabs.contacts')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('contacts.fields.full_name')}</Table.Th>
                <Table.Th>{t('contacts.fields.position')}</Table.Th>
                <Table.Th>{t('contacts.fields.phone')}</Table.Th>
                <Table.Th>{t('contacts.fields.mobile')}</Table.Th>
                <Table.Th>{t('contacts.fields.email')}</Table.Th>
                {canWrite && <Table.Th aria-label={t('common.actions')} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {client.contacts.map((c) => {
                const name = contactName(c);
                return (
                  <Table.Tr key={c.id}>
                    <Table.Td>{name}</Table.Td>
                    <Table.Td>{c.position}</Table.Td>
                    <Table.Td>
                      <PhoneLink phone={c.phone} />
                    </Table.Td>
                    <Table.Td>
                      <PhoneLink phone={c.mobile} />
                    </Table.Td>
                    <Table.Td>
                      <EmailLink email={c.email} />
                    </Table.Td>
                    {canWrite && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Button size="xs" variant="subtle" aria-label={t('contacts.edit', { name })} onClick={() => setEditing(c)}>
                            {t('common.edit')}
                          </Button>
                          <ConfirmButton
                            size="xs"
                            variant="subtle"
                            color="red"
                            aria-label={t('contacts.delete', { name })}
                            question={t('contacts.confirmDelete', { name })}
                            loading={remove.isPending && remove.variables === c.id}
                            onConfirm={() => remove.mutate(c.id)}
                          >
                            {t('common.delete')}
                          </ConfirmButton>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canWrite && (
        <ContactModal clientId={client.id} contact={editing} opened={editing !== undefined} onClose={() => setEditing(undefined)} />
      )}
    </Stack>
  );
}

function ContactModal({
  clientId,
  contact,
  opened,
  onClose,
}: {
  clientId: string;
  contact: Contact | null | undefined;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const form = useForm<ContactValues>({
    initialValues: emptyContact(),
    validate: { first_name: (v) => (v.trim() ? null : t('fieldErrors.required')) },
  });

  useEffect(() => {
    if (!opened) return;
    const values = contact ? toValues(contact) : emptyContact();
    form.setValues(values);
    form.resetDirty(values);
    form.clearErrors();
    setUnplaced(null);
    // Only when the modal opens for a contact.
  }, [opened, contact]);

  const mutation = useMutation({
    mutationFn: async (v: ContactValues) => {
      if (!contact) return addContact(clientId, { ...withoutBlanks(v), first_name: v.first_name.trim() });
      const changes = changedFields(v, toValues(contact)) as Omit<ContactPatchBody, 'version'>;
      return updateContact(contact.id, { ...changes, version: contact.version });
    },
    onSuccess: () => {
      notifySuccess(contact ? t('contacts.saved') : t('contacts.added'));
      void queryClient.invalidateQueries({ queryKey: clientKeys.detail(clientId) });
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiProblem && e.code === 'version_conflict') {
        void queryClient.invalidateQueries({ queryKey: clientKeys.detail(clientId) });
      }
      setUnplaced(
        e instanceof ApiProblem && e.code === 'validation_failed'
          ? applyProblemToForm(form, e, { message: fieldErrorMessage })
          : null,
      );
    },
  });

  return (
    <Modal opened={opened} onClose={onClose} title={contact ? t('contacts.editTitle') : t('contacts.newTitle')} size="lg">
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack>
          {mutation.isError && <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />}
          <ContactFields field={(f) => form.getInputProps(f)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {contact ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
