// A statement's preview as the accountant reads it: what each line becomes (already loaded, paid
// out, put on an invoice by itself, or waiting in the unmatched queue), the lines a filter keeps,
// one page of them at a time (a bank's year is ten thousand lines), and the money they bring.
import type { PreviewLine } from '../api/finance';
import { sumMoney } from './money';

export type LineOutcome = 'duplicate' | 'outgoing' | 'auto' | 'unmatched';

export function lineOutcome(line: Pick<PreviewLine, 'state' | 'direction' | 'matching'>): LineOutcome {
  if (line.state === 'duplicate') return 'duplicate';
  if (line.direction !== 'incoming') return 'outgoing';
  return line.matching?.kind === 'auto' ? 'auto' : 'unmatched';
}

export const OUTCOME_COLOR: Record<LineOutcome, string> = {
  duplicate: 'gray',
  outgoing: 'blue',
  auto: 'green',
  unmatched: 'orange',
};

export const LINE_FILTERS = ['all', 'auto', 'unmatched', 'outgoing', 'duplicate'] as const;
export type LineFilter = (typeof LINE_FILTERS)[number];

export function filterLines<L extends Pick<PreviewLine, 'state' | 'direction' | 'matching'>>(lines: readonly L[], filter: LineFilter): L[] {
  return filter === 'all' ? [...lines] : lines.filter((l) => lineOutcome(l) === filter);
}

/** How many lines each filter keeps. */
export function countOutcomes(lines: readonly Pick<PreviewLine, 'state' | 'direction' | 'matching'>[]): Record<LineFilter, number> {
  const counts: Record<LineFilter, number> = { all: lines.length, auto: 0, unmatched: 0, outgoing: 0, duplicate: 0 };
  for (const l of lines) counts[lineOutcome(l)] += 1;
  return counts;
}

export const PREVIEW_PAGE_SIZE = 100;

/** The pages there are (at least one) and the lines of page `page` (1-based, clamped). */
export function pageOf<T>(items: readonly T[], page: number, size = PREVIEW_PAGE_SIZE): { pages: number; page: number; items: T[] } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(1, page), pages);
  return { pages, page: current, items: items.slice((current - 1) * size, current * size) };
}

/** What the new lines bring in and pay out. */
export function newMoney(lines: readonly Pick<PreviewLine, 'state' | 'direction' | 'amount'>[]): { incoming: string; outgoing: string } {
  const fresh = lines.filter((l) => l.state === 'new');
  return {
    incoming: sumMoney(fresh.filter((l) => l.direction === 'incoming').map((l) => l.amount)),
    outgoing: sumMoney(fresh.filter((l) => l.direction !== 'incoming').map((l) => l.amount)),
  };
}
