// What a screen reader hears while a card is dragged on the board: the card by its number and
// title, stages by their names in the UI language — never an id.
import type { Announcements, ScreenReaderInstructions } from '@dnd-kit/core';
import type { CardSummary, PipelineDefinition } from '../api/sales';
import { canDrop, findStage, stageName } from './pipeline';

type T = (key: string, options?: Record<string, unknown>) => string;

export function dragTexts(
  t: T,
  def: PipelineDefinition,
  lang: 'ru' | 'en',
): { announcements: Announcements; screenReaderInstructions: ScreenReaderInstructions } {
  const cardOf = (data: unknown): CardSummary | undefined => (data as { card?: CardSummary } | undefined)?.card;
  const name = (code: string | number | undefined) => {
    const s = code === undefined ? undefined : findStage(def, String(code));
    return s ? stageName(s, lang) : t('sales.dnd.unknownStage');
  };
  const card = (c: CardSummary) => t('sales.dnd.card', { number: c.number, title: c.title });
  const describe = (key: string, active: { data: { current?: unknown } }, extra: Record<string, unknown> = {}) => {
    const c = cardOf(active.data.current);
    return c ? t(key, { card: card(c), stage: name(c.stage), ...extra }) : undefined;
  };
  return {
    screenReaderInstructions: { draggable: t('sales.dnd.instructions') },
    announcements: {
      onDragStart: ({ active }) => describe('sales.dnd.picked', active),
      onDragOver: ({ active, over }) => {
        const c = cardOf(active.data.current);
        if (!c) return undefined;
        if (!over) return describe('sales.dnd.outside', active);
        const to = String(over.id);
        if (to === c.stage) return describe('sales.dnd.overSource', active);
        return describe(canDrop(def, c.stage, to) ? 'sales.dnd.over' : 'sales.dnd.overRefused', active, { to: name(to) });
      },
      onDragEnd: ({ active, over }) => {
        const c = cardOf(active.data.current);
        if (!c) return undefined;
        const to = over ? String(over.id) : null;
        if (!to || to === c.stage) return describe('sales.dnd.stayed', active);
        return describe(canDrop(def, c.stage, to) ? 'sales.dnd.dropped' : 'sales.dnd.droppedRefused', active, { to: name(to) });
      },
      onDragCancel: ({ active }) => describe('sales.dnd.cancelled', active),
    },
  };
}
