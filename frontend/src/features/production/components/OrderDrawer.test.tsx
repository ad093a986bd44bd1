import { MantineProvider } from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../../app/i18n';
import { meQuery } from '../../../shared/api/me';
import type { Me } from '../../../shared/api/types';
import type { Order, OrderItem, OrderList, StepBody } from '../api/orders';
import { ProductionOrdersPage } from './ProductionOrdersPage';

const assigned: Order = {
  id: 'o1',
  deal_id: 'd1',
  production_id: 'p1',
  state: 'assigned',
  state_name: 'Распределён на производство',
  terms: 'after_shipment',
  tile_type: 'Плитка',
  thickness_mm: '20',
  quantity_m2: '120.5',
  price_per_m2: '990.00',
  amount: '119295.00',
  paid: '0.00',
  deduction: '0.00',
  due_date: '2026-12-12',
  delivery_address: 'г. Москва, ул. Профсоюзная, 104',
  delivery_contact: 'Прораб Петров, +7 916 000-00-00',
  accept_by: '2026-12-01T17:05:00Z',
  allowed_actions: ['accept', 'decline'],
  created_at: '2026-11-30T14:05:00Z',
  updated_at: '2026-11-30T14:05:00Z',
  version: 1,
  files: [],
  number: '12-1',
  events: [{ action: 'assign', action_name: 'Распределить на производство', to_state: 'assigned', from_state: null, actor_role: 'logistician', at: '2026-11-30T14:05:00Z' }],
};

const accepted: Order = {
  ...assigned,
  state: 'accepted',
  state_name: 'Принят производством',
  allowed_actions: ['start_production'],
  version: 2,
  events: [...assigned.events, { action: 'accept', action_name: 'Принять заказ', from_state: 'assigned', to_state: 'accepted', actor_role: 'production', at: '2026-11-30T14:06:00Z' }],
};

const item = (o: Order): OrderItem => ({
  id: o.id,
  state: o.state,
  state_name: o.state_name,
  tile_type: o.tile_type,
  thickness_mm: o.thickness_mm,
  quantity_m2: o.quantity_m2,
  due_date: o.due_date,
  delivery_address: o.delivery_address,
  delivery_contact: o.delivery_contact,
  accept_by: o.accept_by,
  allowed_actions: o.allowed_actions,
  updated_at: o.updated_at,
  version: o.version,
});

const problem = (status: number, body: object) =>
  new Response(JSON.stringify({ status, ...body }), { status, headers: { 'Content-Type': 'application/problem+json' } });

/** The page at `url` against a fake server: the order's GETs answer `reads` in turn, the actions `posts`. */
function renderPage({ reads, posts = [], list, url = '/production-orders?order=o1' }: { reads: Order[]; posts?: Response[]; list?: OrderList; url?: string }) {
  const sent: StepBody[] = [];
  const listed: URL[] = [];
  const got = { order: 0 };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const u = new URL(request.url);
      if (request.method === 'POST') {
        sent.push((await request.json()) as StepBody);
        return posts.shift() ?? problem(500, { code: 'internal' });
      }
      if (u.pathname === '/api/v1/production-orders') {
        listed.push(u);
        return Response.json(list ?? { items: reads.slice(0, 1).map(item), total: 1 });
      }
      return Response.json(reads[Math.min(got.order++, reads.length - 1)]);
    }),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(meQuery.queryKey, { permissions: ['productions.read'], role: 'production', organization: { id: 'p1', kind: 'production' } } as unknown as Me);
  render(
    <MantineProvider>
      <Notifications />
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[url]}>
          <Routes>
            <Route path="/production-orders" element={<ProductionOrdersPage />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { sent, listed, got };
}

// The stage filter's list scrolls its option into view, which jsdom does not do.
Element.prototype.scrollIntoView ??= () => {};

afterEach(() => {
  vi.unstubAllGlobals();
  notifications.clean();
});

/** The input's own error text (Mantine links it with aria-describedby). */
function errorOf(input: HTMLElement): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

const drawer = () => screen.findByRole('dialog', { name: 'Заказ: Плитка, 20 мм' });

describe('ProductionOrdersPage', () => {
  it('lists a production’s orders: what, how much, by when, where to', async () => {
    renderPage({ reads: [assigned], url: '/production-orders' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Заказы' })).toBeTruthy();
    const card = await screen.findByRole('article', { name: 'Плитка, 20 мм' });
    expect(card.textContent).toContain('120,5 м²');
    expect(card.textContent).toContain('до 12.12.2026');
    expect(card.textContent).toContain('Профсоюзная');
    expect(card.textContent).toContain('Распределён на производство');
    expect(within(card).getByRole('button', { name: 'Открыть заказ: Плитка, 20 мм' })).toBeTruthy();
  });

  it('says when there is nothing, and asks the server for the stage chosen', async () => {
    const user = userEvent.setup();
    const { listed } = renderPage({ reads: [assigned], list: { items: [], total: 0 }, url: '/production-orders' });
    expect(await screen.findByText('Заказов нет')).toBeTruthy();
    await user.click(screen.getByRole('combobox', { name: 'Стадия' }));
    await user.click(await screen.findByRole('option', { name: 'В производстве', hidden: true }));
    expect(await screen.findByText('Заказов в этой стадии нет')).toBeTruthy();
    expect(listed.at(-1)!.searchParams.get('state')).toBe('in_production');
    expect(listed.at(-1)!.searchParams.get('offset')).toBe('0');
  });
});

describe('OrderDrawer', () => {
  it('shows the order’s facts and steps, and takes a one-click step at the version read', async () => {
    const user = userEvent.setup();
    const { sent } = renderPage({ reads: [assigned, accepted], posts: [Response.json(accepted)] });
    const d = await drawer();
    expect(d.textContent).toContain('120,5 м²');
    expect(d.textContent).toContain('до 12.12.2026');
    expect(d.textContent).toContain('Прораб Петров');
    expect(within(d).getByText(/^Распределён на производство — Логист, \d\d\.\d\d\.2026 \d\d:\d\d$/)).toBeTruthy();
    expect(within(d).queryByRole('button', { name: 'Закрывающие документы получены' })).toBeNull();

    await user.click(within(d).getByRole('button', { name: 'Принять заказ' }));
    await waitFor(() => expect(sent).toEqual([{ action: 'accept', version: 1 }]));
    expect(await within(d).findByText(/^Принят производством — Производство, \d\d\.\d\d\.2026 \d\d:\d\d$/)).toBeTruthy();
    expect(within(d).getByRole('button', { name: 'Запустить в производство' })).toBeTruthy();
    expect(within(d).queryByRole('button', { name: 'Принять заказ' })).toBeNull();
  });

  it('asks a reason to decline, and sends nothing without one', async () => {
    const user = userEvent.setup();
    const declined: Order = { ...assigned, state: 'declined', reason: 'Линия на ремонте', allowed_actions: [], version: 2 };
    const { sent } = renderPage({ reads: [assigned], posts: [Response.json(declined)] });
    const d = await drawer();
    await user.click(within(d).getByRole('button', { name: 'Отказаться от заказа' }));
    const form = within(d).getByRole('form', { name: 'Отказаться от заказа' });
    const reason = within(form).getByRole('textbox', { name: /Причина/ });
    await user.click(within(form).getByRole('button', { name: 'Отказаться от заказа' }));
    expect(errorOf(reason)).toBe('Обязательное поле');
    expect(sent).toEqual([]);

    await user.type(reason, 'Линия на ремонте');
    await user.click(within(form).getByRole('button', { name: 'Отказаться от заказа' }));
    await waitFor(() => expect(sent).toEqual([{ action: 'decline', version: 1, reason: 'Линия на ремонте' }]));
    expect(await within(d).findByText('Сейчас от вас по этому заказу ничего не нужно.')).toBeTruthy();
  });

  it('puts the server’s 422 under its input, and a stage’s refusal in an alert', async () => {
    const user = userEvent.setup();
    const passed: Order = { ...accepted, state: 'quality_passed', allowed_actions: ['ship'], version: 5 };
    const { sent } = renderPage({
      reads: [passed],
      posts: [
        problem(422, { code: 'validation_failed', errors: [{ field: 'cost', code: 'out_of_range', message: 'Стоимость доставки — не больше 10 000 000 ₽' }] }),
        problem(422, { code: 'validation_failed', errors: [{ field: 'state', code: 'transition_not_allowed', message: 'Заказ уже отгружен' }] }),
      ],
    });
    const d = await drawer();
    await user.click(within(d).getByRole('button', { name: 'Отгрузить клиенту' }));
    const form = within(d).getByRole('form', { name: 'Отгрузить клиенту' });
    await user.type(within(form).getByRole('textbox', { name: /Перевозчик/ }), 'Деловые линии');
    await user.type(within(form).getByRole('textbox', { name: /Номер накладной/ }), 'ДЛ-778812');
    const cost = within(form).getByRole('textbox', { name: /Стоимость доставки/ });
    await user.type(cost, '99 000 000,5');
    await user.click(within(form).getByRole('button', { name: 'Отгрузить клиенту' }));
    await waitFor(() => expect(errorOf(cost)).toBe('Стоимость доставки — не больше 10 000 000 ₽'));
    expect(sent).toEqual([{ action: 'ship', version: 5, carrier: 'Деловые линии', waybill: 'ДЛ-778812', cost: '99000000.50' }]);

    await user.clear(cost);
    await user.type(cost, '12 500');
    await user.click(within(form).getByRole('button', { name: 'Отгрузить клиенту' }));
    const alert = await within(d).findByRole('alert');
    expect(alert.textContent).toContain('Заказ уже отгружен');
    expect(errorOf(cost)).toBe('');
  });

  it('says a 409 changed the order and reads it again', async () => {
    const user = userEvent.setup();
    const cancelled: Order = { ...assigned, state: 'cancelled', state_name: 'Отменён', reason: 'Клиент передумал', allowed_actions: [], version: 2 };
    const { sent, got } = renderPage({ reads: [assigned, cancelled], posts: [problem(409, { code: 'version_conflict' })] });
    const d = await drawer();
    await user.click(within(d).getByRole('button', { name: 'Принять заказ' }));
    expect(await within(d).findByText('Заказ изменился — обновили')).toBeTruthy();
    expect(sent).toEqual([{ action: 'accept', version: 1 }]);
    await waitFor(() => expect(got.order).toBe(2));
    expect(await within(d).findByText('Клиент передумал')).toBeTruthy();
    expect(within(d).queryByRole('button', { name: 'Принять заказ' })).toBeNull();
  });
});
