// The period a settlements view covers, as the URL keeps it (`?from=YYYY-MM-DD&to=YYYY-MM-DD`),
// and the quick choices: this month, last month, this quarter, this year — each to today, but
// for last month, which is whole. Days are the person's own (the browser's time zone).
import { isIsoDate } from '../../../../shared/dates/parse';

export interface Period {
  from: string;
  to: string;
}

export const PRESETS = ['month', 'lastMonth', 'quarter', 'year'] as const;
export type Preset = (typeof PRESETS)[number];

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** `YYYY-MM-DD` of today in the person's time zone. */
export function todayIso(now = new Date()): string {
  return iso(now);
}

/** The period a quick choice stands for on `now`'s day. */
export function presetPeriod(preset: Preset, now = new Date()): Period {
  const y = now.getFullYear();
  const m = now.getMonth();
  const today = iso(now);
  switch (preset) {
    case 'month':
      return { from: iso(new Date(y, m, 1)), to: today };
    case 'lastMonth':
      return { from: iso(new Date(y, m - 1, 1)), to: iso(new Date(y, m, 0)) };
    case 'quarter':
      return { from: iso(new Date(y, m - (m % 3), 1)), to: today };
    case 'year':
      return { from: iso(new Date(y, 0, 1)), to: today };
  }
}

/** The quick choice the period is, if any. */
export function presetOf(period: Period, now = new Date()): Preset | null {
  return PRESETS.find((p) => {
    const q = presetPeriod(p, now);
    return q.from === period.from && q.to === period.to;
  }) ?? null;
}

/** The period of the URL's query; what is missing or not a day falls back to this month to today. */
export function periodFromParams(params: URLSearchParams, now = new Date()): Period {
  const fallback = presetPeriod('month', now);
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  return { from: isIsoDate(from) ? from : fallback.from, to: isIsoDate(to) ? to : fallback.to };
}

/** The period as a query string (no leading `?`). */
export function periodQuery(period: Period): string {
  return new URLSearchParams({ from: period.from, to: period.to }).toString();
}

/** Whether the period ends no earlier than it starts (both real days). */
export function isValidPeriod(period: Period): boolean {
  return isIsoDate(period.from) && isIsoDate(period.to) && period.from <= period.to;
}
