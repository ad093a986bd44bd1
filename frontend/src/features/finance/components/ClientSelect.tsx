import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clientSearchQuery, type ClientOption } from '../api/finance';

/** A client picked by searching the server (name, INN, phone, e-mail). */
export function ClientSelect({
  value,
  onChange,
  ...props
}: Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: string | null;
  onChange: (client: ClientOption | null) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<ClientOption | null>(null);
  // While the search shows the chosen client's name, list everyone rather than that one name.
  const q = chosen && search === label(chosen) ? '' : search.trim();
  const [debounced] = useDebouncedValue(q, 300);
  const clients = useQuery(clientSearchQuery(debounced));
  const items = clients.data ?? [];
  const options = chosen && !items.some((c) => c.id === chosen.id) ? [chosen, ...items] : items;

  return (
    <Select
      searchable
      clearable
      placeholder={t('finance.form.clientPlaceholder')}
      nothingFoundMessage={clients.isFetching ? t('common.loading') : t('finance.form.clientNothing')}
      data={options.map((c) => ({ value: c.id, label: label(c) }))}
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

const label = (c: ClientOption) => (c.inn ? `${c.name} (${c.inn})` : c.name);
