import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../../app/i18n';
import type { PaymentDetail } from '../api/finance';
import { PaymentDrawer } from './PaymentDrawer';

// Mantine's autosize textarea listens for web fonts, which jsdom lacks.
if (!('fonts' in document))
  Object.defineProperty(document, 'fonts', { value: { addEventListener() {}, removeEventListener() {} }, configurable: true });

const PAYMENT_ID = '0193a000-0000-7000-8000-000000000001';
const CLIENT_ID = '0193a000-0000-7000-8000-0000000000c1';

const payment: PaymentDetail = {
  id: PAYMENT_ID,
  organization_id: 'o',
  direction: 'incoming',
  method: 'bank',
  number: '1047',
  paid_on: '2026-11-30',
  amount: '35600.00',
  allocated: '0.00',
  rest: '35600.00',
  party_name: 'ИП Соколов Андрей Викторович',
  party_inn: '500100732259',
  party_account: '40702810040000002901',
  party_bik: '044525225',
  party_bank: 'ПАО СБЕРБАНК',
  purpose: 'Оплата за резиновые дорожки',
  is_refund: false,
  allocations: [],
  created_at: '2026-11-30T10:00:00Z',
  version: 1,
  client_id: null,
  client_name: null,
  matching: { kind: 'unmatched', why: 'unknown_payer', why_text: 'Плательщик не найден среди клиентов', reasons: [], suggestions: [] },
};

const client = (id: string, name: string, inn: string) => ({
  id,
  organization_id: 'o',
  organization_name: 'ООО «АртПрайм»',
  name,
  inn,
  person_kind: 'legal',
  relationship: 'client',
  created_at: '2026-11-30T10:00:00Z',
  updated_at: '2026-11-30T10:00:00Z',
  version: 1,
});

const invalidInn = {
  type: 'https://tessera.local/problems/validation_failed',
  title: 'Ошибка проверки данных',
  status: 422,
  code: 'validation_failed',
  errors: [{ field: 'counterparty.inn', code: 'invalid_checksum', message: 'Неверное контрольное число ИНН' }],
};

interface Api {
  permissions: string[];
  similar?: ReturnType<typeof client>[];
  /** Answers to POST /clients, in turn. */
  creates?: Response[];
}

/** The API as the drawer calls it; returns what was sent, in order. */
function stubApi({ permissions, similar = [], creates = [] }: Api) {
  const sent: { method: string; url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url).pathname;
      if (url === '/api/v1/me')
        return Response.json({ id: 'u', email: 'x@demo.local', full_name: 'X', role: 'admin', locale: 'ru', organization: { id: 'o', name: 'ООО', kind: 'head' }, permissions });
      if (request.method === 'GET' && url === `/api/v1/payments/${PAYMENT_ID}`) return Response.json(payment);
      if (request.method === 'GET' && url === '/api/v1/clients/similar')
        return Response.json({ items: similar.map((c) => ({ client: c, reasons: ['inn'] })), next_cursor: null });
      if (request.method === 'GET') return Response.json({ items: [], next_cursor: null });
      const body: unknown = await request.json();
      sent.push({ method: request.method, url, body });
      if (url === '/api/v1/clients') {
        const answer = creates.shift();
        if (answer) return answer;
        return Response.json({ ...client(CLIENT_ID, 'ИП Соколов', '500100732259'), counterparties: [{ id: 'cp1' }], contacts: [] }, { status: 201 });
      }
      if (url === '/api/v1/counterparties/cp1/bank-accounts') return Response.json({ id: 'ba1' }, { status: 201 });
      if (url === `/api/v1/payments/${PAYMENT_ID}/client`) {
        const id = (body as { client_id: string }).client_id;
        return Response.json({ ...payment, version: 2, client_id: id, client_name: 'ИП Соколов' });
      }
      return new Response(null, { status: 404 });
    }),
  );
  return sent;
}

function renderDrawer() {
  render(
    <MantineProvider>
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter>
          <PaymentDrawer id={PAYMENT_ID} onClose={() => {}} />
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('a client from the payer’s requisites', () => {
  it('creates the client from the payer, its account too, and sets it on the payment — after the server’s refusal under its field', async () => {
    const sent = stubApi({
      permissions: ['payments.read', 'payments.record', 'clients.read', 'clients.write'],
      creates: [new Response(JSON.stringify(invalidInn), { status: 422, headers: { 'Content-Type': 'application/problem+json' } })],
    });
    const user = userEvent.setup();
    renderDrawer();
    await user.click(await screen.findByRole('button', { name: 'Создать клиента из реквизитов плательщика' }));
    const dialog = await screen.findByRole('dialog', { name: 'Новый клиент из реквизитов плательщика' });

    // Filled from the payment: a 12-digit INN and «ИП» make a sole trader (no KPP asked).
    expect(within(dialog).getByRole('textbox', { name: /Название клиента/ })).toHaveProperty('value', 'ИП Соколов Андрей Викторович');
    expect(within(dialog).getByRole('radio', { name: 'ИП' })).toHaveProperty('checked', true);
    expect(within(dialog).getByRole('textbox', { name: /ИНН/ })).toHaveProperty('value', '500100732259');
    expect(within(dialog).queryByRole('textbox', { name: /КПП/ })).toBeNull();
    expect(within(dialog).getByRole('textbox', { name: /Расчётный счёт/ })).toHaveProperty('value', '40702810040000002901');

    const name = within(dialog).getByRole('textbox', { name: /Название клиента/ });
    await user.clear(name);
    await user.type(name, 'ИП Соколов');
    await user.click(within(dialog).getByRole('button', { name: 'Создать и указать в платеже' }));

    // The server's refusal under the INN; nothing else was sent.
    expect(await within(dialog).findByText('Неверное контрольное число ИНН')).toBeTruthy();
    expect(within(dialog).getByRole('textbox', { name: /ИНН/ }).getAttribute('aria-invalid')).toBe('true');
    expect(sent.map((s) => s.url)).toEqual(['/api/v1/clients']);

    await user.click(within(dialog).getByRole('button', { name: 'Создать и указать в платеже' }));
    await waitFor(() => expect(sent.map((s) => s.url)).toHaveLength(4));
    expect(sent[1]).toEqual({
      method: 'POST',
      url: '/api/v1/clients',
      body: {
        name: 'ИП Соколов',
        person_kind: 'legal',
        relationship: 'client',
        counterparty: { kind: 'sole_trader', name: 'ИП Соколов Андрей Викторович', inn: '500100732259' },
      },
    });
    expect(sent[2]).toEqual({
      method: 'POST',
      url: '/api/v1/counterparties/cp1/bank-accounts',
      body: { account_number: '40702810040000002901', bik: '044525225', bank_name: 'ПАО СБЕРБАНК' },
    });
    expect(sent[3]).toEqual({ method: 'PUT', url: `/api/v1/payments/${PAYMENT_ID}/client`, body: { version: 1, client_id: CLIENT_ID } });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Новый клиент из реквизитов плательщика' })).toBeNull());
  }, 60_000);

  it('offers a similar client already there instead, and a new one only when told it is another', async () => {
    const existing = client('0193a000-0000-7000-8000-0000000000c2', 'Соколов А. В.', '500100732259');
    const sent = stubApi({ permissions: ['payments.read', 'payments.record', 'clients.read', 'clients.write'], similar: [existing] });
    const user = userEvent.setup();
    renderDrawer();
    await user.click(await screen.findByRole('button', { name: 'Создать клиента из реквизитов плательщика' }));
    const dialog = await screen.findByRole('dialog', { name: 'Новый клиент из реквизитов плательщика' });
    expect(await within(dialog).findByText('Похожие клиенты уже есть')).toBeTruthy();
    expect(within(dialog).getByText('тот же ИНН')).toBeTruthy();

    // Creating next to it needs a «yes, another client» first.
    await user.click(within(dialog).getByRole('button', { name: 'Создать и указать в платеже' }));
    expect(await within(dialog).findByText('Отметьте, если плательщик — не один из этих клиентов')).toBeTruthy();
    expect(sent).toEqual([]);

    await user.click(within(dialog).getByRole('button', { name: 'Указать клиента «Соколов А. В.» в платеже' }));
    await waitFor(() => expect(sent).toEqual([{ method: 'PUT', url: `/api/v1/payments/${PAYMENT_ID}/client`, body: { version: 1, client_id: existing.id } }]));
  }, 60_000);

  it('shows the button to whoever may not create clients inactive, saying who can', async () => {
    stubApi({ permissions: ['payments.read', 'payments.record', 'clients.read'] });
    const user = userEvent.setup();
    renderDrawer();
    const button = await screen.findByRole('button', { name: 'Создать клиента из реквизитов плательщика' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(button.getAttribute('aria-describedby')!)?.textContent).toContain('Создавать клиентов могут администратор');
    await user.click(button);
    expect(screen.queryByRole('dialog', { name: 'Новый клиент из реквизитов плательщика' })).toBeNull();
  }, 60_000);
});
