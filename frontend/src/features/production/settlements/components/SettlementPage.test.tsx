import { MantineProvider } from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../../../../app/i18n';
import { meQuery } from '../../../../shared/api/me';
import type { Me } from '../../../../shared/api/types';
import type { Entry, EntryInput, Statement } from '../api/settlements';
import { SettlementPage } from './SettlementPage';

const nbsp = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

const entry = (over: Partial<Entry>): Entry => ({
  id: 'e1',
  on_date: '2026-11-19',
  kind: 'order_owed',
  kind_name: 'Заказ на производство',
  side: 'credit',
  amount: '180600.00',
  document: 'Заказ № 8-20',
  note: null,
  order_id: 'o20',
  balance_after: '-180600.00',
  ...over,
});

const statement = (extra: Entry[] = [], closing = '-90300.00', position = 'Мы должны 90\u00a0300,00\u00a0₽'): Statement => ({
  production_id: 'krd',
  production_name: 'Производство Краснодар',
  from: '2026-09-01',
  to: '2026-11-30',
  balance: { opening: '0.00', debits: '90300.00', credits: '180600.00', closing, position },
  entries: [
    entry({}),
    entry({ id: 'e2', on_date: '2026-11-20', kind: 'payment_made', kind_name: 'Оплата производству', side: 'debit', amount: '90300.00', document: 'Оплата по заказу № 8-20', order_id: 'o20', balance_after: '-90300.00' }),
    ...extra,
  ],
});

const problem = (status: number, body: object) =>
  new Response(JSON.stringify({ status, ...body }), { status, headers: { 'Content-Type': 'application/problem+json' } });

/** The page at `/settlements/krd?from=…&to=…` against a fake server: GETs answer `reads` in turn, POSTs `posts`. */
function renderPage({
  permissions = ['settlements.read'],
  reads = [statement()],
  posts = [],
  kind = 'head',
  getStatus,
}: {
  permissions?: string[];
  reads?: Statement[];
  posts?: Response[];
  kind?: 'head' | 'production';
  getStatus?: number;
}) {
  const sent: EntryInput[] = [];
  const asked: string[] = [];
  let read = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      asked.push(request.url);
      if (request.method === 'POST') {
        sent.push((await request.json()) as EntryInput);
        return posts.shift() ?? problem(500, { code: 'internal' });
      }
      if (request.url.includes('reconciliation.pdf')) {
        return new Response(new Blob(['%PDF-1.7']), {
          headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': "attachment; filename*=UTF-8''%D0%90%D0%BA%D1%82.pdf" },
        });
      }
      if (getStatus) return problem(getStatus, { code: 'not_found' });
      return Response.json(reads[Math.min(read++, reads.length - 1)]);
    }),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(meQuery.queryKey, {
    permissions,
    role: kind === 'head' ? 'accountant' : 'production',
    organization: { id: kind === 'head' ? 'head' : 'krd', kind, name: 'x' },
  } as unknown as Me);
  render(
    <MantineProvider>
      <Notifications />
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={['/settlements/krd?from=2026-09-01&to=2026-11-30']}>
          <Routes>
            <Route path="/settlements/:productionId" element={<SettlementPage />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { sent, asked };
}

/** The input's own error text (Mantine links it with aria-describedby). */
function errorOf(input: HTMLElement): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

beforeEach(() => {
  URL.createObjectURL = vi.fn(() => 'blob:file');
  URL.revokeObjectURL = vi.fn();
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  Reflect.deleteProperty(URL, 'createObjectURL');
  Reflect.deleteProperty(URL, 'revokeObjectURL');
  notifications.clean();
});

describe('SettlementPage', () => {
  it('shows the period’s balance and the entries with a running balance, and nothing to add for a reader', async () => {
    const { asked } = renderPage({});
    expect(await screen.findByRole('heading', { level: 1, name: 'Производство Краснодар' })).toBeTruthy();
    expect(new URL(asked[0]!).pathname).toBe('/api/v1/productions/krd/settlements');
    expect(new URL(asked[0]!).search).toBe('?from=2026-09-01&to=2026-11-30');
    expect(nbsp(screen.getByTestId('settlement-position').textContent)).toBe('Мы должны 90 300,00 ₽');
    const balance = screen.getByRole('region', { name: 'Сальдо за период' });
    expect(nbsp(balance.textContent)).toContain('Сальдо на конец−90 300,00 ₽');
    const table = screen.getByRole('table', { name: 'Записи за период' });
    const paid = within(table).getByRole('row', { name: /Оплата по заказу № 8-20/ });
    const cells = within(paid).getAllByRole('cell').map((c) => nbsp(c.textContent));
    expect(cells).toEqual(['20.11.2026', 'Оплата по заказу № 8-20', 'Оплата производству', '90 300,00 ₽', '', '−90 300,00 ₽']);
    expect(nbsp(within(table).getByRole('row', { name: /Сальдо на конец периода/ }).textContent)).toContain('−90 300,00 ₽');
    expect(screen.getByRole('link', { name: /Все производства/ }).getAttribute('href')).toBe('/settlements?from=2026-09-01&to=2026-11-30');
    expect(screen.queryByRole('button', { name: 'Добавить запись' })).toBeNull();
  });

  it('downloads the reconciliation statement for the period, with the session', async () => {
    const user = userEvent.setup();
    const saved: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    const { asked } = renderPage({});
    await user.click(await screen.findByRole('button', { name: 'Скачать акт сверки (PDF)' }));
    await waitFor(() => expect(saved).toEqual(['Акт.pdf']));
    const pdf = new URL(asked.find((u) => u.includes('reconciliation.pdf'))!);
    expect(pdf.pathname).toBe('/api/v1/productions/krd/settlements/reconciliation.pdf');
    expect(pdf.search).toBe('?from=2026-09-01&to=2026-11-30');
  });

  it('adds the accountant’s entry typed the Russian way and shows the new balance', async () => {
    const user = userEvent.setup();
    const added = entry({ id: 'e3', kind: 'tile_purchase', kind_name: 'Выкуп плитки у производства', amount: '1000.50', document: 'ТН 7', order_id: null, balance_after: '-91300.50' });
    const { sent } = renderPage({
      permissions: ['settlements.read', 'settlements.write'],
      reads: [statement(), statement([added], '-91300.50', 'Мы должны 91\u00a0300,50\u00a0₽')],
      posts: [Response.json(added, { status: 201 })],
    });
    await user.click(await screen.findByRole('button', { name: 'Добавить запись' }));
    const form = await screen.findByRole('form', { name: 'Новая запись взаиморасчётов' });
    // Nothing chosen: refused under the fields, nothing sent.
    await user.click(within(form).getByRole('button', { name: 'Добавить' }));
    expect(errorOf(within(form).getByRole('textbox', { name: /Сумма, ₽/ }))).toBe('Обязательное поле');
    expect(sent).toEqual([]);

    await user.click(within(form).getByRole('combobox', { name: /Вид записи/ }));
    await user.click(await screen.findByRole('option', { name: 'Выкуп плитки у производства', hidden: true }));
    await user.type(within(form).getByRole('textbox', { name: /Сумма, ₽/ }), '1 000,50');
    await user.type(within(form).getByRole('textbox', { name: /Документ/ }), 'ТН 7');
    await user.click(within(form).getByRole('button', { name: 'Добавить' }));

    expect(await screen.findByText('Запись «ТН 7» добавлена')).toBeTruthy();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ kind: 'tile_purchase', amount: '1000.5', document: 'ТН 7', note: null });
    expect(sent[0]!.on_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await waitFor(() => expect(nbsp(screen.getByTestId('settlement-position').textContent)).toBe('Мы должны 91 300,50 ₽'));
    expect(within(screen.getByRole('table', { name: 'Записи за период' })).getByRole('row', { name: /ТН 7/ })).toBeTruthy();
  });

  it('puts the server’s refusals under their fields', async () => {
    const user = userEvent.setup();
    renderPage({
      permissions: ['settlements.read', 'settlements.write'],
      posts: [
        problem(422, {
          code: 'validation_failed',
          errors: [
            { field: 'document', code: 'too_long', message: 'Не более 500 символов' },
            { field: 'on_date', code: 'out_of_range', message: 'Дата не может быть в будущем' },
          ],
        }),
      ],
    });
    await user.click(await screen.findByRole('button', { name: 'Добавить запись' }));
    const form = await screen.findByRole('form', { name: 'Новая запись взаиморасчётов' });
    await user.click(within(form).getByRole('combobox', { name: /Вид записи/ }));
    await user.click(await screen.findByRole('option', { name: 'Оплата производству', hidden: true }));
    await user.type(within(form).getByRole('textbox', { name: /Сумма, ₽/ }), '12,5');
    await user.type(within(form).getByRole('textbox', { name: /Документ/ }), 'ПП 15');
    await user.click(within(form).getByRole('button', { name: 'Добавить' }));
    await waitFor(() => expect(errorOf(within(form).getByRole('textbox', { name: /Документ/ }))).toBe('Не более 500 символов'));
    expect(errorOf(within(form).getByRole('textbox', { name: /^Дата/ }))).toBe('Дата не может быть в будущем');
    expect(screen.getByRole('form', { name: 'Новая запись взаиморасчётов' })).toBeTruthy();
  });

  it('gives a production’s people no form and no way back to the list', async () => {
    renderPage({ permissions: ['settlements.read', 'settlements.write'], kind: 'production' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Производство Краснодар' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Добавить запись' })).toBeNull();
    expect(screen.queryByRole('link', { name: /Все производства/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Скачать акт сверки (PDF)' })).toBeTruthy();
    // «Мы должны» is the head company's sentence: the production reads it from its own side.
    expect(nbsp(screen.getByTestId('settlement-position').textContent)).toBe('Головная компания должна вам 90 300,00 ₽');
    expect(screen.getByText('Кредит (передали вы)')).toBeTruthy();
  });

  it('is «not found» for another production’s statement', async () => {
    renderPage({ getStatus: 404, kind: 'production' });
    expect(await screen.findByText('Ничего не найдено')).toBeTruthy();
  });
});
