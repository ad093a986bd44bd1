import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import '../../../app/i18n';
import { ApiProblem } from '../../../shared/api/problem';
import { lossReasonsQuery, type LossInput } from '../api/sales';
import { LossDialog } from './LossDialog';

// Mantine's autosize textarea listens for web fonts, which jsdom lacks.
if (!('fonts' in document))
  Object.defineProperty(document, 'fonts', { value: { addEventListener() {}, removeEventListener() {} }, configurable: true });

function renderDialog(onSubmit: (loss: LossInput) => Promise<void>) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(lossReasonsQuery.queryKey, [
    { code: 'expensive', name_ru: 'Дорого', name_en: 'Too expensive' },
    { code: 'other', name_ru: 'Другое', name_en: 'Other' },
  ]);
  render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <LossDialog opened card={{ number: 7, title: 'Плитка на дачу' }} onClose={() => {}} onSubmit={onSubmit} />
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('LossDialog', () => {
  it('asks for a reason, and for objections when the reason is «Другое»', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn(async () => {});
    renderDialog(onSubmit);
    expect(screen.getByRole('dialog', { name: 'Отказ: №7 «Плитка на дачу»' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Зафиксировать отказ' }));
    expect(await screen.findByText('Выберите причину отказа')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();

    await user.click(screen.getByRole('combobox', { name: /Причина отказа/ }));
    await user.click(await screen.findByRole('option', { name: 'Другое', hidden: true }));
    await user.click(screen.getByRole('button', { name: 'Зафиксировать отказ' }));
    expect(await screen.findByText('Для причины «Другое» опишите возражения клиента')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();

    await user.type(screen.getByRole('textbox', { name: /Возражения клиента/ }), 'Нашли дешевле');
    await user.click(screen.getByRole('checkbox', { name: 'Добавить в рассылку' }));
    await user.click(screen.getByRole('button', { name: 'Зафиксировать отказ' }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({ reason: 'other', objections: 'Нашли дешевле', add_to_mailing: true }),
    );
  });

  it('puts the server’s loss errors next to the fields and keeps what was typed', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn(async () => {
      throw new ApiProblem({
        status: 422,
        code: 'validation_failed',
        errors: [{ field: 'loss.objections', code: 'required', message: 'Причина «Другое»: опишите возражения клиента' }],
      });
    });
    renderDialog(onSubmit);
    await user.click(screen.getByRole('combobox', { name: /Причина отказа/ }));
    await user.click(await screen.findByRole('option', { name: 'Дорого', hidden: true }));
    await user.type(screen.getByRole('textbox', { name: /Возражения клиента/ }), 'Дорого');
    await user.click(screen.getByRole('button', { name: 'Зафиксировать отказ' }));
    expect(await screen.findByText('Причина «Другое»: опишите возражения клиента')).toBeTruthy();
    expect((screen.getByRole('textbox', { name: /Возражения клиента/ }) as HTMLTextAreaElement).value).toBe('Дорого');
  });
});
