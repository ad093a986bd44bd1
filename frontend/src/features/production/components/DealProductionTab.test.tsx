import { MantineProvider } from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../../app/i18n';
import { meQuery } from '../../../shared/api/me';
import type { Me, Role } from '../../../shared/api/types';
import type { AssignBody, DealOrder, Distribution } from '../api/distribution';
import type { Order } from '../api/orders';
import { DealProductionTab } from './DealProductionTab';

const EKB = 'Производство Екатеринбург';
const KRD = 'Производство Краснодар';

const ranking: Distribution = {
  deal_id: 'd1',
  delivery_address: 'г. Москва, ул. Профсоюзная, 104',
  delivery_city: 'Москва',
  delivery_lat: 55.7558,
  delivery_lon: 37.6173,
  located_by: 'address',
  ranked: [
    {
      production_id: 'ekb',
      production_name: EKB,
      rank: 1,
      distance_km: 1416.7,
      price_per_m2: '1190.00',
      working_days: 18,
      capacity_m2: '7200',
      committed_m2: '0',
      free_m2: '7200',
      load_percent: '0',
      defect_rate: '0',
      takes_whole: false,
      score: { distance: 7.83, price: 25, capacity: 20, quality: 15, load: 10, total: 77.83 },
    },
    {
      production_id: 'krd',
      production_name: KRD,
      rank: 2,
      distance_km: 1195.9,
      price_per_m2: '1290.00',
      working_days: 21,
      capacity_m2: '12600',
      committed_m2: '12500',
      free_m2: '100',
      load_percent: '99.2',
      defect_rate: '0.0909',
      takes_whole: false,
      score: { distance: 8.84, price: 23.06, capacity: 2.5, quality: 1.37, load: 0.1, total: 35.87 },
    },
  ],
  excluded: [
    {
      production_id: 'nsk',
      production_name: 'Производство Новосибирск',
      reasons: [
        { reason: 'does_not_make', text: 'Не делает «Плитка» толщиной 30 мм' },
        { reason: 'no_free_capacity', text: 'Свободно 0 м² до срока' },
      ],
    },
  ],
  assigned_m2: '0',
  placement: {
    kind: 'split',
    parts: [
      { production_id: 'ekb', production_name: EKB, quantity_m2: '50' },
      { production_id: 'krd', production_name: KRD, quantity_m2: '100' },
    ],
    missing_m2: null,
  },
};

const order: Order = {
  id: 'o1',
  number: '6-1',
  deal_id: 'd1',
  production_id: 'krd',
  production_name: KRD,
  state: 'assigned',
  state_name: 'Распределён на производство',
  terms: 'fifty_fifty',
  tile_type: 'Плитка',
  thickness_mm: '30',
  quantity_m2: '100',
  price_per_m2: '1290.00',
  amount: '129000.00',
  paid: '0.00',
  deduction: '0.00',
  due_date: '2026-12-21',
  delivery_address: 'г. Москва, ул. Профсоюзная, 104',
  delivery_contact: 'Прораб Петров',
  accept_by: '2026-12-01T17:05:00Z',
  allowed_actions: ['cancel'],
  created_at: '2026-11-30T14:05:00Z',
  updated_at: '2026-11-30T14:05:00Z',
  version: 1,
  files: [],
  events: [{ action: 'assign', action_name: 'Распределить на производство', to_state: 'assigned', from_state: null, actor_role: 'logistician', at: '2026-11-30T14:05:00Z' }],
} as unknown as Order;

const item = (o: Order): DealOrder => ({
  id: o.id,
  number: o.number,
  production_name: o.production_name,
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

const notLocated = problem(422, {
  code: 'validation_failed',
  title: 'Ошибка проверки данных',
  errors: [{ field: 'lat', code: 'not_located', message: 'В адресе доставки не найден известный город: укажите координаты' }],
});

interface Server {
  orders?: Order[];
  /** Answers to the ranking's GETs in turn (the last one repeats). */
  rankings?: (() => Response)[];
  posts?: (() => Response)[];
  role?: Role;
}

function renderTab({ orders = [], rankings = [() => Response.json(ranking)], posts = [], role = 'logistician' }: Server = {}) {
  const sent: AssignBody[] = [];
  const asked: URLSearchParams[] = [];
  const listed = { count: 0 };
  const stored = [...orders];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const u = new URL(request.url);
      if (request.method === 'POST' && u.pathname === '/api/v1/deals/d1/production-orders') {
        sent.push((await request.json()) as AssignBody);
        const answer = (posts.shift() ?? (() => problem(500, { code: 'internal' })))();
        if (answer.status === 201) stored.push(order);
        return answer;
      }
      if (u.pathname === '/api/v1/deals/d1/production-orders') {
        listed.count++;
        return Response.json({ items: stored.map(item), total: stored.length });
      }
      if (u.pathname === '/api/v1/deals/d1/distribution') {
        asked.push(u.searchParams);
        const next = rankings.length > 1 ? rankings.shift()! : rankings[0]!;
        return next();
      }
      if (u.pathname === '/api/v1/productions') {
        return Response.json({
          items: [
            { id: 'ekb', name: EKB, has_profile: true, working_days: [1, 2, 3, 4, 5], offers_count: 2, payment_terms: 'prepayment' },
            { id: 'krd', name: KRD, has_profile: true, working_days: [1, 2, 3, 4, 5], offers_count: 2, payment_terms: 'after_shipment' },
          ],
        });
      }
      if (u.pathname === '/api/v1/production-orders/o1') return Response.json(order);
      return problem(404, { code: 'not_found' });
    }),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(meQuery.queryKey, { permissions: ['productions.read'], role, organization: { id: 'h', kind: 'head' } } as unknown as Me);
  const onDealChanged = vi.fn();
  render(
    <MantineProvider>
      <Notifications />
      <QueryClientProvider client={client}>
        <MemoryRouter>
          <DealProductionTab dealId="d1" onDealChanged={onDealChanged} />
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { sent, asked, listed, onDealChanged };
}

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

const nb = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

async function askRanking(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Распределить по производствам' }));
  const drawer = await screen.findByRole('dialog', { name: 'Распределение по производствам' });
  const form = within(drawer).getByRole('form', { name: 'Что распределить' });
  await user.type(within(form).getByRole('textbox', { name: /Толщина, мм/ }), '30');
  await user.type(within(form).getByRole('textbox', { name: /Площадь, м²/ }), '150');
  await user.type(within(form).getByRole('textbox', { name: /Срок отгрузки/ }), '21.12.2026');
  await user.click(within(form).getByRole('button', { name: 'Подобрать производства' }));
  return { drawer, form };
}

describe('DealProductionTab', () => {
  it('says what to do when the deal has no orders, and offers the distribution to those who assign', async () => {
    renderTab();
    expect(await screen.findByText('Заказов производствам по этой сделке пока нет')).toBeTruthy();
    expect(screen.getByText(/Нажмите «Распределить по производствам»/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Распределить по производствам' })).toBeTruthy();
  });

  it('offers no distribution to an accountant, who only reads', async () => {
    renderTab({ role: 'accountant' });
    expect(await screen.findByText(/Заказы производствам назначают логист/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Распределить по производствам' })).toBeNull();
  });

  it('lists the deal’s orders and opens one in the orders’ drawer', async () => {
    const user = userEvent.setup();
    renderTab({ orders: [order] });
    const table = await screen.findByRole('table', { name: 'Заказы производствам по сделке' });
    const row = within(table).getAllByRole('row')[1]!;
    expect(row.textContent).toContain('6-1');
    expect(row.textContent).toContain(KRD);
    expect(row.textContent).toContain('Распределён на производство');
    expect(nb(row.textContent)).toContain('100 м²');
    expect(row.textContent).toContain('21.12.2026');
    await user.click(within(row).getByRole('button', { name: 'Открыть заказ № 6-1' }));
    const drawer = await screen.findByRole('dialog', { name: 'Заказ: Плитка, 30 мм' });
    expect(await within(drawer).findByText('Прораб Петров')).toBeTruthy();
  });

  it('checks the form before asking, then shows the ranking, the left-out with their reasons and the placement', async () => {
    const user = userEvent.setup();
    const { asked } = renderTab();
    await user.click(await screen.findByRole('button', { name: 'Распределить по производствам' }));
    const drawer = await screen.findByRole('dialog', { name: 'Распределение по производствам' });
    await user.type(within(drawer).getByRole('textbox', { name: /Площадь, м²/ }), 'много');
    await user.click(within(drawer).getByRole('button', { name: 'Подобрать производства' }));
    expect(errorOf(within(drawer).getByRole('textbox', { name: /Толщина, мм/ }))).toBe('Обязательное поле');
    expect(errorOf(within(drawer).getByRole('textbox', { name: /Площадь, м²/ }))).toContain('Введите число');
    expect(asked).toHaveLength(0);

    await user.clear(within(drawer).getByRole('textbox', { name: /Площадь, м²/ }));
    await user.type(within(drawer).getByRole('textbox', { name: /Толщина, мм/ }), '30');
    await user.type(within(drawer).getByRole('textbox', { name: /Площадь, м²/ }), '150,5');
    await user.type(within(drawer).getByRole('textbox', { name: /Срок отгрузки/ }), '21.12.2026');
    await user.click(within(drawer).getByRole('button', { name: 'Подобрать производства' }));

    const table = await within(drawer).findByRole('table', { name: 'Производства, которые подходят, лучшие сначала' });
    expect(Object.fromEntries(asked[0]!)).toEqual({ tile_type: 'Плитка', thickness_mm: '30', quantity_m2: '150.5', due_date: '2026-12-21' });
    const [, first, second] = within(table).getAllByRole('row');
    expect(nb(first!.textContent)).toContain('1 417 км');
    expect(nb(first!.textContent)).toContain('1 190,00 ₽/м²');
    expect(nb(first!.textContent)).toContain('7 200 из 7 200 м²');
    expect(nb(first!.textContent)).toContain('77,8 из 100');
    const parts = within(first!).getByRole('list', { name: 'Баллы по критериям' });
    expect(within(parts).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Расстояние: 7,8 из 30',
      'Цена: 25 из 25',
      'Мощность: 20 из 20',
      'Качество: 15 из 15',
      'Загрузка: 10 из 10',
    ]);
    expect(nb(second!.textContent)).toContain('99,2 %');
    expect(nb(second!.textContent)).toContain('9,1 %');

    const excluded = within(drawer).getByRole('list', { name: 'Производства, которые не подходят' });
    expect(excluded.textContent).toContain('Производство Новосибирск');
    expect(excluded.textContent).toContain('Не делает «Плитка» толщиной 30 мм');
    expect(excluded.textContent).toContain('Свободно 0 м² до срока');
    expect(nb(within(drawer).getByTestId('placement').textContent)).toBe(
      `Одно производство весь заказ не возьмёт: разделить его — ${EKB} — 50 м², ${KRD} — 100 м².`,
    );
    expect(drawer.textContent).toContain('город Москва из адреса');
  });

  it('lets the coordinates be typed when the delivery city is not found, and asks with them', async () => {
    const user = userEvent.setup();
    const { asked } = renderTab({ rankings: [() => notLocated, () => Response.json({ ...ranking, located_by: 'coordinates', delivery_city: null })] });
    const { drawer } = await askRanking(user);
    expect(await within(drawer).findByText('В адресе доставки не найден известный город: укажите координаты')).toBeTruthy();
    expect(within(drawer).getByText('Город доставки не найден')).toBeTruthy();
    await user.type(within(drawer).getByRole('textbox', { name: 'Широта' }), '55,75');
    await user.type(within(drawer).getByRole('textbox', { name: 'Долгота' }), '37,62');
    await user.click(within(drawer).getByRole('button', { name: 'Подобрать производства' }));
    expect(await within(drawer).findByRole('table', { name: 'Производства, которые подходят, лучшие сначала' })).toBeTruthy();
    expect(asked[1]!.get('lat')).toBe('55.75');
    expect(asked[1]!.get('lon')).toBe('37.62');
    expect(drawer.textContent).toContain('по указанным координатам');
    // The coordinates stay for the next question.
    expect((within(drawer).getByRole('textbox', { name: 'Широта' }) as HTMLInputElement).value).toBe('55,75');
  });

  it('assigns a production its part of the placement with its own terms, then refreshes the list and the deal', async () => {
    const user = userEvent.setup();
    const { sent, onDealChanged } = renderTab({ posts: [() => Response.json(order, { status: 201 })] });
    const { drawer } = await askRanking(user);
    await user.click(await within(drawer).findByRole('button', { name: `Назначить: ${KRD}` }));
    const confirm = await screen.findByRole('dialog', { name: `Назначить заказ: ${KRD}` });
    const form = within(confirm).getByRole('form', { name: `Назначить: ${KRD}` });
    expect((within(form).getByRole('textbox', { name: /Площадь, м²/ }) as HTMLInputElement).value).toBe('100');
    expect((within(form).getByRole('textbox', { name: /Срок/ }) as HTMLInputElement).value).toBe('21.12.2026');
    await waitFor(() => expect((within(form).getByRole('combobox', { name: /Условия оплаты производству/ }) as HTMLInputElement).value).toMatch(/^После отгрузки/));
    await user.type(within(form).getByRole('textbox', { name: /Кто принимает плитку/ }), 'Прораб Петров');
    await user.click(within(form).getByRole('button', { name: 'Назначить' }));

    expect(await screen.findByText(`Заказ № 6-1 назначен: ${KRD}`)).toBeTruthy();
    expect(sent).toEqual([
      { production_id: 'krd', tile_type: 'Плитка', thickness_mm: '30', quantity: '100', due_date: '2026-12-21', delivery_contact: 'Прораб Петров', terms: 'after_shipment' },
    ]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(onDealChanged).toHaveBeenCalled();
    const table = await screen.findByRole('table', { name: 'Заказы производствам по сделке' });
    expect(table.textContent).toContain('6-1');
  });

  it('puts the server’s refusals under their inputs and the rest above the form', async () => {
    const user = userEvent.setup();
    renderTab({
      posts: [
        () =>
          problem(422, {
            code: 'validation_failed',
            errors: [
              { field: 'due_date', code: 'out_of_range', message: 'Срок не может быть в прошлом' },
              { field: 'tile_type', code: 'not_offered', message: 'Производство не делает «Плитка» толщиной 30 мм' },
            ],
          }),
      ],
    });
    const { drawer } = await askRanking(user);
    await user.click(await within(drawer).findByRole('button', { name: `Назначить: ${EKB}` }));
    const confirm = await screen.findByRole('dialog', { name: `Назначить заказ: ${EKB}` });
    const form = within(confirm).getByRole('form', { name: `Назначить: ${EKB}` });
    expect((within(form).getByRole('textbox', { name: /Площадь, м²/ }) as HTMLInputElement).value).toBe('50');
    await user.click(within(form).getByRole('button', { name: 'Назначить' }));
    await waitFor(() => expect(errorOf(within(form).getByRole('textbox', { name: /Срок/ }))).toBe('Срок не может быть в прошлом'));
    expect(within(form).getByRole('alert').textContent).toContain('не делает «Плитка» толщиной 30 мм');
    // Back to the ranking, as it was.
    await user.click(within(form).getByRole('button', { name: /Назад к производствам/ }));
    expect(await screen.findByRole('table', { name: 'Производства, которые подходят, лучшие сначала' })).toBeTruthy();
  });

  it('shows the ranking as cards on a phone', async () => {
    const original = window.matchMedia;
    window.matchMedia = ((query: string) => ({ ...original(query), matches: query.includes('max-width: 48em') })) as typeof window.matchMedia;
    try {
      const user = userEvent.setup();
      renderTab();
      const { drawer } = await askRanking(user);
      const cards = await within(drawer).findByRole('list', { name: 'Производства, которые подходят, лучшие сначала' });
      const first = within(cards).getByRole('article', { name: `1. ${EKB}` });
      expect(nb(first.textContent)).toContain('1 417 км');
      expect(within(first).getByRole('button', { name: `Назначить: ${EKB}` })).toBeTruthy();
      expect(within(drawer).queryByRole('table')).toBeNull();
    } finally {
      window.matchMedia = original;
    }
  });
});
