import { Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { organizationsQuery } from '../../../shared/api/organizations';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';

export function OrganizationsPage() {
  const { t } = useTranslation();
  const orgs = useQuery(organizationsQuery);
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('organizations.title')}
      </Title>
      {orgs.isPending ? (
        <TableSkeleton />
      ) : orgs.isError ? (
        <ProblemAlert error={orgs.error} onRetry={() => void orgs.refetch()} />
      ) : orgs.data.length === 0 ? (
        <Text c="dimmed">{t('organizations.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped aria-label={t('organizations.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('organizations.fields.name')}</Table.Th>
                <Table.Th>{t('organizations.fields.kind')}</Table.Th>
                <Table.Th>{t('organizations.fields.inn')}</Table.Th>
                <Table.Th>{t('organizations.fields.kpp')}</Table.Th>
                <Table.Th>{t('organizations.fields.city')}</Table.Th>
                <Table.Th>{t('organizations.fields.region')}</Table.Th>
                <Table.Th>{t('organizations.fields.address')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {orgs.data.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td>{o.name}</Table.Td>
                  <Table.Td>{t(`orgKinds.${o.kind}`)}</Table.Td>
                  <Table.Td>{o.inn}</Table.Td>
                  <Table.Td>{o.kpp}</Table.Td>
                  <Table.Td>{o.city}</Table.Td>
                  <Table.Td>{o.region}</Table.Td>
                  <Table.Td>{o.address}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
