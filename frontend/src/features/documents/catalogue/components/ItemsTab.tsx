import { Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCan } from '../../../../shared/api/me';
import { ProblemAlert } from '../../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../../shared/ui/TableSkeleton';
import { itemListQuery, type CatalogueItem, type ItemFilters } from '../api/catalogue';
import { ITEM_KINDS } from '../model/item';
import { ItemModal } from './ItemModal';
import { tileSummary } from './labels';

const STATES = ['active', 'archived', 'all'] as const satisfies readonly ItemFilters['state'][];

export function ItemsTab() {
  const { t } = useTranslation();
  const canWrite = useCan('catalogue.write');
  // Filters live in the URL so a list can be bookmarked and survives "back".
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const kind = ITEM_KINDS.find((k) => k === params.get('kind'));
  const state = STATES.find((s) => s === params.get('state')) ?? 'active';
  const [debouncedSearch] = useDebouncedValue(search.trim(), 350);
  const [creating, create] = useDisclosure(false);
  const [editing, setEditing] = useState<CatalogueItem | null>(null);

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

  const filters: ItemFilters = { q: debouncedSearch || undefined, kind, state };
  const list = useInfiniteQuery(itemListQuery(filters));
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  return (
    <Stack>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('catalogue.items.search')}
          placeholder={t('catalogue.items.searchPlaceholder')}
          type="search"
          value={search}
          onChange={(e) => setParam('q', e.currentTarget.value)}
          w={{ base: '100%', xs: 320 }}
        />
        <NativeSelect
          label={t('catalogue.items.kindFilter')}
          data={[{ value: '', label: t('common.all') }, ...ITEM_KINDS.map((k) => ({ value: k, label: t(`catalogue.kind.${k}`) }))]}
          value={kind ?? ''}
          onChange={(e) => setParam('kind', e.currentTarget.value)}
          w={180}
        />
        <NativeSelect
          label={t('catalogue.items.stateFilter')}
          data={STATES.map((s) => ({ value: s, label: t(`catalogue.state.${s}`) }))}
          value={state}
          onChange={(e) => setParam('state', e.currentTarget.value === 'active' ? null : e.currentTarget.value)}
          w={160}
        />
        {canWrite && (
          <Button ml="auto" onClick={create.open}>
            {t('catalogue.items.new')}
          </Button>
        )}
      </Group>

      {list.isPending ? (
        <TableSkeleton />
      ) : list.isError && items.length === 0 ? (
        <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Stack gap={4} py="xl" align="center">
          <Text fw={500}>{t('catalogue.items.empty')}</Text>
          <Text c="dimmed" size="sm">
            {canWrite ? t('catalogue.items.emptyHint') : t('catalogue.items.emptyHintReadOnly')}
          </Text>
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover aria-label={t('catalogue.items.listLabel')} opacity={list.isPlaceholderData ? 0.6 : 1}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('catalogue.items.columns.name')}</Table.Th>
                <Table.Th>{t('catalogue.items.columns.article')}</Table.Th>
                <Table.Th>{t('catalogue.items.columns.kind')}</Table.Th>
                <Table.Th>{t('catalogue.items.columns.attributes')}</Table.Th>
                <Table.Th>{t('catalogue.items.columns.unit')}</Table.Th>
                <Table.Th>{t('catalogue.items.columns.vat')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      {canWrite ? (
                        <UnstyledButton
                          c="teal.8"
                          fz="sm"
                          fw={500}
                          onClick={() => setEditing(item)}
                          aria-label={t('catalogue.items.edit', { name: item.name })}
                        >
                          {item.name}
                        </UnstyledButton>
                      ) : (
                        <Text size="sm" fw={500}>
                          {item.name}
                        </Text>
                      )}
                      {!item.active && (
                        <Badge size="xs" variant="light" color="gray">
                          {t('catalogue.items.archived')}
                        </Badge>
                      )}
                    </Group>
                    {item.description && (
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {item.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{item.article ?? ''}</Table.Td>
                  <Table.Td>{t(`catalogue.kind.${item.kind}`)}</Table.Td>
                  <Table.Td>{tileSummary(t, item)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" span title={`ОКЕИ ${item.okei}`}>
                      {item.unit_name}
                    </Text>{' '}
                    <Text size="xs" c="dimmed" span>
                      {item.okei}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`catalogue.vat.${item.vat_kind}`)}</Table.Td>
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

      {canWrite && <ItemModal opened={creating} onClose={create.close} />}
      {canWrite && editing && <ItemModal item={editing} opened onClose={() => setEditing(null)} />}
    </Stack>
  );
}
