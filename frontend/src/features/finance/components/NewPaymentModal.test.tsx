import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../../app/i18n';
import { NewPaymentModal } from './NewPaymentModal';

// Mantine's autosize textarea listens for web fonts, which jsdom lacks.
if (!('fonts' in document))
  Object.defineProperty(document, 'fonts', { value: { addEventListener() {}, removeEventListener() {} }, configurable: true });

const problem = {
  type: 'https://tessera.local/problems/validation_failed',
  title: 'Ошибка проверки данных',
  status: 422,
  code: 'validation_failed',
  errors: [
    { field: 'paid_on', code: 'out_of_range', message: 'Дата платежа не может быть в будущем' },
    { field: 'party_name', code: 'required', message: 'Укажите плательщика (получателя) или клиента' },
  ],
};

afterEach(() => vi.unstubAllGlobals());

describe('NewPaymentModal', () => {
  it('sends the amount as a decimal string and shows the server’s refusals under their fields', async () => {
    const sent: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        if (request.method === 'GET') return Response.json({ items: [], next_cursor: null });
        sent.push(await request.json());
        return new Response(JSON.stringify(problem), { status: 422, headers: { 'Content-Type': 'application/problem+json' } });
      }),
    );
    const user = userEvent.setup();
    const onSaved = vi.fn();
    render(
      <MantineProvider>
        <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
          <NewPaymentModal opened onClose={() => {}} onSaved={onSaved} />
        </QueryClientProvider>
      </MantineProvider>,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Новый платёж' });
    expect(dialog).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Сохранить платёж' }));
    expect(await screen.findAllByText('Обязательное поле')).toHaveLength(2); // number and amount
    expect(sent).toHaveLength(0);

    await user.type(screen.getByRole('textbox', { name: /Номер документа/ }), '15');
    await user.type(screen.getByRole('textbox', { name: /Сумма, ₽/ }), '125 000,5');
    await user.click(screen.getByRole('button', { name: 'Сохранить платёж' }));

    expect(await screen.findByText('Дата платежа не может быть в будущем')).toBeTruthy();
    expect(screen.getByText('Укажите плательщика (получателя) или клиента')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: /Дата платежа/ }).getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ direction: 'incoming', method: 'bank', number: '15', amount: '125000.50', is_refund: false });
    expect(onSaved).not.toHaveBeenCalled();
  }, 30_000); // typing into a dialog: about 6 s in jsdom on a busy machine, over the default 5
});
