import { Button, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe } from '../../../shared/api/me';
import { isIsoDate } from '../../../shared/dates/parse';
import { DateField } from '../../../shared/ui/DateField';
import { CHANNELS, type CardFilters, type Channel, type PipelineDefinition } from '../api/sales';
import { ALL_PEOPLE, responsibleFilter } from '../model/filters';
import { stageName } from '../model/pipeline';
import { StaffSelect, useChannelOptions, useLang } from './common';

// On a phone two filters share a row (the search has its own), so nothing runs off the screen.
const HALF = 'calc(50% - var(--mantine-spacing-sm) / 2)';

const FILTER_PARAMS = ['responsible', 'channel', 'from', 'to', 'q', 'stage'] as const;

/** The URL's search parameters, with a setter that keeps the rest of the URL. */
export function useUrlParam() {
  const [params, setParams] = useSearchParams();
  const set = (changes: Record<string, string | null | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );
  return [params, set] as const;
}

/** The board and list filters as they are in the URL (search debounced). */
export function useCardFilters(): { filters: CardFilters; stage: string | undefined; active: boolean } {
  const [params] = useSearchParams();
  const me = useMe();
  const q = (params.get('q') ?? '').trim();
  const [debounced] = useDebouncedValue(q, 350);
  const channel = CHANNELS.find((c) => c === params.get('channel')) as Channel | undefined;
  const filters: CardFilters = {
    responsible_id: responsibleFilter(params.get('responsible'), me),
    channel,
    created_from: params.get('from') || undefined,
    created_to: params.get('to') || undefined,
    q: debounced || undefined,
  };
  return {
    filters,
    stage: params.get('stage') || undefined,
    active: FILTER_PARAMS.some((p) => params.get(p)),
  };
}

export function FiltersBar({ def, withStage }: { def?: PipelineDefinition; withStage?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [params, set] = useUrlParam();
  const me = useMe();
  const channels = useChannelOptions();
  const active = FILTER_PARAMS.some((p) => params.get(p));

  return (
    <Group align="flex-end" wrap="wrap" gap="sm" role="search" aria-label={t('sales.filters.label')}>
      <TextInput
        label={t('sales.filters.search')}
        placeholder={t('sales.filters.searchPlaceholder')}
        type="search"
        value={params.get('q') ?? ''}
        onChange={(e) => set({ q: e.currentTarget.value })}
        w={{ base: '100%', sm: 240 }}
      />
      <StaffSelect
        label={t('sales.filters.responsible')}
        placeholder={t('sales.filters.all')}
        value={responsibleFilter(params.get('responsible'), me) ?? null}
        // A manager sees their own cards unless they ask for everyone's.
        onChange={(v) => set({ responsible: v ?? (me?.role === 'manager' ? ALL_PEOPLE : null) })}
        w={{ base: HALF, sm: 210 }}
      />
      <Select
        label={t('sales.filters.channel')}
        placeholder={t('sales.filters.all')}
        clearable
        data={channels}
        value={params.get('channel')}
        onChange={(v) => set({ channel: v })}
        w={{ base: HALF, sm: 180 }}
      />
      {/* A date typed wrong stays in its field with an error and does not filter. */}
      <DateField
        label={t('sales.filters.createdFrom')}
        clearable
        value={params.get('from') ?? ''}
        onChange={(v) => (v === '' || isIsoDate(v)) && set({ from: v })}
        maxDate={params.get('to') ?? undefined}
        w={{ base: HALF, sm: 160 }}
      />
      <DateField
        label={t('sales.filters.createdTo')}
        clearable
        value={params.get('to') ?? ''}
        onChange={(v) => (v === '' || isIsoDate(v)) && set({ to: v })}
        minDate={params.get('from') ?? undefined}
        w={{ base: HALF, sm: 160 }}
      />
      {withStage && def && (
        <Select
          label={t('sales.filters.stage')}
          placeholder={t('sales.filters.all')}
          clearable
          data={def.stages.map((s) => ({ value: s.code, label: stageName(s, lang) }))}
          value={params.get('stage')}
          onChange={(v) => set({ stage: v })}
          w={{ base: HALF, sm: 240 }}
        />
      )}
      {active && (
        <Button variant="subtle" onClick={() => set(Object.fromEntries(FILTER_PARAMS.map((p) => [p, null])))}>
          {t('sales.filters.reset')}
        </Button>
      )}
    </Group>
  );
}
