import { Button, Group, Modal, NativeSelect, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { organizationsQuery } from '../../../shared/api/organizations';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { ROLES, type Role } from '../../../shared/api/types';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { createUser, userKeys } from '../api/users';

interface Values {
  email: string;
  full_name: string;
  password: string;
  role: Role;
  organization_id: string;
}

export function UserFormModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const orgs = useQuery({ ...organizationsQuery, enabled: opened });
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const form = useForm<Values>({
    initialValues: { email: '', full_name: '', password: '', role: 'manager', organization_id: '' },
    validate: {
      email: (v) => (v.trim() ? null : t('fieldErrors.required')),
      full_name: (v) => (v.trim() ? null : t('fieldErrors.required')),
      password: (v) => (v ? null : t('fieldErrors.required')),
      organization_id: (v) => (v ? null : t('fieldErrors.required')),
    },
  });
  const mutation = useMutation({
    mutationFn: (v: Values) => createUser({ ...v, email: v.email.trim(), full_name: v.full_name.trim() }),
    onSuccess: () => {
      notifySuccess(t('users.created'));
      void queryClient.invalidateQueries({ queryKey: userKeys.all });
      form.reset();
      onClose();
    },
    onError: (e) =>
      setUnplaced(
        e instanceof ApiProblem && e.code === 'validation_failed'
          ? applyProblemToForm(form, e, { message: fieldErrorMessage })
          : null,
      ),
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('users.newTitle')}>
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack>
          {mutation.isError && <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />}
          <TextInput label={t('users.fields.full_name')} required {...form.getInputProps('full_name')} />
          <TextInput label={t('users.fields.email')} type="email" required {...form.getInputProps('email')} />
          <PasswordInput label={t('users.fields.password')} required autoComplete="new-password" {...form.getInputProps('password')} />
          <NativeSelect
            label={t('users.fields.role')}
            data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            {...form.getInputProps('role')}
          />
          <NativeSelect
            label={t('users.fields.organization')}
            required
            data={[{ value: '', label: '—' }, ...(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))]}
            {...form.getInputProps('organization_id')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
