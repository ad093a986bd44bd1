import { MantineProvider } from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../../../app/i18n';
import { meQuery } from '../../../../shared/api/me';
import type { Me } from '../../../../shared/api/types';
import type { Overview } from '../api/settlements';
import { presetPeriod } from '../model/period';
import { SettlementsPage } from './SettlementsPage';

const nbsp = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

const balance = (closing: string, position: string, over: Partial<Overview['total']> = {}) => ({
  opening: '0.00',
  debits: '367650.00',
  credits: '457950.00',
  closing,
  position,
  ...over,
});

const overview = (over: Partial<Overview> = {}): Overview => ({
  from: '2026-09-01',
  to: '2026-11-30',
  productions: [
    { production_id: 'ekb', production_name: 'Производство Екатеринбург', balance: balance('0.00', 'Расчёты закрыты'), open_obligations: '0.00', open_orders: 0 },
    {
      production_id: 'krd',
      production_name: 'Производство Краснодар',
      balance: balance('-90300.00', 'Мы должны 90\u00a0300,00\u00a0₽'),
      open_obligations: '90300.00',
      open_orders: 1,
    },
  ],
  total: balance('-90300.00', 'Мы должны 90\u00a0300,00\u00a0₽', { debits: '1403000.00', credits: '1493300.00' }),
  owed_to_us: '0.00',
  we_owe: '90300.00',
  paid_to_productions: '1403000.00',
  open_obligations: '90300.00',
  ...over,
});

function Where() {
  const location = useLocation();
  return <div data-testid="where">{location.pathname + location.search}</div>;
}

function renderPage({ answer = overview(), url = '/settlements?from=2026-09-01&to=2026-11-30', kind = 'head' }: { answer?: Overview; url?: string; kind?: 'head' | 'production' } = {}) {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      asked.push(request.url);
      return Response.json(answer);
    }),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(meQuery.queryKey, {
    permissions: ['settlements.read'],
    role: kind === 'head' ? 'accountant' : 'production',
    organization: { id: 'krd', kind, name: 'x' },
  } as unknown as Me);
  render(
    <MantineProvider>
      <Notifications />
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[url]}>
          <Routes>
            <Route path="/settlements" element={<><SettlementsPage /><Where /></>} />
            <Route path="/settlements/:productionId" element={<Where />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return asked;
}

afterEach(() => {
  vi.unstubAllGlobals();
  notifications.clean();
});

describe('SettlementsPage', () => {
  it('shows each production’s balance for the URL’s period, the totals and the headline figures', async () => {
    const asked = renderPage();
    const table = await screen.findByRole('table', { name: 'Взаиморасчёты по производствам' });
    expect(new URL(asked[0]!).search).toBe('?from=2026-09-01&to=2026-11-30');
    const krd = within(table).getByRole('row', { name: /Производство Краснодар/ });
    expect(nbsp(krd.textContent)).toContain('−90 300,00 ₽');
    expect(nbsp(krd.textContent)).toContain('Мы должны 90 300,00 ₽');
    expect(within(krd).getByRole('link', { name: 'Производство Краснодар' }).getAttribute('href')).toBe('/settlements/krd?from=2026-09-01&to=2026-11-30');
    const total = within(table).getByRole('row', { name: /Итого/ });
    expect(nbsp(total.textContent)).toContain('1 403 000,00 ₽');
    expect(nbsp(total.textContent)).toContain('1 493 300,00 ₽');
    const headline = screen.getByRole('region', { name: 'Итоги за период' });
    expect(nbsp(headline.textContent)).toContain('Мы должны90 300,00 ₽');
    expect(nbsp(headline.textContent)).toContain('Нам должны0,00 ₽');
    expect(nbsp(headline.textContent)).toContain('Оплачено производствам за период1 403 000,00 ₽');
    expect(nbsp(headline.textContent)).toContain('Открытые обязательства90 300,00 ₽');
    expect((screen.getByRole('textbox', { name: 'С' }) as HTMLInputElement).value).toBe('01.09.2026');
    expect((screen.getByRole('textbox', { name: 'По' }) as HTMLInputElement).value).toBe('30.11.2026');
  });

  it('takes a quick choice into the URL and asks for it', async () => {
    const user = userEvent.setup();
    const asked = renderPage();
    await screen.findByRole('table', { name: 'Взаиморасчёты по производствам' });
    await user.click(screen.getByRole('button', { name: 'Прошлый месяц' }));
    const last = presetPeriod('lastMonth');
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe(`/settlements?from=${last.from}&to=${last.to}`));
    await waitFor(() => expect(asked.at(-1)).toContain(`from=${last.from}&to=${last.to}`));
    expect(screen.getByRole('button', { name: 'Прошлый месяц' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('starts with this month to today when the URL has no period', async () => {
    const asked = renderPage({ url: '/settlements' });
    await screen.findByRole('table', { name: 'Взаиморасчёты по производствам' });
    const month = presetPeriod('month');
    expect(asked[0]).toContain(`from=${month.from}&to=${month.to}`);
    expect(screen.getByRole('button', { name: 'Этот месяц' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('says so when there are no productions', async () => {
    renderPage({ answer: overview({ productions: [] }) });
    expect(await screen.findByText('Производств пока нет')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('takes a production’s people straight to their own statement, period and all', async () => {
    const asked = renderPage({ kind: 'production' });
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/settlements/krd?from=2026-09-01&to=2026-11-30'));
    expect(asked).toEqual([]);
  });
});
