// A pipeline definition for tests: the customer's lead funnel, abridged, as the API returns it.
import type { Board, PipelineDefinition, Stage } from '../api/sales';

const stage = (code: string, name_ru: string, extra: Partial<Stage> = {}): Stage => ({
  code,
  name_ru,
  name_en: code,
  color: '#228be6',
  group: 'Лид',
  kind: 'open',
  checklist: [],
  on_enter: [],
  stuck_after_hours: 24,
  ...extra,
});

export const leadDefinition: PipelineDefinition = {
  kind: 'lead',
  stages: [
    stage('received', 'Заявка получена'),
    stage('in_work', 'Заявка принята в обработку', {
      checklist: [
        { code: 'named_price_range', name_ru: 'Озвучил вилку цен', name_en: 'Named the price range' },
        { code: 'offered_design', name_ru: 'Предложил дизайн-макет', name_en: 'Offered a design mock-up' },
      ],
    }),
    stage('surveyed', 'Опрос лида сделан'),
    stage('converted', 'Конвертирован в сделку', { kind: 'won', group: null }),
    stage('lost', 'Отказ', { kind: 'lost', group: null }),
  ],
  transitions: [
    { from: 'received', to: 'in_work', manual: true, auto_on: 'task_completed:first_call', guards: [] },
    { from: 'in_work', to: 'surveyed', manual: true, guards: [{ type: 'checklist', items: ['named_price_range', 'offered_design'] }] },
    {
      from: 'surveyed',
      to: 'converted',
      manual: true,
      guards: [
        { type: 'fields', fields: ['price_range', 'offer_details'] },
        { type: 'any_field', fields: ['agreed_individual_offer', 'agreed_design'] },
      ],
    },
    { from: '*', to: 'lost', manual: true, guards: [] },
  ],
};

export function boardOf(def: PipelineDefinition, cards: Partial<Record<string, { id: string; revenue?: string }[]>>): Board {
  return {
    pipeline: { id: 'p1', code: 'leads', kind: 'lead', name_ru: 'Лиды', name_en: 'Leads', version: 1 },
    columns: def.stages.map((s) => {
      const list = cards[s.code] ?? [];
      const sum = list.reduce((n, c) => n + Math.round(Number(c.revenue ?? '0') * 100), 0);
      return {
        stage: s.code,
        count: list.length,
        sum: `${Math.floor(sum / 100)}.${String(sum % 100).padStart(2, '0')}`,
        cards: list.map((c, i) => ({
          id: c.id,
          kind: 'lead' as const,
          number: i + 1,
          title: `Лид ${c.id}`,
          pipeline_id: 'p1',
          stage: s.code,
          stage_name: s.name_ru,
          stage_entered_at: '2026-01-01T00:00:00Z',
          status: 'open' as const,
          stuck: true,
          organization_id: 'o1',
          channel: 'site' as const,
          created_at: '2026-01-01T00:00:00Z',
          version: 3,
          expected_revenue: c.revenue ?? null,
        })),
      };
    }),
  };
}
