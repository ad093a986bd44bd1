// One search from anywhere: a box in the header (and Ctrl+K / ⌘K) opens it; as the person types
// (debounced) clients, contacts, leads and deals are found by number, name, phone, e-mail or INN,
// grouped by kind; Enter or a click opens the first or the chosen one.
import { Badge, Group, Kbd, Loader, Text, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight, spotlight } from '@mantine/spotlight';
import '@mantine/spotlight/styles.css';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SEARCH_KINDS, searchable, searchQuery, type SearchHit } from '../api/search';

function SearchIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <circle cx="11" cy="11" r="7" />
      <path d="m20 20-3.5-3.5" />
    </svg>
  );
}

export function GlobalSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 200);
  const results = useQuery(searchQuery(debounced));
  const ready = searchable(debounced);
  const groups = ready && results.data ? SEARCH_KINDS.map((kind) => ({ kind, hits: results.data[kind] })).filter((g) => g.hits.length > 0) : [];

  const open = (hit: SearchHit) => {
    spotlight.close();
    setQuery('');
    void navigate(hit.link);
  };

  return (
    <>
      <UnstyledButton
        onClick={() => spotlight.open()}
        aria-label={`${t('search.open')} (${t('search.shortcut')})`}
        px="sm"
        py={6}
        style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 6, minWidth: 0 }}
      >
        <Group gap="xs" wrap="nowrap">
          <SearchIcon />
          <Text size="sm" c="dimmed" visibleFrom="md">
            {t('search.open')}
          </Text>
          <Kbd size="xs" visibleFrom="md">
            {t('search.shortcut')}
          </Kbd>
        </Group>
      </UnstyledButton>
      <Spotlight.Root query={query} onQueryChange={setQuery} shortcut={['mod + K']} scrollable maxHeight={480} clearQueryOnClose={false}>
        <Spotlight.Search
          placeholder={t('search.placeholder')}
          aria-label={t('search.open')}
          leftSection={results.isFetching ? <Loader size="xs" /> : <SearchIcon />}
        />
        <Spotlight.ActionsList aria-label={t("search.results")}>
          {!ready && <Spotlight.Empty>{t('search.hint')}</Spotlight.Empty>}
          {ready && results.isError && <Spotlight.Empty>{t('search.failed')}</Spotlight.Empty>}
          {ready && results.data && groups.length === 0 && <Spotlight.Empty>{t('search.nothing')}</Spotlight.Empty>}
          {groups.map(({ kind, hits }) => (
            <Spotlight.ActionsGroup key={kind} label={t(`search.kinds.${kind}`)}>
              {hits.map((hit) => (
                <Spotlight.Action key={hit.id} onClick={() => open(hit)}>
                  <div style={{ minWidth: 0 }}>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" fw={500}>
                        {hit.number != null ? `№${hit.number} · ` : ''}
                        {hit.title}
                      </Text>
                      {hit.closed && (
                        <Badge size="xs" variant="light" color="gray">
                          {t('search.closed')}
                        </Badge>
                      )}
                    </Group>
                    {hit.detail && (
                      <Text size="xs" c="dimmed">
                        {hit.detail}
                      </Text>
                    )}
                  </div>
                </Spotlight.Action>
              ))}
            </Spotlight.ActionsGroup>
          ))}
        </Spotlight.ActionsList>
      </Spotlight.Root>
    </>
  );
}
