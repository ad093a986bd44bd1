import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../../app/i18n';
import { meQuery } from '../../../shared/api/me';
import type { Me } from '../../../shared/api/types';
import type { ProductionRow } from '../api/productions';
import { ProductionsPage } from './ProductionsPage';

const rows: ProductionRow[] = [
  {
    id: 'p1',
    name: 'Производство Екатеринбург',
    city: 'Екатеринбург',
    region: 'Свердловская область',
    has_profile: true,
    daily_capacity_m2: '1250.5',
    working_days: [1, 2, 3, 4, 5, 6],
    payment_terms: 'fifty_fifty',
    offers_count: 4,
    min_price_per_m2: '990.00',
  },
  { id: 'p4', name: 'Производство Казань', city: 'Казань', region: null, has_profile: false, working_days: [], offers_count: 0 },
];

function renderPage(items: ProductionRow[], role = 'logistician') {
  vi.stubGlobal('fetch', vi.fn(async () => Response.json({ items })));
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(meQuery.queryKey, { permissions: ['productions.read'], role, organization: { id: 'p1' } } as unknown as Me);
  render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={['/productions']}>
          <Routes>
            <Route path="/productions" element={<ProductionsPage />} />
            <Route path="/productions/mine" element={<p>own profile</p>} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('ProductionsPage', () => {
  it('lists the productions with their capacity, week, terms, tiles and lowest price', async () => {
    renderPage(rows);
    const table = await screen.findByRole('table', { name: 'Производства' });
    const ekb = within(table).getByRole('row', { name: /Екатеринбург/ });
    const cells = within(ekb).getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toEqual([
      'Производство Екатеринбург',
      'Екатеринбург, Свердловская область',
      '1\u00a0250,5 м²/день',
      'Пн–Сб',
      '50/50',
      '4',
      '990,00\u00a0₽',
    ]);
    expect(within(ekb).getByRole('link', { name: 'Производство Екатеринбург' }).getAttribute('href')).toBe('/productions/p1');
    const kazan = within(table).getByRole('row', { name: /Казань/ });
    expect(kazan.textContent).toContain('Профиль не заполнен');
  });

  it('says when there are none', async () => {
    renderPage([]);
    expect(await screen.findByText('Производств пока нет')).toBeTruthy();
  });

  it('sends a production to its own profile', async () => {
    renderPage(rows, 'production');
    expect(await screen.findByText('own profile')).toBeTruthy();
  });
});
