import { Alert, Button, Code, CopyButton, Group, Modal, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { organizationsQuery } from '../../../shared/api/organizations';
import { ApiProblem, type FieldError } from '../../../shared/api/problem';
import { ROLES, type Role } from '../../../shared/api/types';
import { formatDateTime } from '../../../shared/format/format';
import { applyProblemToForm } from '../../../shared/forms/problemFields';
import { fieldErrorMessage } from '../../../shared/i18n/messages';
import { ConfirmButton } from '../../../shared/ui/ConfirmButton';
import { notifyProblem, notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { apiKeyKeys, apiKeysQuery, createApiKey, revokeApiKey, type CreatedApiKey } from '../api/apiKeys';

export function ApiKeysPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const keys = useQuery(apiKeysQuery);
  const orgs = useQuery(organizationsQuery);
  const [creating, create] = useDisclosure(false);
  const orgName = (id: string) => orgs.data?.find((o) => o.id === id)?.name ?? '';
  const revoke = useMutation({
    mutationFn: revokeApiKey,
    onSuccess: () => notifySuccess(t('apiKeys.revokedToast')),
    onError: notifyProblem,
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiKeyKeys.all }),
  });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('apiKeys.title')}
        </Title>
        <Button onClick={create.open}>{t('apiKeys.new')}</Button>
      </Group>
      {keys.isPending ? (
        <TableSkeleton />
      ) : keys.isError ? (
        <ProblemAlert error={keys.error} onRetry={() => void keys.refetch()} />
      ) : keys.data.length === 0 ? (
        <Text c="dimmed">{t('apiKeys.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped aria-label={t('apiKeys.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('apiKeys.fields.name')}</Table.Th>
                <Table.Th>{t('apiKeys.fields.prefix')}</Table.Th>
                <Table.Th>{t('apiKeys.fields.role')}</Table.Th>
                <Table.Th>{t('apiKeys.fields.organization')}</Table.Th>
                <Table.Th>{t('apiKeys.fields.created_at')}</Table.Th>
                <Table.Th>{t('apiKeys.fields.last_used_at')}</Table.Th>
                <Table.Th>{t('apiKeys.fields.status')}</Table.Th>
                <Table.Th aria-label={t('common.actions')} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.data.map((k) => (
                <Table.Tr key={k.id}>
                  <Table.Td>{k.name}</Table.Td>
                  <Table.Td>
                    <Code>{k.prefix}…</Code>
                  </Table.Td>
                  <Table.Td>{t(`roles.${k.role}`, { defaultValue: k.role })}</Table.Td>
                  <Table.Td>{orgName(k.organization_id)}</Table.Td>
                  <Table.Td>{formatDateTime(k.created_at)}</Table.Td>
                  <Table.Td>{k.last_used_at ? formatDateTime(k.last_used_at) : t('apiKeys.never')}</Table.Td>
                  <Table.Td>
                    {k.revoked_at ? (
                      <Text size="sm" c="dimmed">
                        {t('apiKeys.revoked', { date: formatDateTime(k.revoked_at) })}
                      </Text>
                    ) : (
                      <Text size="sm" c="green.8" fw={500}>
                        {t('apiKeys.active')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {!k.revoked_at && (
                      <ConfirmButton
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={t('apiKeys.revokeLabel', { name: k.name })}
                        question={t('apiKeys.confirmRevoke', { name: k.name })}
                        loading={revoke.isPending && revoke.variables === k.id}
                        onConfirm={() => revoke.mutate(k.id)}
                      >
                        {t('apiKeys.revoke')}
                      </ConfirmButton>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CreateApiKeyModal opened={creating} onClose={create.close} />
    </Stack>
  );
}

interface Values {
  name: string;
  role: Role;
  organization_id: string;
}

function CreateApiKeyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const orgs = useQuery({ ...organizationsQuery, enabled: opened });
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [unplaced, setUnplaced] = useState<FieldError[] | null>(null);
  const form = useForm<Values>({
    initialValues: { name: '', role: 'manager', organization_id: '' },
    validate: {
      name: (v) => (v.trim() ? null : t('fieldErrors.required')),
      organization_id: (v) => (v ? null : t('fieldErrors.required')),
    },
  });
  const mutation = useMutation({
    mutationFn: (v: Values) => createApiKey({ ...v, name: v.name.trim() }),
    onSuccess: (result) => {
      setCreated(result);
      form.reset();
      void queryClient.invalidateQueries({ queryKey: apiKeyKeys.all });
    },
    onError: (e) =>
      setUnplaced(
        e instanceof ApiProblem && e.code === 'validation_failed'
          ? applyProblemToForm(form, e, { message: fieldErrorMessage })
          : null,
      ),
  });
  const close = () => {
    setCreated(null); // the secret is gone for good once the dialog closes
    mutation.reset();
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={created ? t('apiKeys.secretTitle') : t('apiKeys.newTitle')} size="lg">
      {created ? (
        <Stack>
          <Alert color="orange" role="alert">
            {t('apiKeys.secretWarning')}
          </Alert>
          <TextInput label={t('apiKeys.secretLabel')} value={created.secret} readOnly styles={{ input: { fontFamily: 'monospace' } }} onFocus={(e) => e.currentTarget.select()} />
          <Group justify="space-between">
            <CopyButton value={created.secret}>
              {({ copied, copy }) => (
                <Button color={copied ? 'teal' : undefined} variant="light" onClick={copy}>
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={close}>{t('common.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
          <Stack>
            {mutation.isError && <ProblemAlert error={mutation.error} rest={unplaced ?? undefined} />}
            <TextInput label={t('apiKeys.fields.name')} required {...form.getInputProps('name')} />
            <NativeSelect
              label={t('apiKeys.fields.role')}
              data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              {...form.getInputProps('role')}
            />
            <NativeSelect
              label={t('apiKeys.fields.organization')}
              required
              data={[{ value: '', label: '—' }, ...(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))]}
              {...form.getInputProps('organization_id')}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={mutation.isPending}>
                {t('common.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
