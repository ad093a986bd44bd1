import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../../app/i18n';
import { meQuery } from '../../../shared/api/me';
import type { Me } from '../../../shared/api/types';
import type { QueueItem, ShipmentQueue } from '../api/finance';
import { ShipmentsPage } from './ShipmentsPage';

// Mantine's autosize textarea listens for web fonts, which jsdom lacks.
if (!('fonts' in document))
  Object.defineProperty(document, 'fonts', { value: { addEventListener() {}, removeEventListener() {} }, configurable: true });

const item = (over: Partial<QueueItem> & { number: string; paid: string; required_now: string }): QueueItem => ({
  deal_id: `deal-${over.number}`,
  deal_number: Number(over.number) + 4,
  deal_title: 'Площадка для выгула собак, 150 м²',
  client_name: 'ООО «Конный клуб Виктория»',
  ready: true,
  ...over,
  invoice: {
    id: `inv-${over.number}`,
    number: over.number,
    date: '2026-11-30',
    status: 'issued',
    version: 3,
    total: '313836.00',
    paid: over.paid,
    outstanding: '156918.00',
    required_now: over.required_now,
    shipped: 'partly',
    parts: [],
    lines: [
      { line_id: `l1-${over.number}`, name: 'Плитка резиновая 500×500×40 мм', unit: 'm2', quantity: '134', shipped: '40.5' },
      { line_id: `l2-${over.number}`, name: 'Доставка (ПЭК)', unit: 'service_unit', quantity: '1', shipped: '1' },
    ],
  },
});

const ready = item({ number: '2', paid: '156918.00', required_now: '156918.00' });
const waiting = item({ number: '1', paid: '0.00', required_now: '844566.00', ready: false, client_name: 'ООО «ДачаСтрой»' });

function renderPage(queue: (url: URL) => ShipmentQueue, permissions: string[] = ['shipments.record'], at = '/shipments') {
  const requests: URL[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      requests.push(url);
      return Response.json(queue(url));
    }),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(meQuery.queryKey, { permissions } as unknown as Me);
  render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[at]}>
          <ShipmentsPage />
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return requests;
}

afterEach(() => vi.unstubAllGlobals());
// A new page scrolls to the top, which jsdom does not do.
window.scrollTo = () => {};

describe('ShipmentsPage', () => {
  it('shows the ready invoices, their payment and lines, and names the deal without a link for the warehouse', async () => {
    const requests = renderPage(() => ({ items: [ready], total: 1 }));
    const card = await screen.findByRole('article', { name: 'Счёт № 2 от 30.11.2026' });
    expect(requests[0]!.searchParams.get('ready_only')).toBe('true');
    expect(requests[0]!.searchParams.get('limit')).toBe('50');
    expect(requests[0]!.searchParams.get('offset')).toBe('0');
    expect(within(card).getByText('Готово к отгрузке')).toBeTruthy();
    expect(within(card).getByText('Оплачено 156 918,00 ₽ из 313 836,00 ₽')).toBeTruthy();
    expect(within(card).getByText('Сделка № 6 — Площадка для выгула собак, 150 м²')).toBeTruthy();
    expect(within(card).queryByRole('link')).toBeNull();
    const tile = within(card).getByRole('row', { name: /Плитка резиновая/ });
    expect(tile.textContent).toContain('40,5 из 134 м²');
    expect(tile.textContent).toContain('93,5 м²');
    expect(screen.getByText('Показано 1 из 1')).toBeTruthy();
  });

  it('links the deal for those who read deals, and shows the unpaid with what is missing', async () => {
    const requests = renderPage(() => ({ items: [waiting, ready], total: 2 }), ['shipments.record', 'deals.read'], '/shipments?unpaid=1');
    const card = await screen.findByRole('article', { name: 'Счёт № 1 от 30.11.2026' });
    expect(requests[0]!.searchParams.get('ready_only')).toBe('false');
    expect(within(card).getByText('Ждёт оплаты')).toBeTruthy();
    expect(within(card).getByText('До отгрузки не хватает 844 566,00 ₽')).toBeTruthy();
    expect(within(card).getByRole('link', { name: 'Сделка № 5 — Площадка для выгула собак, 150 м²' }).getAttribute('href')).toBe('/deals/deal-1');
    expect(screen.getByText('Показано 1–2 из 2')).toBeTruthy();
  });

  it('pages fifty at a time', async () => {
    const user = userEvent.setup();
    const requests = renderPage((url) => ({ items: [url.searchParams.get('offset') === '50' ? waiting : ready], total: 51 }));
    await screen.findByRole('article', { name: 'Счёт № 2 от 30.11.2026' });
    await user.click(screen.getByRole('button', { name: 'Страница 2' }));
    await screen.findByRole('article', { name: 'Счёт № 1 от 30.11.2026' });
    expect(requests.at(-1)!.searchParams.get('offset')).toBe('50');
    expect(screen.getByText('Показано 51 из 51')).toBeTruthy();
  });

  it('says there is nothing to ship', async () => {
    renderPage(() => ({ items: [], total: 0 }));
    expect(await screen.findByText('Отгружать нечего')).toBeTruthy();
    expect(screen.getByText(/Счета, которые ещё ждут оплаты, покажет переключатель/)).toBeTruthy();
  });

  it('opens the shipment dialog for the invoice, with its deal and a warning when it is not paid', async () => {
    const user = userEvent.setup();
    renderPage(() => ({ items: [waiting], total: 1 }), ['shipments.record'], '/shipments?unpaid=1');
    const card = await screen.findByRole('article', { name: 'Счёт № 1 от 30.11.2026' });
    await user.click(within(card).getByRole('button', { name: 'Записать отгрузку по счёту № 1' }));
    const dialog = await screen.findByRole('dialog', { name: 'Отгрузка' });
    expect(within(dialog).getByText('ООО «ДачаСтрой»')).toBeTruthy();
    expect(within(dialog).getByText(/не хватает 844 566,00 ₽/)).toBeTruthy();
    expect(within(dialog).getByText('№ 1 от 30.11.2026 — 313 836,00 ₽')).toBeTruthy();
    // Only what is left: the delivery is shipped already.
    await waitFor(() => expect((within(dialog).getByRole('textbox', { name: /Плитка резиновая/ }) as HTMLInputElement).value).toBe('93,5'));
    expect(within(dialog).queryByRole('textbox', { name: /Доставка/ })).toBeNull();
  });
});
