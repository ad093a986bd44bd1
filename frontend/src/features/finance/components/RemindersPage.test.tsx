import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../../app/i18n';
import { reminderScheduleQuery, reminderSettingsQuery, type ReminderRule, type ReminderSettings } from '../api/finance';
import { RemindersPage } from './RemindersPage';

const rules: ReminderRule[] = [
  {
    rule: 'overdue_invoice',
    name: 'Просроченный счёт',
    last_run: '2026-11-30T06:00:05Z',
    next_run: '2026-11-30T06:01:05Z',
    runs: [
      {
        id: 'r1',
        started_at: '2026-11-30T06:00:05Z',
        finished_at: '2026-11-30T06:00:06Z',
        created: 1,
        error: null,
        reminders: [{ key: 'k1', subject: 'Позвонить: счёт № 17 просрочен', slot: '2026-11-30T06:00:00Z', deal_id: 'd17', task_id: 't1' }],
      },
      { id: 'r0', started_at: '2026-11-29T06:00:05Z', finished_at: null, created: 0, error: 'database is locked', reminders: [] },
    ],
  },
  { rule: 'promised_payment', name: 'Обещанная оплата', last_run: null, next_run: '2026-11-30T06:01:05Z', runs: [] },
];

const settings: ReminderSettings[] = [
  { organization_id: 'o1', organization_name: 'ООО «Тессера»', utc_offset: '+03:00', advance_reminder_days: 3 },
  { organization_id: 'o2', organization_name: 'ООО «Тессера-Сибирь»', utc_offset: '+07:00', advance_reminder_days: 5 },
];

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(reminderScheduleQuery.queryKey, rules);
  client.setQueryData(reminderSettingsQuery.queryKey, settings);
  render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <MemoryRouter>
          <RemindersPage />
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return client;
}

/** The server: the page's readings as seeded, and `put` for a save. */
function stubServer(put: (request: Request) => Promise<Response>) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      if (request.method === 'GET')
        return request.url.includes('/reminders/settings') ? Response.json({ items: settings }) : Response.json({ rules });
      return put(request);
    }),
  );
}

afterEach(() => vi.unstubAllGlobals());
// Mantine's combobox scrolls the chosen option into view, which jsdom cannot.
Element.prototype.scrollIntoView ??= () => {};

describe('RemindersPage', () => {
  it('shows each rule’s runs, what they created with a link to the deal, and a failed run', () => {
    renderPage();
    const overdue = screen.getByRole('region', { name: 'Просроченный счёт' });
    expect(within(overdue).getByRole('link', { name: 'Позвонить: счёт № 17 просрочен' }).getAttribute('href')).toBe('/deals/d17');
    expect(within(overdue).getByText('Создано: 1')).toBeTruthy();
    expect(within(overdue).getByText('Ошибка запуска: database is locked')).toBeTruthy();

    const promised = screen.getByRole('region', { name: 'Обещанная оплата' });
    expect(within(promised).getByText('ещё не запускалось')).toBeTruthy();
    expect(within(promised).getByText('Пока ни один запуск ничего не создал.')).toBeTruthy();
  });

  it('shows each organization’s zone and interval, and saves one of them', async () => {
    const sent: { url: string; body: unknown }[] = [];
    stubServer(async (request) => {
      const body = await request.json();
      sent.push({ url: request.url, body });
      return Response.json({ ...settings[1], ...body });
    });
    const user = userEvent.setup();
    const client = renderPage();
    const section = screen.getByRole('region', { name: 'Часовой пояс и интервал напоминаний' });
    const moscow = within(section).getByRole('form', { name: 'ООО «Тессера»' });
    expect((within(moscow).getByRole('combobox', { name: 'Часовой пояс' }) as HTMLInputElement).value).toBe('+03:00 Москва');
    expect((within(moscow).getByRole('combobox', { name: 'Напоминать об авансе' }) as HTMLInputElement).value).toBe('каждые 3 дня');
    const siberia = within(section).getByRole('form', { name: 'ООО «Тессера-Сибирь»' });
    expect((within(siberia).getByRole('combobox', { name: 'Часовой пояс' }) as HTMLInputElement).value).toBe('+07:00 Новосибирск, Красноярск');

    const zone = within(siberia).getByRole('combobox', { name: 'Часовой пояс' });
    await user.click(zone);
    await waitFor(() => expect(zone.getAttribute('aria-controls')).toBeTruthy());
    const listbox = document.getElementById(zone.getAttribute('aria-controls')!)!;
    await user.click(within(listbox).getByRole('option', { name: '+05:00 Екатеринбург', hidden: true }));
    await user.click(within(siberia).getByRole('button', { name: 'Сохранить настройки: ООО «Тессера-Сибирь»' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]!.url).toMatch(/\/api\/v1\/reminders\/settings\/o2$/);
    expect(sent[0]!.body).toEqual({ utc_offset: '+05:00', advance_reminder_days: 5 });
    await waitFor(() => expect(client.getQueryData(reminderSettingsQuery.queryKey)?.[1]?.utc_offset).toBe('+05:00'));
  });

  it('puts the server’s refusals under the field they name', async () => {
    const problem = {
      title: 'Ошибка проверки данных',
      status: 422,
      code: 'validation_failed',
      errors: [
        { field: 'utc_offset', code: 'out_of_range', message: 'Часовой пояс России: от +02:00 до +12:00' },
        { field: 'advance_reminder_days', code: 'out_of_range', message: 'Интервал — от 3 до 5 дней' },
      ],
    };
    stubServer(async () => new Response(JSON.stringify(problem), { status: 422, headers: { 'Content-Type': 'application/problem+json' } }));
    const user = userEvent.setup();
    renderPage();
    const moscow = screen.getByRole('form', { name: 'ООО «Тессера»' });
    await user.click(within(moscow).getByRole('button', { name: 'Сохранить настройки: ООО «Тессера»' }));
    const zone = within(moscow).getByRole('combobox', { name: 'Часовой пояс' });
    await waitFor(() => expect(zone.getAttribute('aria-invalid')).toBe('true'));
    expect(within(moscow).getByText('Часовой пояс России: от +02:00 до +12:00')).toBeTruthy();
    expect(within(moscow).getByRole('combobox', { name: 'Напоминать об авансе' }).getAttribute('aria-invalid')).toBe('true');
    expect(within(moscow).getByText('Интервал — от 3 до 5 дней')).toBeTruthy();
    // The other organization's row is untouched.
    expect(screen.getByRole('form', { name: 'ООО «Тессера-Сибирь»' }).querySelector('[aria-invalid="true"]')).toBeNull();
  });
});
