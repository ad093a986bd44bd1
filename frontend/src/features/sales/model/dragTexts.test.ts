import { describe, expect, it } from 'vitest';
import { i18n } from '../../../app/i18n';
import type { CardSummary } from '../api/sales';
import { dragTexts } from './dragTexts';
import { leadDefinition } from './fixtures';

const card = { id: '7f1c2a3e-0000-4000-8000-000000000001', number: 12, title: 'Плитка для ООО «Дача»', stage: 'received' } as CardSummary;
const active = { id: card.id, data: { current: { card } }, rect: { current: { initial: null, translated: null } } };
const over = (id: string) => ({ id, rect: {} as never, disabled: false, data: { current: undefined } });

describe('what a screen reader hears while a card is dragged', () => {
  const t = i18n.getFixedT('ru') as unknown as Parameters<typeof dragTexts>[0];
  const { announcements, screenReaderInstructions } = dragTexts(t, leadDefinition, 'ru');
  const args = (to: string | null) => ({ active, over: to ? over(to) : null }) as never;

  it('names the card by its number and title and the stages by their Russian names, never an id', () => {
    const said = [
      announcements.onDragStart({ active } as never),
      announcements.onDragOver(args('in_work')),
      announcements.onDragOver(args('converted')),
      announcements.onDragEnd(args('in_work')),
      announcements.onDragEnd(args('converted')),
      announcements.onDragCancel(args(null)),
    ];
    expect(said).toEqual([
      'Карточка №12 «Плитка для ООО „Дача“» взята из стадии «Заявка получена».',
      'Карточка №12 «Плитка для ООО „Дача“» над стадией «Заявка принята в обработку».',
      'Карточка №12 «Плитка для ООО „Дача“» над стадией «Конвертирован в сделку»: из «Заявка получена» туда перейти нельзя.',
      'Карточка №12 «Плитка для ООО „Дача“» перемещается из «Заявка получена» в «Заявка принята в обработку».',
      'Карточка №12 «Плитка для ООО „Дача“» осталась в «Заявка получена»: в «Конвертирован в сделку» перейти нельзя.',
      'Перемещение отменено: карточка №12 «Плитка для ООО „Дача“» осталась в стадии «Заявка получена».',
    ]);
    for (const s of said) expect(s).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    expect(screenReaderInstructions.draggable).toContain('Переместить');
  });
});
