// What the web app reads out of a pipeline definition. The board, the «Переместить» menu and the
// card are built only from the definition, so a pipeline an admin defines works without code.
import type { Board, BoardColumn, CardSummary, PipelineDefinition, Stage } from '../api/sales';

export type Language = 'ru' | 'en';

export function stageName(stage: Pick<Stage, 'name_ru' | 'name_en'>, lang: Language): string {
  return lang === 'en' ? stage.name_en : stage.name_ru;
}

export function findStage(def: PipelineDefinition, code: string): Stage | undefined {
  return def.stages.find((s) => s.code === code);
}

export const isOpenStage = (stage: Stage | undefined): boolean => (stage?.kind ?? 'open') === 'open';

/**
 * Stages a card in `from` may be dropped on: those a transition row leads to from `from`, or from
 * `"*"` (any open stage). Rows a person cannot make by hand (`manual: false`, moved by a recorded
 * fact) are included: the server says why it refuses. Board order; never the stage itself.
 */
export function dropTargets(def: PipelineDefinition, from: string): string[] {
  const source = findStage(def, from);
  if (!source) return [];
  const targets = new Set(
    def.transitions
      .filter((t) => t.from === from || (t.from === '*' && isOpenStage(source)))
      .map((t) => t.to)
      .filter((to) => to !== from),
  );
  return def.stages.filter((s) => targets.has(s.code)).map((s) => s.code);
}

export function canDrop(def: PipelineDefinition, from: string, to: string): boolean {
  return dropTargets(def, from).includes(to);
}

export interface GroupRun {
  /** The label above the run; null for stages without a group. */
  group: string | null;
  stages: Stage[];
}

/** Consecutive stages with the same group, for the labels above runs of columns. */
export function groupRuns(stages: readonly Stage[]): GroupRun[] {
  const runs: GroupRun[] = [];
  for (const stage of stages) {
    const group = stage.group?.trim() || null;
    const last = runs.at(-1);
    if (last && last.group === group) last.stages.push(stage);
    else runs.push({ group, stages: [stage] });
  }
  return runs;
}

/** Stages that have checklist items, in board order. */
export function checklistStages(def: PipelineDefinition): Stage[] {
  return def.stages.filter((s) => (s.checklist?.length ?? 0) > 0);
}

export function checklistItemName(def: PipelineDefinition, code: string, lang: Language): string {
  for (const s of def.stages) {
    const item = s.checklist?.find((i) => i.code === code);
    if (item) return lang === 'en' ? item.name_en : item.name_ru;
  }
  return code;
}

/**
 * The board as it looks right after a move, before the server answers: the card leaves its
 * column (count and sum go down) and heads the target one. Null when the card is not on it.
 */
export function boardAfterMove(board: Board, def: PipelineDefinition, cardId: string, to: string): Board | null {
  let card: CardSummary | undefined;
  for (const c of board.columns) card ??= c.cards.find((x) => x.id === cardId);
  if (!card || card.stage === to || !board.columns.some((c) => c.stage === to)) return null;
  const moved: CardSummary = {
    ...card,
    stage: to,
    stage_entered_at: new Date().toISOString(),
    stuck: false,
    stage_name: findStage(def, to)?.name_ru ?? card.stage_name,
  };
  const revenue = kopecks(card.expected_revenue);
  const from = card.stage;
  return {
    ...board,
    columns: board.columns.map((c) => {
      if (c.stage === from)
        return {
          ...c,
          count: Math.max(0, c.count - 1),
          sum: roubles(kopecks(c.sum) - revenue),
          cards: c.cards.filter((x) => x.id !== cardId),
        };
      if (c.stage === to) return { ...c, count: c.count + 1, sum: roubles(kopecks(c.sum) + revenue), cards: [moved, ...c.cards] };
      return c;
    }),
  };
}

/** Decimal roubles as integer kopecks (no float drift in column sums). */
function kopecks(amount: string | null | undefined): number {
  if (!amount) return 0;
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!m) return 0;
  const value = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -value : value;
}

function roubles(k: number): string {
  const sign = k < 0 ? '-' : '';
  const abs = Math.abs(k);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A collapsed group's column: its stages' cards counted and summed to the kopeck. */
export function groupTotals(columns: (BoardColumn | undefined)[]): { count: number; sum: string } {
  let count = 0;
  let sum = 0;
  for (const c of columns) {
    count += c?.count ?? 0;
    sum += kopecks(c?.sum);
  }
  return { count, sum: roubles(sum) };
}

/**
 * How wide the board's columns are: as wide as they can be (`max`), narrowed so that all of them
 * fit the screen when they can do so at `min` or more (a board with its groups collapsed), else
 * `max` and the board scrolls.
 */
export function columnWidth(available: number, columns: number, { max = 272, min = 150, gap = 16 } = {}): number {
  if (available <= 0 || columns <= 0) return max;
  const fit = Math.floor((available - gap * (columns - 1)) / columns);
  return fit >= min ? Math.min(max, fit) : max;
}
