import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import '../../../app/i18n';
import { meQuery } from '../../../shared/api/me';
import type { Me } from '../../../shared/api/types';
import { salesKeys, type TimelineEntry } from '../api/sales';
import { leadDefinition } from '../model/fixtures';
import { TimelinePanel } from './TimelinePanel';

const entry = (kind: string, data: Record<string, unknown>, text: string | null = null): TimelineEntry =>
  ({ id: `${kind}-${Object.keys(data).length}`, subject_type: 'deal', subject_id: 'd1', kind, data, text, actor_name: 'Логист', at: '2026-11-30T14:05:00Z' }) as TimelineEntry;

function renderTimeline(items: TimelineEntry[]) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  client.setQueryData(meQuery.queryKey, { permissions: ['deals.read'], role: 'manager', organization: { id: 'h', kind: 'head' } } as unknown as Me);
  client.setQueryData(salesKeys.timeline('deal', 'd1'), items);
  render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <MemoryRouter>
          <TimelinePanel kind="deal" id="d1" def={leadDefinition} canWrite={false} />
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('TimelinePanel: production orders', () => {
  it('names the order, its step, the production, the stage and the reason', () => {
    renderTimeline([
      entry(
        'production_order',
        {
          order_id: 'o1',
          number: '12-1',
          action: 'decline',
          action_name: 'Отказаться от заказа',
          state: 'declined',
          state_name: 'Отклонён производством',
          production_name: 'Производство Краснодар',
          reason: 'Нет свободной линии до января',
        },
        'Нет свободной линии до января',
      ),
    ]);
    expect(screen.getByText('Заказ производству № 12-1: Отказаться от заказа')).toBeTruthy();
    expect(screen.getByText('Производство Краснодар — стадия «Отклонён производством»')).toBeTruthy();
    // The reason once, not twice (it is both the entry's text and its data).
    expect(screen.getAllByText(/Нет свободной линии до января/)).toHaveLength(1);
    expect(screen.getByText('Причина: Нет свободной линии до января')).toBeTruthy();
  });

  it('falls back to the names sent for a step the app does not know', () => {
    renderTimeline([entry('production_order', { number: '12-2', action: 'teleport', action_name: 'Телепортировать', state: 'elsewhere', state_name: 'Где-то', production_name: null, reason: null })]);
    expect(screen.getByText('Заказ производству № 12-2: Телепортировать')).toBeTruthy();
    expect(screen.getByText('Стадия «Где-то»')).toBeTruthy();
  });

  it('says when the delivery notice was not sent, with the server’s words', () => {
    renderTimeline([entry('delivery_notice_skipped', { order_id: 'o1' }, 'У клиента нет e-mail: уведомление о доставке не отправлено')]);
    expect(screen.getByText('Уведомление о доставке клиенту не отправлено')).toBeTruthy();
    expect(screen.getByText('У клиента нет e-mail: уведомление о доставке не отправлено')).toBeTruthy();
  });
});
