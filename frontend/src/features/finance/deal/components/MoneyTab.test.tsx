import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../../../app/i18n';
import type { DealMoney } from '../api/money';
import { MoneyTab } from './MoneyTab';

// Mantine's autosize textarea listens for web fonts, which jsdom lacks.
if (!('fonts' in document))
  Object.defineProperty(document, 'fonts', { value: { addEventListener() {}, removeEventListener() {} }, configurable: true });

const tile = '01a22bc7-02a2-739c-b30b-a1737fb2bae7';
const delivery = '01a22bc7-02a2-739c-b30b-a1741f6a9b71';

/** A deal paid its advance on invoice № 3, not shipped; an earlier invoice № 2 cancelled. */
const money: DealMoney = {
  invoices: [
    {
      id: 'inv-2',
      number: '2',
      date: '2026-11-20',
      status: 'cancelled',
      version: 4,
      total: '200000.00',
      paid: '0.00',
      outstanding: '200000.00',
      required_now: '0.00',
      shipped: 'nothing',
      cancel_reason: 'reissued',
      cancel_reason_name: 'Перевыставлен',
      cancelled_at: '2026-11-25T10:00:00Z',
      parts: [],
      lines: [],
    },
    {
      id: 'inv-3',
      number: '3',
      date: '2026-11-25',
      status: 'issued',
      version: 3,
      total: '205840.00',
      paid: '102920.00',
      outstanding: '102920.00',
      required_now: '205840.00',
      shipped: 'nothing',
      cancel_reason: null,
      cancel_reason_name: null,
      cancelled_at: null,
      parts: [
        { no: 1, amount: '102920.00', paid: '102920.00', outstanding: '0.00', due_date: '2026-11-27', overdue: false, days_overdue: 0 },
        { no: 2, amount: '102920.00', paid: '0.00', outstanding: '102920.00', due_date: '2026-11-27', overdue: true, days_overdue: 3 },
      ],
      lines: [
        { line_id: tile, name: 'Плитка резиновая 500×500×40 мм, красная', unit: 'm2', quantity: '85', shipped: '0' },
        { line_id: delivery, name: 'Доставка (ПЭК)', unit: 'service_unit', quantity: '1', shipped: '0' },
      ],
    },
  ],
  payments: [{ payment_id: 'p-1', invoice_id: 'inv-3', number: 'п/п 512', paid_on: '2026-11-26', party_name: 'ООО «Детский мир»', amount: '102920.00' }],
  shipments: [],
  advance: '1500.50',
  direct_costs: [],
  direct_costs_total: '0.00',
  state: 'nothing',
  cancel_reasons: [
    { code: 'reissued', name: 'Перевыставлен' },
    { code: 'expensive', name: 'Дорого' },
  ],
};

const deal = { id: 'deal-1', status: 'open' as const, client_id: 'c-1', client_name: 'ООО «Детский мир»', counterparty_name: null, company_name: null };

const problem = {
  type: 'https://tessera.local/problems/validation_failed',
  title: 'Ошибка проверки данных',
  status: 422,
  code: 'validation_failed',
  errors: [{ field: 'lines[0].quantity', code: 'out_of_range', message: 'Больше, чем осталось отгрузить: 80' }],
};

/** The API as the tab calls it: who the person is, the money, and whatever was posted. */
function stubApi(permissions: string[], data: DealMoney = money) {
  const posted: { url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url).pathname;
      if (url === '/api/v1/me') return Response.json({ id: 'u', email: 'x@demo.local', full_name: 'X', role: 'accountant', locale: 'ru', organization: { id: 'o', name: 'ООО', kind: 'head' }, permissions });
      if (url.endsWith('/money')) return Response.json(data);
      posted.push({ url, body: await request.json() });
      return new Response(JSON.stringify(problem), { status: 422, headers: { 'Content-Type': 'application/problem+json' } });
    }),
  );
  return posted;
}

function renderTab() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <MoneyTab deal={deal} onDealChanged={() => {}} />
      </QueryClientProvider>
    </MantineProvider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('the money tab', () => {
  it('sums the deal up and shows each invoice with its parts, lines, payments and the cancelled one greyed', async () => {
    stubApi(['documents.read']);
    renderTab();
    // Part 2 is due and unpaid: the deal waits for the rest of what the schedule wants.
    const state = await screen.findByRole('status', { name: 'Ожидаем доплату по графику' });
    expect(state.textContent).toContain('Выставлено: 205\u00a0840,00\u00a0₽'); // the cancelled invoice not counted
    expect(state.textContent).toContain('К оплате сейчас: 102\u00a0920,00\u00a0₽');
    expect(state.textContent).toContain('Аванс клиента, не разнесённый по счетам: 1\u00a0500,50\u00a0₽');

    const invoice = screen.getByRole('region', { name: 'Счёт № 3 от 25.11.2026' });
    expect(within(invoice).getByRole('row', { name: 'Часть 1' }).textContent).toContain('Оплачено');
    expect(within(invoice).getByRole('row', { name: 'Часть 2' }).textContent).toContain('просрочено 3 дн.');
    expect(within(invoice).getByText('0 из 85 м²')).toBeTruthy();
    expect(within(invoice).getByText('Не отгружен')).toBeTruthy();

    const cancelled = screen.getByRole('region', { name: 'Счёт № 2 от 20.11.2026' });
    expect(cancelled.textContent).toContain('Отменён 25.11.2026. Причина: Перевыставлен');

    expect(screen.getByRole('region', { name: 'Оплаты по счетам сделки' }).textContent).toContain('п/п 512');
    expect(screen.getByRole('region', { name: 'Отгрузки' }).textContent).toContain('Отгрузок пока нет');
    // Reading only: no actions.
    expect(screen.queryByRole('button', { name: 'Отгрузка' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Внести оплату/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Отменить счёт/ })).toBeNull();
  });

  it('offers each action only with its permission, and no cancelling of a paid invoice', async () => {
    stubApi(['documents.read', 'documents.write', 'payments.record', 'shipments.record']);
    renderTab();
    await screen.findByRole('button', { name: 'Отгрузка' });
    expect(screen.getByRole('button', { name: 'Внести оплату по счёту № 3' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Отменить счёт/ })).toBeNull(); // № 3 has money on it, № 2 is cancelled
  });

  it('shows what the production orders cost the deal: each order’s production and delivery, and the total', async () => {
    stubApi(['documents.read'], {
      ...money,
      direct_costs: [{ order_number: '7-2', production: '178500.00', delivery: '14200.00' }],
      direct_costs_total: '192700.00',
    });
    renderTab();
    const costs = await screen.findByRole('region', { name: 'Прямые затраты' });
    expect(within(costs).getByText('№ 7-2')).toBeTruthy();
    expect(costs.textContent).toMatch(/178\s500,00\s₽/);
    expect(costs.textContent).toMatch(/Итого затрат: 192\s700,00\s₽/);
  });

  it('says where to issue an invoice when there is none', async () => {
    stubApi(['documents.read'], { ...money, invoices: [], payments: [], advance: '0.00' });
    renderTab();
    expect(await screen.findByText('Счетов пока нет — выставьте счёт во вкладке «Документы»')).toBeTruthy();
  });

  it('ships what remains by default and puts the server’s refusal under its line', async () => {
    const posted = stubApi(['documents.read', 'shipments.record']);
    const user = userEvent.setup();
    renderTab();
    await user.click(await screen.findByRole('button', { name: 'Отгрузка' }));
    const dialog = await screen.findByRole('dialog', { name: 'Отгрузка' });
    const tiles = within(dialog).getByRole('textbox', { name: /Плитка резиновая/ });
    expect((tiles as HTMLInputElement).value).toBe('85');
    await user.clear(tiles);
    await user.type(tiles, '90');
    expect(within(dialog).getByText('Больше, чем осталось (85)')).toBeTruthy();
    await user.clear(tiles);
    await user.type(tiles, '84,5');
    await user.click(within(dialog).getByRole('button', { name: 'Записать отгрузку' }));

    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]!.url).toBe('/api/v1/deals/deal-1/shipments');
    expect(posted[0]!.body).toMatchObject({
      invoice_id: 'inv-3',
      number: null,
      lines: [
        { line_id: tile, quantity: '84.5' },
        { line_id: delivery, quantity: '1' },
      ],
    });
    expect(await within(dialog).findByText('Больше, чем осталось отгрузить: 80')).toBeTruthy();
    expect(tiles.getAttribute('aria-invalid')).toBe('true');
  });
});
