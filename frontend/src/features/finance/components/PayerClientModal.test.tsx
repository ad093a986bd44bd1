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
  party_kpp: null,
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

const problem = (status: number, code: string, errors: { field: string; code: string; message: string }[] = []) =>
  new Response(JSON.stringify({ type: `https://tessera.local/problems/${code}`, title: code, status, code, errors }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

/** A company the statement gave a KPP for. */
const company: PaymentDetail = {
  ...payment,
  party_name: 'ИНН 5001056781 ООО «ДачаСтрой»',
  party_inn: '5001056781',
  party_kpp: '500101001',
  party_account: '40702810440000002005',
};

const ACCOUNTANT = ['payments.read', 'payments.record', 'clients.read'];
const PAYER_CLIENT = `/api/v1/payments/${PAYMENT_ID}/payer-client`;

interface Api {
  permissions: string[];
  /** The payment as GET answers it, in turn (the last one stays; a new client makes it the last). */
  reads?: PaymentDetail[];
  similar?: ReturnType<typeof client>[];
  /** Answers to POST /payments/{id}/payer-client, in turn; then the payment with its new client. */
  creates?: Response[];
}

/** The API as the drawer calls it; returns what was sent, in order. */
function stubApi({ permissions, reads = [payment], similar = [], creates = [] }: Api) {
  const sent: { method: string; url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url).pathname;
      if (url === '/api/v1/me')
        return Response.json({ id: 'u', email: 'x@demo.local', full_name: 'X', role: 'accountant', locale: 'ru', organization: { id: 'o', name: 'ООО', kind: 'head' }, permissions });
      if (request.method === 'GET' && url === `/api/v1/payments/${PAYMENT_ID}`) return Response.json(reads.length > 1 ? reads.shift() : reads[0]);
      if (request.method === 'GET' && url === '/api/v1/clients/similar')
        return Response.json({ items: similar.map((c) => ({ client: c, reasons: ['inn'] })), next_cursor: null });
      if (request.method === 'GET') return Response.json({ items: [], next_cursor: null });
      const body: unknown = await request.json();
      sent.push({ method: request.method, url, body });
      if (url === PAYER_CLIENT) {
        const answer = creates.shift();
        if (answer) return answer;
        const { version } = body as { version: number };
        const updated = { ...reads[0]!, version: version + 1, client_id: CLIENT_ID, client_name: 'ИП Соколов' };
        reads.splice(0, reads.length, updated);
        return Response.json(updated, { status: 201 });
      }
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

const DIALOG = 'Новый клиент из реквизитов плательщика';
const SUBMIT = 'Создать и указать в платеже';

async function openModal(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Создать клиента из реквизитов плательщика' }));
  return screen.findByRole('dialog', { name: DIALOG });
}

/** What is said under an input: its description and its error, as its aria-describedby names them. */
function saidUnder(input: HTMLElement): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' | ');
}

afterEach(() => vi.unstubAllGlobals());

describe('a client from the payer’s requisites', () => {
  it('lets the accountant create the client — its counterparty and account too — set on the payment in one request', async () => {
    const sent = stubApi({ permissions: ACCOUNTANT });
    const user = userEvent.setup();
    renderDrawer();
    const dialog = await openModal(user);

    // Filled from the payment: a 12-digit INN and «ИП» make a sole trader (no KPP asked).
    expect(within(dialog).getByRole('textbox', { name: /Название клиента/ })).toHaveProperty('value', 'ИП Соколов Андрей Викторович');
    expect(within(dialog).getByRole('radio', { name: 'ИП' })).toHaveProperty('checked', true);
    expect(within(dialog).getByRole('textbox', { name: /ИНН/ })).toHaveProperty('value', '500100732259');
    expect(within(dialog).queryByRole('textbox', { name: /КПП/ })).toBeNull();
    expect(within(dialog).getByRole('textbox', { name: /Расчётный счёт/ })).toHaveProperty('value', '40702810040000002901');

    const name = within(dialog).getByRole('textbox', { name: /Название клиента/ });
    await user.clear(name);
    await user.type(name, 'ИП Соколов');
    await user.click(within(dialog).getByRole('button', { name: SUBMIT }));

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      method: 'POST',
      url: PAYER_CLIENT,
      body: {
        version: 1,
        client: {
          name: 'ИП Соколов',
          person_kind: 'legal',
          relationship: 'client',
          counterparty: { kind: 'sole_trader', name: 'ИП Соколов Андрей Викторович', inn: '500100732259' },
        },
        account: { account_number: '40702810040000002901', bik: '044525225', bank_name: 'ПАО СБЕРБАНК' },
      },
    });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: DIALOG })).toBeNull());
    expect(await screen.findByRole('link', { name: 'ИП Соколов' })).toBeTruthy();
  }, 60_000);

  it('puts the server’s refusal under its inputs — the KPP the statement gave, the BIK — and sends again once fixed', async () => {
    const sent = stubApi({
      permissions: ACCOUNTANT,
      reads: [company],
      creates: [
        problem(422, 'validation_failed', [
          { field: 'client.counterparty.kpp', code: 'invalid', message: 'КПП — 9 знаков' },
          { field: 'account.bik', code: 'unknown_bik', message: 'Банк с таким БИК не найден в справочнике' },
        ]),
      ],
    });
    const user = userEvent.setup();
    renderDrawer();
    const dialog = await openModal(user);

    const kpp = within(dialog).getByRole('textbox', { name: /КПП/ });
    expect(kpp).toHaveProperty('value', '500101001');
    expect(saidUnder(kpp)).toContain('Взят из выписки банка');
    await user.click(within(dialog).getByRole('button', { name: SUBMIT }));

    expect(await within(dialog).findByText('КПП — 9 знаков')).toBeTruthy();
    expect(kpp.getAttribute('aria-invalid')).toBe('true');
    expect(saidUnder(kpp)).toContain('КПП — 9 знаков');
    // The first input refused has the focus: on a phone the button is a screen away from it.
    expect(document.activeElement).toBe(kpp);
    const bik = within(dialog).getByRole('textbox', { name: /БИК/ });
    expect(bik.getAttribute('aria-invalid')).toBe('true');
    expect(saidUnder(bik)).toContain('Банк с таким БИК не найден в справочнике');
    // Under their inputs only: not listed again above the form.
    expect(within(dialog).getAllByText('КПП — 9 знаков')).toHaveLength(1);
    expect(within(dialog).queryByText(/client\.|account\./)).toBeNull();
    expect(sent.map((s) => s.url)).toEqual([PAYER_CLIENT]);
    expect(sent[0]!.body).toMatchObject({ version: 1, client: { counterparty: { kind: 'legal_entity', inn: '5001056781', kpp: '500101001' } } });

    await user.clear(kpp);
    await user.type(kpp, '500101002');
    await user.click(within(dialog).getByRole('button', { name: SUBMIT }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]!.body).toMatchObject({ client: { counterparty: { kpp: '500101002' } }, account: { bik: '044525225' } });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: DIALOG })).toBeNull());
  }, 60_000);

  it('says what a whole part’s refusal is about, without the request’s paths', async () => {
    stubApi({
      permissions: ACCOUNTANT,
      creates: [problem(422, 'validation_failed', [{ field: 'client', code: 'already_set', message: 'У платежа уже есть клиент' }])],
    });
    const user = userEvent.setup();
    renderDrawer();
    const dialog = await openModal(user);
    await user.click(within(dialog).getByRole('button', { name: SUBMIT }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('У платежа уже есть клиент');
    expect(alert.textContent).not.toContain('client:');
  }, 60_000);

  it('on a payment changed meanwhile, says so, reads it again and sends its new version', async () => {
    const sent = stubApi({
      permissions: ACCOUNTANT,
      reads: [payment, { ...payment, version: 2, note: 'Проверено' }],
      creates: [problem(409, 'version_conflict')],
    });
    const user = userEvent.setup();
    renderDrawer();
    const dialog = await openModal(user);
    await user.click(within(dialog).getByRole('button', { name: SUBMIT }));

    expect(await within(dialog).findByText(/Платёж только что изменил другой пользователь — клиент не создан/)).toBeTruthy();
    // The drawer shows the payment as it is now, the form keeps what was typed.
    expect(await screen.findByText('Проверено')).toBeTruthy();
    expect(within(dialog).getByRole('textbox', { name: /Название клиента/ })).toHaveProperty('value', 'ИП Соколов Андрей Викторович');

    await user.click(within(dialog).getByRole('button', { name: SUBMIT }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent.map((s) => [s.url, (s.body as { version: number }).version])).toEqual([
      [PAYER_CLIENT, 1],
      [PAYER_CLIENT, 2],
    ]);
    await waitFor(() => expect(screen.queryByRole('dialog', { name: DIALOG })).toBeNull());
  }, 60_000);

  it('offers a similar client already there instead, and a new one only when told it is another', async () => {
    const existing = client('0193a000-0000-7000-8000-0000000000c2', 'Соколов А. В.', '500100732259');
    const sent = stubApi({ permissions: ACCOUNTANT, similar: [existing] });
    const user = userEvent.setup();
    renderDrawer();
    const dialog = await openModal(user);
    expect(await within(dialog).findByText('Похожие клиенты уже есть')).toBeTruthy();
    expect(within(dialog).getByText('тот же ИНН')).toBeTruthy();

    // Creating next to it needs a «yes, another client» first.
    await user.click(within(dialog).getByRole('button', { name: SUBMIT }));
    expect(await within(dialog).findByText('Отметьте, если плательщик — не один из этих клиентов')).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByRole('checkbox', { name: 'Это другой клиент — создать нового' }));
    expect(sent).toEqual([]);

    await user.click(within(dialog).getByRole('button', { name: 'Указать клиента «Соколов А. В.» в платеже' }));
    await waitFor(() => expect(sent).toEqual([{ method: 'PUT', url: `/api/v1/payments/${PAYMENT_ID}/client`, body: { version: 1, client_id: existing.id } }]));
  }, 60_000);

  it('offers no creating to whoever does not record payments', async () => {
    stubApi({ permissions: ['payments.read', 'clients.read', 'clients.write'] });
    renderDrawer();
    expect(await screen.findByText('Клиент не указан')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Создать клиента из реквизитов плательщика' })).toBeNull();
  }, 60_000);
});
