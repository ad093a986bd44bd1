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
import type { Production, ProfileBody } from '../api/productions';
import { ProductionPage } from './ProductionPage';

const ekb = (over: Partial<NonNullable<Production['profile']>> = {}): Production => ({
  id: 'p1',
  name: 'Производство Екатеринбург',
  city: 'Екатеринбург',
  region: 'Свердловская область',
  address: null,
  coordinates: { lat: 56.8389, lon: 60.6057 },
  profile: {
    daily_capacity_m2: '400',
    working_days: [1, 2, 3, 4, 5, 6],
    payment_terms: 'fifty_fifty',
    payment_terms_name: '50/50',
    acceptance_hours: 24,
    contact_name: 'Гаврилов Олег Петрович',
    contact_phone: '+73432345690',
    contact_email: 'zakaz@plitka-ural.demo',
    offers: [
      { tile_type: 'Плитка', thickness_mm: '20', price_per_m2: '990.00' },
      { tile_type: 'Бордюр', thickness_mm: '50', price_per_m2: '2350.00' },
    ],
    updated_at: '2026-05-01T10:00:00Z',
    version: 3,
    ...over,
  },
});

const problem = (status: number, body: object) =>
  new Response(JSON.stringify({ status, ...body }), { status, headers: { 'Content-Type': 'application/problem+json' } });

/** The page at `/productions/p1` against a fake server: GETs answer `reads` in turn, PUTs `puts`. */
function renderPage({
  permissions,
  reads,
  puts = [],
  kind = 'head',
}: {
  permissions: string[];
  reads: Production[];
  puts?: Response[];
  kind?: 'head' | 'production';
}) {
  const sent: ProfileBody[] = [];
  let read = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      if (request.method === 'PUT') {
        sent.push((await request.json()) as ProfileBody);
        return puts.shift() ?? problem(500, { code: 'internal' });
      }
      return Response.json(reads[Math.min(read++, reads.length - 1)]);
    }),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(meQuery.queryKey, { permissions, role: 'logistician', organization: { id: 'o1', kind } } as unknown as Me);
  render(
    <MantineProvider>
      <Notifications />
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={['/productions/p1']}>
          <Routes>
            <Route path="/productions/:id" element={<ProductionPage />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return sent;
}

afterEach(() => {
  vi.unstubAllGlobals();
  notifications.clean();
});

/** The input's own error text (Mantine links it with aria-describedby). */
function errorOf(input: HTMLElement): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

describe('ProductionPage', () => {
  it('shows the profile to a reader, with no way to edit it', async () => {
    renderPage({ permissions: ['productions.read'], reads: [ekb()] });
    expect(await screen.findByRole('heading', { level: 1, name: 'Производство Екатеринбург' })).toBeTruthy();
    const work = screen.getByRole('region', { name: 'Мощность и условия' });
    expect(work.textContent).toContain('400 м²/день');
    expect(work.textContent).toContain('Пн–Сб');
    expect(work.textContent).toContain('50/50');
    expect(work.textContent).toContain('24 часа');
    const offers = screen.getByRole('table', { name: 'Позиции производства' });
    expect(within(offers).getByRole('row', { name: /Бордюр/ }).textContent).toContain('2\u00a0350,00\u00a0₽');
    expect(screen.getByRole('link', { name: '+7 (343) 234-56-90' }).getAttribute('href')).toBe('tel:+73432345690');
    expect(screen.queryByRole('button', { name: 'Изменить профиль' })).toBeNull();
  });

  it('gives a production’s own people no form, whatever their role may do', async () => {
    renderPage({ permissions: ['productions.read', 'productions.manage'], reads: [ekb()], kind: 'production' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Производство Екатеринбург' })).toBeTruthy();
    expect(screen.getByText(/Профиль ведёт головная компания/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Изменить профиль' })).toBeNull();
    expect(screen.queryByRole('link', { name: /Все производства/ })).toBeNull();
  });

  it('saves what a manager typed the Russian way, and shows it', async () => {
    const user = userEvent.setup();
    const saved = ekb({ daily_capacity_m2: '1250.5', offers: [{ tile_type: 'Плитка', thickness_mm: '20', price_per_m2: '1040.50' }], version: 4 });
    const sent = renderPage({ permissions: ['productions.read', 'productions.manage'], reads: [ekb()], puts: [Response.json(saved)] });
    await user.click(await screen.findByRole('button', { name: 'Изменить профиль' }));
    const form = screen.getByRole('form', { name: 'Профиль производства' });
    const capacity = within(form).getByRole('textbox', { name: /Мощность, м² в день/ });
    expect((capacity as HTMLInputElement).value).toBe('400');
    await user.clear(capacity);
    await user.type(capacity, '1 250,5');
    await user.click(within(form).getByRole('checkbox', { name: 'Суббота' }));
    await user.click(within(form).getByRole('radio', { name: 'Предоплата' }));
    const first = within(form).getByRole('group', { name: 'Позиция 1' });
    const price = within(first).getByRole('textbox', { name: 'Цена за м², ₽' });
    expect((price as HTMLInputElement).value).toBe('990,00');
    await user.clear(price);
    await user.type(price, '1 040,5');
    await user.click(within(form).getByRole('button', { name: 'Удалить позицию 2' }));
    await user.click(within(form).getByRole('button', { name: /Добавить позицию/ }));
    await user.click(within(form).getByRole('button', { name: 'Сохранить профиль' }));

    expect(await screen.findByText('Профиль «Производство Екатеринбург» сохранён')).toBeTruthy();
    // The blank row added last is not sent.
    expect(sent).toEqual([
      {
        version: 3,
        daily_capacity_m2: '1250.5',
        working_days: [1, 2, 3, 4, 5],
        payment_terms: 'prepayment',
        acceptance_hours: 24,
        contact_name: 'Гаврилов Олег Петрович',
        contact_phone: '+7 (343) 234-56-90',
        contact_email: 'zakaz@plitka-ural.demo',
        offers: [{ tile_type: 'Плитка', thickness_mm: '20', price_per_m2: '1040.50' }],
      },
    ]);
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.getByRole('region', { name: 'Мощность и условия' }).textContent).toContain('1\u00a0250,5 м²/день');
  });

  it('puts the server’s refusals under their inputs, an offer’s under its own row', async () => {
    const user = userEvent.setup();
    const refusal = problem(422, {
      code: 'validation_failed',
      errors: [
        { field: 'daily_capacity_m2', code: 'out_of_range', message: 'Мощность — больше 0 и не более 100000 м² в день' },
        // The body's offer 0 is the form's row 2: row 1 was cleared and is not sent.
        { field: 'offers[0].price_per_m2', code: 'out_of_range', message: 'Цена за м² должна быть больше нуля' },
        { field: 'offers[0].tile_type', code: 'duplicate', message: '«Бордюр» толщиной 50 мм уже есть в списке' },
      ],
    });
    const sent = renderPage({ permissions: ['productions.read', 'productions.manage'], reads: [ekb()], puts: [refusal] });
    await user.click(await screen.findByRole('button', { name: 'Изменить профиль' }));
    const form = screen.getByRole('form', { name: 'Профиль производства' });
    const row1 = within(form).getByRole('group', { name: 'Позиция 1' });
    for (const input of within(row1).getAllByRole('textbox')) await user.clear(input);
    const capacity = within(form).getByRole('textbox', { name: /Мощность, м² в день/ });
    await user.clear(capacity);
    await user.type(capacity, '200 000');
    await user.click(within(form).getByRole('button', { name: 'Сохранить профиль' }));

    await waitFor(() => expect(errorOf(capacity)).toBe('Мощность — больше 0 и не более 100000 м² в день'));
    expect(sent[0]!.offers).toHaveLength(1);
    expect(capacity.getAttribute('aria-invalid')).toBe('true');
    const row2 = within(form).getByRole('group', { name: 'Позиция 2' });
    expect(errorOf(within(row2).getByRole('textbox', { name: 'Цена за м², ₽' }))).toBe('Цена за м² должна быть больше нуля');
    expect(errorOf(within(row2).getByRole('textbox', { name: 'Вид плитки' }))).toBe('«Бордюр» толщиной 50 мм уже есть в списке');
    expect(errorOf(within(row1).getByRole('textbox', { name: 'Цена за м², ₽' }))).toBe('');
    // Every refusal found its input: no summary above the form.
    expect(within(form).queryByRole('alert')).toBeNull();
    // The keyboard is taken to the first one.
    await waitFor(() => expect(document.activeElement).toBe(capacity));
  });

  it('refuses what it cannot read before asking the server', async () => {
    const user = userEvent.setup();
    const sent = renderPage({ permissions: ['productions.read', 'productions.manage'], reads: [ekb()] });
    await user.click(await screen.findByRole('button', { name: 'Изменить профиль' }));
    const form = screen.getByRole('form', { name: 'Профиль производства' });
    const capacity = within(form).getByRole('textbox', { name: /Мощность, м² в день/ });
    await user.clear(capacity);
    await user.type(capacity, 'много');
    const price = within(within(form).getByRole('group', { name: 'Позиция 2' })).getByRole('textbox', { name: 'Цена за м², ₽' });
    await user.clear(price);
    await user.type(price, '2 350,555');
    await user.click(within(form).getByRole('button', { name: 'Сохранить профиль' }));
    expect(errorOf(capacity)).toBe('Введите число, например 1 250,5');
    expect(errorOf(price)).toBe('Введите сумму, например 1 250,50');
    expect(sent).toEqual([]);
  });

  it('says someone else saved first, and shows the profile as stored now', async () => {
    const user = userEvent.setup();
    const theirs = ekb({ daily_capacity_m2: '999', version: 4 });
    const sent = renderPage({
      permissions: ['productions.read', 'productions.manage'],
      reads: [ekb(), theirs],
      puts: [problem(409, { code: 'version_conflict', detail: 'Профиль изменён' }), Response.json(ekb({ daily_capacity_m2: '500', version: 5 }))],
    });
    await user.click(await screen.findByRole('button', { name: 'Изменить профиль' }));
    const form = screen.getByRole('form', { name: 'Профиль производства' });
    const capacity = within(form).getByRole('textbox', { name: /Мощность, м² в день/ });
    await user.clear(capacity);
    await user.type(capacity, '450');
    await user.click(within(form).getByRole('button', { name: 'Сохранить профиль' }));

    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toContain('Профиль успел изменить кто-то другой');
    await waitFor(() => expect((capacity as HTMLInputElement).value).toBe('999'));
    // Made again, it goes at the version now stored.
    await user.clear(capacity);
    await user.type(capacity, '500');
    await user.click(within(form).getByRole('button', { name: 'Сохранить профиль' }));
    expect(await screen.findByText('Профиль «Производство Екатеринбург» сохранён')).toBeTruthy();
    expect(sent.map((b) => [b.version, b.daily_capacity_m2])).toEqual([
      [3, '450'],
      [4, '500'],
    ]);
  });
});
