// Small pieces the sales pages share: the stage badge, pickers for staff and channels, the money
// rule for form fields, the current language and a clock for "time in stage".
import { Badge, Select, type SelectProps } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseMoneyInput } from '../../../shared/format/money';
import { CHANNELS, staffQuery, type Stage, type StaffMember } from '../api/sales';
import { formatDuration } from '../model/format';
import { stageName, type Language } from '../model/pipeline';
import { textOn } from '../model/contrast';

/** «a», «b» in Russian, “a”, “b” in English. */
export function useQuoted(): (names: string[]) => string {
  const { t } = useTranslation();
  return (names) => names.map((name) => t('sales.quoted', { name })).join(', ');
}

/** Durations in the current language: «3 ч 15 мин». */
export function useDuration(): (seconds: number) => string {
  const { t } = useTranslation();
  const units = {
    lessThanMinute: t('sales.duration.lessThanMinute'),
    min: t('sales.duration.min'),
    h: t('sales.duration.h'),
    d: t('sales.duration.d'),
  };
  return (seconds) => formatDuration(seconds, units);
}

export function useLang(): Language {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'ru';
}

/** Re-renders every `ms` so relative times ("in stage for 3 h") stay current. */
export function useNow(ms = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

export function StageBadge({ stage, fallback, size = 'md' }: { stage: Stage | undefined; fallback?: string; size?: 'sm' | 'md' | 'lg' }) {
  const lang = useLang();
  return (
    <Badge
      color={stage?.color ?? 'gray'}
      autoContrast
      c={stage ? textOn(stage.color) : undefined}
      size={size}
      radius="sm"
      style={{ textTransform: 'none' }}
    >
      {stage ? stageName(stage, lang) : fallback}
    </Badge>
  );
}

export function useChannelOptions() {
  const { t } = useTranslation();
  return CHANNELS.map((c) => ({ value: c, label: t(`sales.channels.${c}`) }));
}

/** A person to make responsible (sales managers by default). */
export function StaffSelect({
  role = 'manager',
  ...props
}: Omit<SelectProps, 'data'> & { role?: StaffMember['role'] | 'all' }) {
  const staff = useQuery(staffQuery(role === 'all' ? undefined : role));
  const data = (staff.data ?? []).map((s) => ({ value: s.id, label: s.full_name }));
  // Keep the current value visible even when that person is not in the list (another role).
  return <Select searchable clearable data={data} disabled={staff.isPending && !props.value} {...props} />;
}

/** A Mantine form rule for an optional amount typed the Russian way. */
export function moneyRule(message: string) {
  return (value: string) => (parseMoneyInput(value) === undefined ? message : null);
}

/** `YYYY-MM-DD` of today in the person's time zone (for date inputs). */
export function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A value for `<input type="datetime-local">`, `hours` from now, on the hour. */
export function localDateTimeIn(hours: number): string {
  const d = new Date(Date.now() + hours * 3600_000);
  d.setMinutes(0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
