import type { PipelineDefinition } from '../api/pipelines';

/** A small deal pipeline with every kind of reference: checklist guard, task fact, request fact. */
export const sample = (): PipelineDefinition => ({
  kind: 'deal',
  stages: [
    {
      code: 'offer_task',
      name_ru: 'Задача на КП',
      name_en: 'Offer task',
      color: '#228be6',
      group: 'КП',
      kind: 'open',
      stuck_after_hours: 24,
      checklist: [{ code: 'called', name_ru: 'Позвонил', name_en: 'Called' }],
      on_enter: [
        { type: 'open_request', request: 'delivery_cost' },
        {
          type: 'create_task',
          code: 'prepare_offer',
          title_ru: 'Подготовить КП',
          title_en: 'Prepare the offer',
          assignee: { type: 'responsible' },
          due: { type: 'in_hours', hours: 24 },
        },
      ],
    },
    { code: 'offer_sent', name_ru: 'КП отправлено', name_en: 'Offer sent', color: '#15aabf', group: null, kind: 'open', stuck_after_hours: null, checklist: [], on_enter: [] },
    { code: 'won', name_ru: 'Успешно', name_en: 'Won', color: '#40c057', group: null, kind: 'won', stuck_after_hours: null, checklist: [], on_enter: [] },
    { code: 'lost', name_ru: 'Отказ', name_en: 'Lost', color: '#fa5252', group: null, kind: 'lost', stuck_after_hours: null, checklist: [], on_enter: [] },
  ],
  transitions: [
    {
      from: 'offer_task',
      to: 'offer_sent',
      manual: true,
      auto_on: 'task_completed:prepare_offer',
      guards: [
        { type: 'checklist', items: ['called'] },
        { type: 'fields', fields: ['expected_revenue'] },
      ],
    },
    { from: 'offer_sent', to: 'won', manual: false, auto_on: 'payment_received', guards: [{ type: 'roles', roles: ['manager', 'management'] }] },
    { from: '*', to: 'lost', manual: true, auto_on: null, guards: [] },
  ],
});
