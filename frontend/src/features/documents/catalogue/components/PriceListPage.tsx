import { ActionIcon, Alert, Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCan } from '../../../../shared/api/me';
import { ApiProblem } from '../../../../shared/api/problem';
import { formatDate } from '../../../../shared/format/format';
import { formatMoneyInput } from '../../../../shared/format/money';
import { fieldErrorMessage } from '../../../../shared/i18n/messages';
import { DateField } from '../../../../shared/ui/DateField';
import { NotFound } from '../../../../shared/ui/NotFound';
import { notifySuccess } from '../../../../shared/ui/notify';
import { ProblemAlert } from '../../../../shared/ui/ProblemAlert';
import { TableSkeleton } from '../../../../shared/ui/TableSkeleton';
import {
  catalogueKeys,
  itemSearchQuery,
  priceInRubQuery,
  priceListQuery,
  savePrices,
  type CatalogueItem,
  type Currency,
  type PriceInput,
  type PriceListView,
} from '../api/catalogue';
import { formatAmount } from '../model/decimal';
import { pricesChange, type PriceDraft } from '../model/prices';
import { today } from '../model/priceList';
import { PriceListModal } from './PriceListModal';
import { tileSummary } from './labels';
import { Validity } from './Validity';

const draftsOf = (view: PriceListView): PriceDraft[] =>
  view.prices.map((p) => ({ item_id: p.item.id, text: formatMoneyInput(p.price), saved: p.price }));

/** A price list: its period and currency, and the table of its items' prices, edited in place. */
export function PriceListPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const canWrite = useCan('catalogue.write');
  const queryClient = useQueryClient();
  const view = useQuery(priceListQuery(id));
  const [editing, edit] = useDisclosure(false);

  const [drafts, setDrafts] = useState<PriceDraft[]>([]);
  const [removed, setRemoved] = useState<string[]>([]);
  const [added, setAdded] = useState<Record<string, CatalogueItem>>({});
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [rubDate, setRubDate] = useState(today());

  const change = useMemo(() => pricesChange(drafts, removed), [drafts, removed]);
  const dirty = change.prices.length > 0 || Object.keys(change.invalid).length > 0;

  // The saved prices replace the table whenever they are (re)read and nothing is being edited.
  useEffect(() => {
    if (view.data && !dirty) {
      setDrafts(draftsOf(view.data));
      setRemoved([]);
    }
    // Only on new data: an edit must not be overwritten by the user's own typing.
  }, [view.data]);

  const mutation = useMutation({
    mutationFn: (prices: PriceInput[]) => savePrices(id, { prices }),
    onSuccess: async () => {
      setRowErrors({});
      notifySuccess(t('catalogue.prices.saved'));
      const fresh = await queryClient.fetchQuery({ ...priceListQuery(id), staleTime: 0 });
      setDrafts(draftsOf(fresh));
      setRemoved([]);
      setAdded({});
      void queryClient.invalidateQueries({ queryKey: catalogueKeys.priceList(id) });
    },
    onError: (error, sent) => {
      // `prices[3].price` names the fourth row sent: put its message under that row's price.
      if (error instanceof ApiProblem && error.code === 'validation_failed') {
        const byRow: Record<string, string> = {};
        for (const e of error.errors) {
          const m = /^prices\[(\d+)\]/.exec(e.field);
          const itemId = m ? sent[Number(m[1])]?.item_id : undefined;
          if (itemId) byRow[itemId] = fieldErrorMessage(e);
        }
        setRowErrors(byRow);
      }
    },
  });

  if (view.isPending) return <TableSkeleton rows={8} />;
  if (view.isError) {
    const e = view.error;
    if (e instanceof ApiProblem && (e.status === 404 || e.code === 'bad_request')) return <NotFound text={t('catalogue.priceLists.notFound')} />;
    return <ProblemAlert error={e} onRetry={() => void view.refetch()} />;
  }
  const { list } = view.data;
  const itemsById: Record<string, CatalogueItem> = { ...added };
  for (const p of view.data.prices) itemsById[p.item.id] = p.item;

  const setText = (itemId: string, text: string) => {
    setDrafts((ds) => ds.map((d) => (d.item_id === itemId ? { ...d, text } : d)));
    setRowErrors(({ [itemId]: _, ...rest }) => rest);
  };
  const remove = (row: PriceDraft) => {
    setDrafts((ds) => ds.filter((d) => d.item_id !== row.item_id));
    if (row.saved !== null) setRemoved((r) => [...r, row.item_id]);
  };
  const add = (item: CatalogueItem) => {
    if (drafts.some((d) => d.item_id === item.id)) return;
    setAdded((a) => ({ ...a, [item.id]: item }));
    setRemoved((r) => r.filter((x) => x !== item.id));
    const wasSaved = view.data.prices.find((p) => p.item.id === item.id)?.price ?? null;
    setDrafts((ds) => [...ds, { item_id: item.id, text: '', saved: wasSaved }]);
  };
  const save = () => {
    if (Object.keys(change.invalid).length > 0) {
      setRowErrors(Object.fromEntries(Object.keys(change.invalid).map((k) => [k, t('catalogue.prices.notAPrice')])));
      return;
    }
    mutation.mutate(change.prices);
  };
  const foreign = list.currency !== 'RUB';
  const firstSaved = drafts.find((d) => d.saved !== null && !removed.includes(d.item_id));

  return (
    <Stack>
      <Anchor component={Link} to="/catalogue?tab=price-lists" size="sm">
        ← {t('catalogue.priceLists.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1} size="h2">
              {list.name}
            </Title>
            <Badge variant="light">{list.currency}</Badge>
          </Group>
          <Text c="dimmed" size="sm">
            {t('catalogue.priceLists.validity')} <Validity list={list} />
          </Text>
        </Stack>
        {canWrite && (
          <Button variant="default" onClick={edit.open}>
            {t('catalogue.priceLists.edit')}
          </Button>
        )}
      </Group>

      <Title order={2} size="h4">
        {t('catalogue.prices.title')}
      </Title>
      {canWrite ? (
        <AddItem onAdd={add} present={new Set(drafts.map((d) => d.item_id))} />
      ) : (
        <Text size="sm" c="dimmed">
          {t('catalogue.prices.readOnly')}
        </Text>
      )}

      {foreign && drafts.length > 0 && (
        <Group align="flex-end">
          <DateField label={t('catalogue.prices.rubDate')} value={rubDate} onChange={(v) => setRubDate(v || today())} w={200} />
        </Group>
      )}
      {foreign && firstSaved && /^\d{4}-\d{2}-\d{2}$/.test(rubDate) && (
        <RubProblem listId={id} itemId={firstSaved.item_id} date={rubDate} />
      )}

      {drafts.length === 0 ? (
        <Stack gap={4} py="xl" align="center">
          <Text fw={500}>{t('catalogue.prices.empty')}</Text>
          {canWrite && (
            <Text c="dimmed" size="sm">
              {t('catalogue.prices.emptyHint')}
            </Text>
          )}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={foreign ? 600 : 440}>
          <Table striped aria-label={t('catalogue.prices.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('catalogue.prices.columns.item')}</Table.Th>
                <Table.Th>{t('catalogue.prices.columns.unit')}</Table.Th>
                <Table.Th w={180}>{t('catalogue.prices.columns.price', { currency: list.currency })}</Table.Th>
                {foreign && <Table.Th>{t('catalogue.prices.columns.rub', { date: formatDate(rubDate) })}</Table.Th>}
                {canWrite && <Table.Th w={40} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {drafts.map((row) => {
                const item = itemsById[row.item_id];
                const name = item?.name ?? row.item_id;
                return (
                  <Table.Tr key={row.item_id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {name}
                      </Text>
                      {item && (item.article || item.tile) && (
                        <Text size="xs" c="dimmed">
                          {[item.article, tileSummary(t, item)].filter(Boolean).join(' · ')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{item?.unit_name}</Table.Td>
                    <Table.Td>
                      {canWrite ? (
                        <TextInput
                          size="xs"
                          inputMode="decimal"
                          aria-label={t('catalogue.prices.priceOf', { name })}
                          value={row.text}
                          onChange={(e) => setText(row.item_id, e.currentTarget.value)}
                          onBlur={(e) => {
                            const text = e.currentTarget.value;
                            const parsed = pricesChange([{ item_id: row.item_id, text, saved: null }]).prices[0]?.price;
                            if (parsed) setText(row.item_id, formatMoneyInput(parsed));
                          }}
                          error={rowErrors[row.item_id]}
                          rightSection={<CurrencySign currency={list.currency} />}
                        />
                      ) : (
                        formatAmount(row.saved, list.currency)
                      )}
                    </Table.Td>
                    {foreign && (
                      <Table.Td>
                        {row.saved !== null && /^\d{4}-\d{2}-\d{2}$/.test(rubDate) ? (
                          <RubCell listId={id} itemId={row.item_id} date={rubDate} />
                        ) : (
                          '—'
                        )}
                      </Table.Td>
                    )}
                    {canWrite && (
                      <Table.Td>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={t('catalogue.prices.remove', { name })}
                          onClick={() => remove(row)}
                        >
                          ×
                        </ActionIcon>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {canWrite && (drafts.length > 0 || removed.length > 0) && (
        <Group>
          <Button onClick={save} loading={mutation.isPending} disabled={!dirty}>
            {t('catalogue.prices.save')}
          </Button>
          {dirty && (
            <Text size="sm" c="orange.8" role="status">
              {t('catalogue.prices.unsaved')}
            </Text>
          )}
        </Group>
      )}
      {mutation.isError && <ProblemAlert error={mutation.error} rest={[]} />}

      {canWrite && <PriceListModal list={list} opened={editing} onClose={edit.close} />}
    </Stack>
  );
}

function CurrencySign({ currency }: { currency: Currency }) {
  return (
    <Text size="xs" c="dimmed">
      {({ RUB: '₽', EUR: '€', USD: '$' } as const)[currency]}
    </Text>
  );
}

/** Searches the catalogue for an item to add (one already in the list is shown, not offered). */
function AddItem({ onAdd, present }: { onAdd: (item: CatalogueItem) => void; present: Set<string> }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const found = useQuery({ ...itemSearchQuery(debounced), enabled: debounced.length >= 2 });
  const items = debounced.length >= 2 ? (found.data ?? []) : [];
  return (
    <Select
      label={t('catalogue.prices.add')}
      placeholder={t('catalogue.prices.addPlaceholder')}
      searchable
      value={null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={debounced.length >= 2 && found.isSuccess ? t('catalogue.prices.nothingFound') : null}
      data={items.map((i) => ({
        value: i.id,
        label: `${i.name}${i.article ? ` (${i.article})` : ''}${present.has(i.id) ? ` — ${t('catalogue.prices.alreadyThere')}` : ''}`,
        disabled: present.has(i.id),
      }))}
      onChange={(v) => {
        const item = items.find((i) => i.id === v);
        if (item) onAdd(item);
        setSearch('');
      }}
      maw={520}
    />
  );
}

const isNoRate = (e: unknown) => e instanceof ApiProblem && e.errors.some((f) => f.field === 'currency');

function RubCell({ listId, itemId, date }: { listId: string; itemId: string; date: string }) {
  const { t } = useTranslation();
  const price = useQuery(priceInRubQuery(listId, itemId, date));
  if (price.isPending) return <Text size="sm" c="dimmed">…</Text>;
  if (price.isError)
    return (
      <Text size="sm" c="dimmed" title={isNoRate(price.error) ? t('catalogue.prices.noRate') : undefined}>
        —
      </Text>
    );
  return <Text size="sm">{formatAmount(price.data.price_rub, 'RUB')}</Text>;
}

/** Why the prices cannot be shown in roubles on that date: no rate, or the list not in force. */
function RubProblem({ listId, itemId, date }: { listId: string; itemId: string; date: string }) {
  const { t } = useTranslation();
  const price = useQuery(priceInRubQuery(listId, itemId, date));
  if (!price.isError) return null;
  const e = price.error;
  const fieldError = e instanceof ApiProblem ? e.errors.find((f) => f.field === 'currency' || f.field === 'date') : undefined;
  if (!fieldError) return <ProblemAlert error={e} />;
  return (
    <Alert color="orange" role="status" title={fieldErrorMessage(fieldError)}>
      {fieldError.field === 'currency' && (
        <Anchor component={Link} to="/catalogue?tab=rates" size="sm">
          {t('catalogue.prices.enterRate')}
        </Anchor>
      )}
    </Alert>
  );
}
