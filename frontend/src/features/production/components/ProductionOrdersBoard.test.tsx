import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../../app/i18n';
import { meQuery } from '../../../shared/api/me';
import type { Me } from '../../../shared/api/types';
import type { Order, OrderItem, OrderList, OrderState } from '../api/orders';
import { todayIso } from '../model/orders';
import { ProductionOrdersPage } from './ProductionOrdersPage';

const order = (id: string, state: OrderState, more: Partial<OrderItem> = {}): OrderItem => ({
  id,
  state,
  state_name: state,
  tile_type: 'Плитка',
  thickness_mm: '30',
  quantity_m2: '120.5',
  due_date: '2099-12-12',
  delivery_address: 'г. Москва, ул. Профсоюзная, 104',
  delivery_contact: null,
  accept_by: '2099-12-01T17:05:00Z',
  allowed_actions: [],
  updated_at: '2026-11-30T14:05:00Z',
  version: 1,
  number: `12-${id}`,
  production_name: 'Производство Екатеринбург',
  ...more,
});

const detail = (item: OrderItem): Order => ({
  ...item,
  deal_id: 'd1',
  production_id: 'p1',
  terms: 'after_shipment',
  price_per_m2: '990.00',
  amount: '119295.00',
  paid: '0.00',
  deduction: '0.00',
  created_at: '2026-11-30T14:05:00Z',
  files: [],
  events: [],
});

/** The page at `url` against a fake server answering each stage from `lists` (an empty stage when not there); `fail` stages answer 500 until `healed`. */
function renderPage({ lists, url = '/production-orders?view=board', fail = [] as OrderState[], head = true }: { lists: Partial<Record<OrderState, OrderList>>; url?: string; fail?: OrderState[]; head?: boolean }) {
  const asked: URL[] = [];
  const server = { healed: false };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const u = new URL(request.url);
      if (u.pathname === '/api/v1/production-orders') {
        asked.push(u);
        const state = u.searchParams.get('state') as OrderState | null;
        if (state && fail.includes(state) && !server.healed) {
          return new Response(JSON.stringify({ status: 500, code: 'internal', title: 'Ошибка сервера' }), { status: 500, headers: { 'Content-Type': 'application/problem+json' } });
        }
        return Response.json((state && lists[state]) ?? { items: [], total: 0 });
      }
      const id = u.pathname.split('/').pop()!;
      const found = Object.values(lists).flatMap((l) => l?.items ?? []).find((i) => i.id === id)!;
      return Response.json(detail(found));
    }),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(
    meQuery.queryKey,
    (head
      ? { permissions: ['productions.read'], role: 'logistician', organization: { id: 'h1', kind: 'head' } }
      : { permissions: ['productions.read'], role: 'production', organization: { id: 'p1', kind: 'production' } }) as unknown as Me,
  );
  const seen = { search: '' };
  function Where() {
    seen.search = useLocation().search;
    return null;
  }
  render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[url]}>
          <Routes>
            <Route
              path="/production-orders"
              element={
                <>
                  <ProductionOrdersPage />
                  <Where />
                </>
              }
            />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { asked, seen, server };
}

Element.prototype.scrollIntoView ??= () => {};
window.scrollTo = () => {};

afterEach(() => {
  vi.unstubAllGlobals();
});

const column = (name: string) => screen.findByRole('region', { name });

describe('the production orders board', () => {
  it('shows a column per open stage in the state machine’s order, each with its count, its cards and «ещё N»', async () => {
    const assigned = Array.from({ length: 20 }, (_, i) => order(`a${i}`, 'assigned'));
    const { asked } = renderPage({
      lists: {
        assigned: { items: assigned, total: 23 },
        in_production: { items: [order('1', 'in_production', { due_date: '2020-01-15' })], total: 1 },
        shipped: { items: [order('2', 'shipped', { due_date: '2020-01-15' })], total: 1 },
        closed: { items: [order('9', 'closed')], total: 4 },
      },
    });

    const board = await screen.findByRole('group', { name: 'Доска заказов по стадиям' });
    const names = within(board)
      .getAllByRole('heading', { level: 2 })
      .map((h) => h.textContent);
    expect(names).toEqual([
      'Распределён на производство',
      'Принят производством',
      'В производстве',
      'Выполнен',
      'Обнаружен брак',
      'Качество подтверждено',
      'Отгружен клиенту',
      'Закрывающие документы получены',
    ]);
    // Each column asks for its own stage, twenty at most; the ended ones only for their count.
    await waitFor(() => expect(asked.filter((u) => u.searchParams.get('limit') === '20').map((u) => u.searchParams.get('state'))).toHaveLength(8));
    expect(asked.filter((u) => u.searchParams.get('limit') === '1').map((u) => u.searchParams.get('state')).sort()).toEqual(['cancelled', 'closed', 'declined']);

    const first = await column('Распределён на производство');
    expect(await within(first).findByText('23 заказа')).toBeTruthy();
    expect(within(first).getAllByRole('button', { name: /Плитка, 30 мм/ })).toHaveLength(20);
    expect((within(first).getByRole('button', { name: 'Ещё 3 в стадии «Распределён на производство» — открыть списком' })).textContent).toContain('ещё 3');

    const making = await column('В производстве');
    expect(await within(making).findByText('1 заказ')).toBeTruthy();
    const card = within(making).getByRole('button', { name: /12-1/ });
    expect((card).textContent).toContain('Плитка, 30 мм');
    expect((card).textContent).toContain('120,5 м²');
    expect((card).textContent).toContain('Производство Екатеринбург');
    // Its due day has passed and it has not left the production: in red, and said so.
    expect(within(card).getByText('до 15.01.2020, срок прошёл')).toBeTruthy();
    // A shipped one is past its due day by nature: nothing red.
    const gone = within(await column('Отгружен клиенту')).getByRole('button', { name: /12-2/ });
    expect((gone).textContent).toContain('до 15.01.2020');
    expect((gone).textContent).not.toContain('срок прошёл');

    const accepted = await column('Принят производством');
    expect(await within(accepted).findByText('Нет заказов')).toBeTruthy();
    expect(within(accepted).getByText('0 заказов')).toBeTruthy();

    expect(screen.getByText(/Перетащить заказ в другую колонку нельзя/)).toBeTruthy();
    expect((await screen.findByRole('button', { name: 'Закрыт: 4 — открыть списком' })).textContent).toContain('Закрыт — 4');
  });

  it('«ещё N» opens the list filtered by the stage', async () => {
    const { seen, asked } = renderPage({ lists: { assigned: { items: [order('1', 'assigned')], total: 5 } } });
    await userEvent.click(await screen.findByRole('button', { name: /^Ещё 4 в стадии/ }));
    await waitFor(() => expect(new URLSearchParams(seen.search).get('state')).toBe('assigned'));
    expect(new URLSearchParams(seen.search).get('view')).toBeNull();
    await waitFor(async () => expect(((await screen.findByRole('combobox', { name: 'Стадия' })) as HTMLInputElement).value).toBe('Распределён на производство'));
    await waitFor(() => expect(asked.some((u) => u.searchParams.get('limit') === '20' && u.searchParams.get('offset') === '0' && u.searchParams.get('state') === 'assigned')).toBe(true));
    expect(await screen.findByRole('list', { name: 'Заказы' })).toBeTruthy();
  });

  it('a card opens the order’s drawer (?order=), and the switch remembers the view in the address', async () => {
    const { seen } = renderPage({ url: '/production-orders', lists: { done: { items: [order('7', 'done')], total: 1 } }, head: false });
    // The list first; «Доска» switches and says so in the address.
    await userEvent.click(await screen.findByRole('radio', { name: 'Доска' }));
    await waitFor(() => expect(new URLSearchParams(seen.search).get('view')).toBe('board'));
    const done = await column('Выполнен');
    const card = await within(done).findByRole('button', { name: /12-7/ });
    await userEvent.click(card);
    await waitFor(() => expect(new URLSearchParams(seen.search).get('order')).toBe('7'));
    expect(await screen.findByRole('dialog', { name: 'Заказ: Плитка, 30 мм' })).toBeTruthy();
    expect(new URLSearchParams(seen.search).get('view')).toBe('board');
  });

  it('a column that fails says so and retries on its own; the others show theirs', async () => {
    const { server } = renderPage({ fail: ['shipped'], lists: { assigned: { items: [order('1', 'assigned')], total: 1 }, shipped: { items: [order('2', 'shipped')], total: 1 } } });
    const shipped = await column('Отгружен клиенту');
    const retry = await within(shipped).findByRole('button', { name: /Повторить/ });
    expect(within(await column('Распределён на производство')).getByRole('button', { name: /12-1/ })).toBeTruthy();
    server.healed = true;
    await userEvent.click(retry);
    expect(await within(shipped).findByRole('button', { name: /12-2/ })).toBeTruthy();
  });

  it('on a phone shows one column at a time, chosen by its stage', async () => {
    const original = window.matchMedia;
    window.matchMedia = ((query: string) => ({ ...original(query), matches: query.includes('max-width') })) as typeof window.matchMedia;
    try {
      renderPage({ lists: { assigned: { items: [order('1', 'assigned')], total: 1 }, shipped: { items: [order('2', 'shipped')], total: 1 } } });
      expect(await screen.findByRole('region', { name: 'Распределён на производство' })).toBeTruthy();
      expect(screen.queryByRole('region', { name: 'Отгружен клиенту' })).toBeNull();
      // The options say how many orders each stage holds, once the columns are read.
      await waitFor(() => expect(screen.getAllByText('1 заказ').length).toBeGreaterThan(0));
      await userEvent.click(screen.getByRole('combobox', { name: 'Стадия на доске' }));
      const option = await screen.findByRole('option', { name: /^Отгружен клиенту/, hidden: true });
      await waitFor(() => expect(option.textContent).toBe('Отгружен клиенту — 1'));
      await userEvent.click(option);
      const shipped = await screen.findByRole('region', { name: 'Отгружен клиенту' });
      expect(within(shipped).getByRole('button', { name: /12-2/ })).toBeTruthy();
      expect(screen.queryByRole('region', { name: 'Распределён на производство' })).toBeNull();
    } finally {
      window.matchMedia = original;
    }
  });
});

it('todayIso is the local day', () => {
  expect(todayIso(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
});
