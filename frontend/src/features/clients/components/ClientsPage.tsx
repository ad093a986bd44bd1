import { Anchor, Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { can, useMe } from '../../../shared/api/me';
import { organizationsQuery } from '../../../shared/api/organizations';
import { ProblemAlert } from '../../../shared/ui/ProblemAlert';
import { ExportButtons } from '../../../shared/ui/ExportButtons';
import { TableSkeleton } from '../../../shared/ui/TableSkeleton';
import { clientExportUrl, clientListQuery, type ClientFilters, type ClientSort } from '../api/clients';
import { RELATIONSHIPS, relationshipColor } from './labels';
import { EmailLink, PhoneLink } from '../../../shared/ui/ContactLinks';

const SORTS = ['name', '-name', '-created_at', 'created_at', '-updated_at'] as const satisfies readonly ClientSort[];

export function ClientsPage() {
  const { t } = useTranslation();
  const me = useMe();
  // Filters live in the URL so a list can be bookmarked and survives "back".
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const relationship = RELATIONSHIPS.find((r) => r === params.get('relationship'));
  const organizationId = params.get('organization_id') || undefined;
  const sort = SORTS.find((s) => s === params.get('sort')) ?? 'name';
  const [debouncedSearch] = useDebouncedValue(search.trim(), 350);

  const setParam = (key: string, value: string | null | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const orgs = useQuery({ ...organizationsQuery, enabled: can(me, 'organizations.read') });
  const filters: ClientFilters = { q: debouncedSearch || undefined, relationship, organization_id: organizationId, sort };
  const list = useInfiniteQuery(clientListQuery(filters));

  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const multiOrg = (orgs.data?.length ?? 0) > 1 || new Set(items.map((c) => c.organization_id)).size > 1;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('clients.title')}
        </Title>
        {can(me, 'clients.write') && (
          <Button component={Link} to="/clients/new">
            {t('clients.new')}
          </Button>
        )}
      </Group>

      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('clients.search')}
          placeholder={t('clients.searchPlaceholder')}
          type="search"
          value={search}
          onChange={(e) => setParam('q', e.currentTarget.value)}
          w={320}
        />
        <NativeSelect
          label={t('clients.relationshipFilter')}
          data={[
            { value: '', label: t('common.all') },
            ...RELATIONSHIPS.map((r) => ({ value: r, label: t(`clients.relationship.${r}`) })),
          ]}
          value={relationship ?? ''}
          onChange={(e) => setParam('relationship', e.currentTarget.value)}
          w={200}
        />
        {multiOrg && orgs.data && (
          <NativeSelect
            label={t('clients.organizationFilter')}
            data={[{ value: '', label: t('common.all') }, ...orgs.data.map((o) => ({ value: o.id, label: o.name }))]}
            value={organizationId ?? ''}
            onChange={(e) => setParam('organization_id', e.currentTarget.value)}
            w={240}
          />
        )}
        <NativeSelect
          label={t('clients.sort')}
          data={SORTS.map((s) => ({ value: s, label: t(`clients.sortOptions.${s}`) }))}
          value={sort}
          onChange={(e) => setParam('sort', e.currentTarget.value === 'name' ? null : e.currentTarget.value)}
          w={230}
        />
        <Group ml="auto">
          <ExportButtons url={(format) => clientExportUrl(filters, format)} name="clients" />
        </Group>
      </Group>

      {list.isPending ? (
        <TableSkeleton />
      ) : list.isError && items.length === 0 ? (
        <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Stack gap={4} py="xl" align="center">
          <Text fw={500}>{t('clients.empty')}</Text>
          <Text c="dimmed" size="sm">
            {t('clients.emptyHint')}
          </Text>
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped highlightOnHover aria-label={t('clients.listLabel')} opacity={list.isPlaceholderData ? 0.6 : 1}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('clients.columns.name')}</Table.Th>
                <Table.Th>{t('clients.columns.inn')}</Table.Th>
                <Table.Th>{t('clients.columns.phone')}</Table.Th>
                <Table.Th>{t('clients.columns.email')}</Table.Th>
                <Table.Th>{t('clients.columns.manager')}</Table.Th>
                {multiOrg && <Table.Th>{t('clients.columns.organization')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Anchor component={Link} to={`/clients/${c.id}`}>
                        {c.name}
                      </Anchor>
                      <Badge size="xs" variant="light" color={relationshipColor[c.relationship]}>
                        {t(`clients.relationship.${c.relationship}`)}
                      </Badge>
                    </Group>
                  </Table.Td>
                  <Table.Td>{c.inn ?? ''}</Table.Td>
                  <Table.Td>
                    <PhoneLink phone={c.phone} />
                  </Table.Td>
                  <Table.Td>
                    <EmailLink email={c.email} />
                  </Table.Td>
                  <Table.Td>{c.manager_name ?? ''}</Table.Td>
                  {multiOrg && <Table.Td>{c.organization_name}</Table.Td>}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {list.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('common.showMore')}
          </Button>
        </Group>
      )}
      {list.isFetchNextPageError && <ProblemAlert error={list.error} />}
    </Stack>
  );
}
