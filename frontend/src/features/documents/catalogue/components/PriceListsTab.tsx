import { Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../../../shared/api/me';
import { ProblemAlert } from '../../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../../shared/ui/TableSkeleton';
import { priceListsQuery } from '../api/catalogue';
import { inForceOn, today } from '../model/priceList';
import { PriceListModal } from './PriceListModal';
import { Validity } from './Validity';

export function PriceListsTab() {
  const { t } = useTranslation();
  const canWrite = useCan('catalogue.write');
  const [creating, create] = useDisclosure(false);
  const lists = useQuery(priceListsQuery);
  const now = today();

  return (
    <Stack>
      {canWrite && (
        <Group justify="flex-end">
          <Button onClick={create.open}>{t('catalogue.priceLists.new')}</Button>
        </Group>
      )}
      {lists.isPending ? (
        <TableSkeleton />
      ) : lists.isError ? (
        <ProblemAlert error={lists.error} onRetry={() => void lists.refetch()} />
      ) : lists.data.length === 0 ? (
        <Stack gap={4} py="xl" align="center">
          <Text fw={500}>{t('catalogue.priceLists.empty')}</Text>
          {canWrite && (
            <Text c="dimmed" size="sm">
              {t('catalogue.priceLists.emptyHint')}
            </Text>
          )}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table striped highlightOnHover aria-label={t('catalogue.priceLists.listLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('catalogue.priceLists.fields.name')}</Table.Th>
                <Table.Th>{t('catalogue.priceLists.fields.currency')}</Table.Th>
                <Table.Th>{t('catalogue.priceLists.validity')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lists.data.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/catalogue/price-lists/${p.id}`}>
                      {p.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{p.currency}</Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <Validity list={p} />
                      {inForceOn(p, now) ? (
                        <Badge size="xs" variant="light" color="teal">
                          {t('catalogue.priceLists.inForce')}
                        </Badge>
                      ) : (
                        <Badge size="xs" variant="light" color="gray">
                          {t('catalogue.priceLists.notInForce')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canWrite && <PriceListModal opened={creating} onClose={create.close} />}
    </Stack>
  );
}
