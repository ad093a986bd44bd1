import { MantineProvider } from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../../app/i18n';
import { meQuery } from '../../../shared/api/me';
import type { Me, Permission, Role } from '../../../shared/api/types';
import type { AssignBody, Distribution, WaitingDeal } from '../api/distribution';
import { DistributionQueuePage } from './DistributionQueuePage';

const EKB = 'Производство Екатеринбург';
const KRD = 'Производство Краснодар';
const DAY = 86_400_000;

const dogs: WaitingDeal = {
  deal_id: 'd1',
  number: 6,
  title: 'Площадка для выгула собак, 150 м²',
  stage: 'handed_to_logistics',
  stage_entered_at: new Date(Date.now() - 2 * DAY - 3_600_000).toISOString(),
  delivery_address: 'г. Москва, ул. Профсоюзная, 104',
  delivery_city: 'Москва',
  offer_details: 'Резиновая плитка 500×500, цвет по согласованию',
  assigned_m2: '0',
  declines: [{ production_name: KRD, reason: 'Линия на обслуживании' }, { production_name: 'Производство Новосибирск', reason: null }],
};

const yard: WaitingDeal = {
  deal_id: 'd2',
  number: 9,
  title: 'Детская площадка во дворе',
  stage: 'payment_received',
  stage_entered_at: new Date(Date.now() - 5 * 3_600_000).toISOString(),
  delivery_address: 'Тверская обл., пос. Заречный, д. 3',
  delivery_city: null,
  offer_details: null,
  assigned_m2: '0',
  declines: [],
};

const ranking: Distribution = {
  deal_id: 'd1',
  delivery_address: dogs.delivery_address,
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
      takes_whole: true,
      score: { distance: 7.83, price: 25, capacity: 20, quality: 15, load: 10, total: 77.83 },
    },
  ],
  excluded: [],
  assigned_m2: '0',
  placement: { kind: 'whole', parts: [{ production_id: 'ekb', production_name: EKB, quantity_m2: '150' }], missing_m2: null },
};

const problem = (status: number, body: object) =>
  new Response(JSON.stringify({ status, ...body }), { status, headers: { 'Content-Type': 'application/problem+json' } });

interface Server {
  /** The queue's answers in turn (the last one repeats). */
  queues?: (() => Response)[];
  role?: Role;
  permissions?: Permission[];
  kind?: 'head' | 'production';
}

function renderPage({ queues = [() => Response.json({ items: [dogs, yard] })], role = 'logistician', permissions = ['productions.read'], kind = 'head' }: Server = {}) {
  const sent: AssignBody[] = [];
  const read = { queue: 0 };
  const ranked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const u = new URL(request.url);
      if (u.pathname === '/api/v1/distribution/deals') {
        read.queue++;
        expect(u.searchParams.get('limit')).toBe('200');
        return (queues.length > 1 ? queues.shift()! : queues[0]!)();
      }
      if (request.method === 'POST' && u.pathname === '/api/v1/deals/d1/production-orders') {
        sent.push((await request.json()) as AssignBody);
        return Response.json({ id: 'o1', number: '6-1', production_name: EKB }, { status: 201 });
      }
      const distribution = /^\/api\/v1\/deals\/(d\d)\/distribution$/.exec(u.pathname);
      if (distribution) {
        ranked.push(distribution[1]!);
        return Response.json({ ...ranking, deal_id: distribution[1] });
      }
      if (u.pathname === '/api/v1/productions') {
        return Response.json({
          items: [{ id: 'ekb', name: EKB, has_profile: true, working_days: [1, 2, 3, 4, 5], offers_count: 2, payment_terms: 'after_shipment' }],
        });
      }
      return problem(404, { code: 'not_found' });
    }),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(meQuery.queryKey, { permissions, role, organization: { id: 'h', kind } } as unknown as Me);
  render(
    <MantineProvider>
      <Notifications />
      <QueryClientProvider client={client}>
        <MemoryRouter>
          <DistributionQueuePage />
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { sent, read, ranked };
}

Element.prototype.scrollIntoView ??= () => {};

afterEach(() => {
  vi.unstubAllGlobals();
  notifications.clean();
});

const nb = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

async function cardOf(title: string) {
  const list = await screen.findByRole('list', { name: 'Сделки, ждущие распределения' });
  return within(list)
    .getAllByRole('listitem')
    .find((li) => li.textContent?.includes(title) && li.parentElement === list)!;
}

describe('DistributionQueuePage', () => {
  it('lists the waiting deals: №, title, where to, what was sold, how long, and who declined why', async () => {
    renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: 'Распределение' })).toBeTruthy();
    const first = await cardOf(dogs.title);
    const text = nb(first.textContent);
    expect(text).toContain('№ 6');
    expect(text).toContain('Доставка: Москва');
    expect(text).toContain('Продано: Резиновая плитка 500×500, цвет по согласованию');
    expect(text).toContain('2 дня в очереди');
    const declines = within(first).getByRole('list', { name: 'Отказы производств' });
    expect(within(declines).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      `Отказалось: ${KRD} — Линия на обслуживании`,
      'Отказалось: Производство Новосибирск',
    ]);
    // A logistician reads no deals: the number is no link.
    expect(within(first).queryByRole('link')).toBeNull();

    // No city known: the address; nothing sold written, no line for it; no declines, no list.
    const second = await cardOf(yard.title);
    expect(nb(second.textContent)).toContain('Доставка: Тверская обл., пос. Заречный, д. 3');
    expect(nb(second.textContent)).toContain('5 часов в очереди');
    expect(nb(second.textContent)).not.toContain('Продано');
    expect(within(second).queryByRole('list')).toBeNull();
    expect(nb(screen.getByRole('status').textContent)).toBe('Ждут распределения: 2');
  });

  it('links the number to the deal for those who read deals', async () => {
    renderPage({ role: 'manager', permissions: ['productions.read', 'deals.read'] });
    const first = await cardOf(dogs.title);
    expect(within(first).getByRole('link', { name: 'Открыть сделку № 6' }).getAttribute('href')).toBe('/deals/d1');
  });

  it('distributes a deal in the drawer; once assigned the queue is read again, the deal gone, and the drawer said so', async () => {
    const user = userEvent.setup();
    const { sent, read, ranked } = renderPage({ queues: [() => Response.json({ items: [dogs, yard] }), () => Response.json({ items: [yard] })] });
    const first = await cardOf(dogs.title);
    await user.click(within(first).getByRole('button', { name: `Распределить сделку № 6 «${dogs.title}»` }));
    const drawer = await screen.findByRole('dialog', { name: 'Распределение по производствам' });
    const form = within(drawer).getByRole('form', { name: 'Что распределить' });
    await user.type(within(form).getByRole('textbox', { name: /Толщина, мм/ }), '30');
    await user.type(within(form).getByRole('textbox', { name: /Площадь, м²/ }), '150');
    await user.type(within(form).getByRole('textbox', { name: /Срок отгрузки/ }), '21.12.2026');
    await user.click(within(form).getByRole('button', { name: 'Подобрать производства' }));
    await user.click(await within(drawer).findByRole('button', { name: `Назначить: ${EKB}` }));
    const confirm = await screen.findByRole('dialog', { name: `Назначить заказ: ${EKB}` });
    const assign = within(confirm).getByRole('form', { name: `Назначить: ${EKB}` });
    await waitFor(() => expect((within(assign).getByRole('combobox', { name: /Условия оплаты производству/ }) as HTMLInputElement).value).toMatch(/^После отгрузки/));
    await user.type(within(assign).getByRole('textbox', { name: /Кто принимает плитку/ }), 'Прораб Петров');
    await user.click(within(assign).getByRole('button', { name: 'Назначить' }));

    expect(await screen.findByText(`Заказ № 6-1 назначен: ${EKB}`)).toBeTruthy();
    expect(ranked).toEqual(['d1']);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ production_id: 'ekb', quantity: '150', due_date: '2026-12-21', delivery_contact: 'Прораб Петров' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(read.queue).toBe(2));
    await waitFor(() => expect(screen.queryByText(dogs.title)).toBeNull());
    expect(await cardOf(yard.title)).toBeTruthy();
  });

  it('opens a fresh drawer for another deal: what was asked for one does not carry over', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(within(await cardOf(dogs.title)).getByRole('button', { name: /^Распределить сделку № 6/ }));
    let drawer = await screen.findByRole('dialog', { name: 'Распределение по производствам' });
    await user.type(within(drawer).getByRole('textbox', { name: /Толщина, мм/ }), '30');
    await user.click(within(drawer).getByRole('button', { name: 'Закрыть' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await user.click(within(await cardOf(yard.title)).getByRole('button', { name: /^Распределить сделку № 9/ }));
    drawer = await screen.findByRole('dialog', { name: 'Распределение по производствам' });
    expect((within(drawer).getByRole('textbox', { name: /Толщина, мм/ }) as HTMLInputElement).value).toBe('');
  });

  it('says when every paid deal is distributed', async () => {
    renderPage({ queues: [() => Response.json({ items: [] })] });
    expect(await screen.findByText('Все оплаченные сделки распределены')).toBeTruthy();
    expect(screen.queryByRole('list')).toBeNull();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('shows the server’s refusal with a retry', async () => {
    const user = userEvent.setup();
    const { read } = renderPage({ queues: [() => problem(500, { code: 'internal', title: 'Внутренняя ошибка' }), () => Response.json({ items: [yard] })] });
    const retry = await screen.findByRole('button', { name: /Повторить/ });
    await user.click(retry);
    expect(await cardOf(yard.title)).toBeTruthy();
    expect(read.queue).toBe(2);
  });

  it('is not there for those who do not assign, nor for a production’s people', async () => {
    const { read } = renderPage({ role: 'analyst' });
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Распределение' })).toBeNull();
    expect(read.queue).toBe(0);
  });

  it('is not there for a production’s logistician either', async () => {
    const { read } = renderPage({ role: 'logistician', kind: 'production' });
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(read.queue).toBe(0);
  });
});
