// The client picker of every form that names a client (a new deal, a payment, a payment's
// client, the payments' filter): searched on the server by name, INN, phone or e-mail.
import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clientOptionLabel, clientOptionsQuery, type ClientOption } from '../api/clients';

/** What a form learns of the client picked. */
export type ClientChoice = Pick<ClientOption, 'id' | 'name' | 'inn'>;

/** A client picked by searching the server (name, INN, phone, e-mail). */
export function ClientSelect({
  value,
  onChange,
  current,
  ...props
}: Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: string | null;
  onChange: (client: ClientChoice | null) => void;
  /** The client `value` names when it came from elsewhere (a link, a saved filter): shown by its name. */
  current?: ClientChoice | null;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<ClientChoice | null>(null);
  const selected = chosen?.id === value ? chosen : current?.id === value ? current : null;
  // While the search shows the chosen client's name, list everyone rather than that one name.
  const q = selected && search === clientOptionLabel(selected) ? '' : search.trim();
  const [debounced] = useDebouncedValue(q, 300);
  const clients = useQuery(clientOptionsQuery(debounced));
  const items: ClientChoice[] = clients.data ?? [];
  const options = selected && !items.some((c) => c.id === selected.id) ? [selected, ...items] : items;

  return (
    <Select
      searchable
      clearable
      placeholder={t('clientSelect.placeholder')}
      nothingFoundMessage={clients.isFetching ? t('common.loading') : t('clientSelect.nothing')}
      data={options.map((c) => ({ value: c.id, label: clientOptionLabel(c) }))}
      // The server has already filtered by what was typed (INN and phone too).
      filter={({ options: o }) => o}
      searchValue={search}
      onSearchChange={setSearch}
      value={value}
      onChange={(id) => {
        const client = options.find((c) => c.id === id) ?? null;
        setChosen(client);
        onChange(client);
      }}
      {...props}
    />
  );
}
