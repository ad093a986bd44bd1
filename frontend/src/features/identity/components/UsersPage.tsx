import { Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../shared/api/types';
import { notifyProblem, notifySuccess } from '../../../shared/ui/notify';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { updateUser, userKeys, usersQuery, type UpdateUserBody, type User } from '../api/users';
import { UserFormModal } from './UserFormModal';

export function UsersPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 350);
  const [creating, create] = useDisclosure(false);
  const users = useInfiniteQuery(usersQuery(q));
  const items = users.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('users.title')}
        </Title>
        <Button onClick={create.open}>{t('users.new')}</Button>
      </Group>
      <TextInput label={t('users.search')} type="search" value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={320} />
      {users.isPending ? (
        <TableSkeleton />
      ) : users.isError && items.length === 0 ? (
        <ProblemAlert error={users.error} onRetry={() => void users.refetch()} />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('users.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped aria-label={t('users.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.fields.full_name')}</Table.Th>
                <Table.Th>{t('users.fields.email')}</Table.Th>
                <Table.Th>{t('users.fields.role')}</Table.Th>
                <Table.Th>{t('users.fields.organization')}</Table.Th>
                <Table.Th>{t('users.fields.status')}</Table.Th>
                <Table.Th aria-label={t('common.actions')} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((u) => (
                <UserRow key={u.id} user={u} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {users.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={users.isFetchingNextPage} onClick={() => void users.fetchNextPage()}>
            {t('common.showMore')}
          </Button>
        </Group>
      )}
      <UserFormModal opened={creating} onClose={create.close} />
    </Stack>
  );
}

function UserRow({ user }: { user: User }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (changes: Omit<UpdateUserBody, 'version'>) => updateUser(user.id, { ...changes, version: user.version }),
    onSuccess: () => notifySuccess(t('users.updated')),
    onError: notifyProblem,
    // Stale versions (409) and successes alike: show what the server now has.
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
  return (
    <Table.Tr>
      <Table.Td>{user.full_name}</Table.Td>
      <Table.Td>{user.email}</Table.Td>
      <Table.Td>
        <NativeSelect
          size="xs"
          aria-label={t('users.roleOf', { name: user.full_name })}
          data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          value={user.role}
          disabled={mutation.isPending}
          onChange={(e) => mutation.mutate({ role: e.currentTarget.value as Role })}
        />
      </Table.Td>
      <Table.Td>{user.organization_name}</Table.Td>
      <Table.Td>
        <Badge color={user.is_active ? 'green' : 'gray'} variant="light">
          {user.is_active ? t('users.active') : t('users.inactive')}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Button
          size="xs"
          variant="subtle"
          color={user.is_active ? 'red' : 'green'}
          loading={mutation.isPending}
          onClick={() => mutation.mutate({ is_active: !user.is_active })}
        >
          {user.is_active ? t('users.deactivate') : t('users.activate')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}
