import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import '../../../app/i18n';
import { reminderScheduleQuery, type ReminderRule } from '../api/finance';
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

describe('RemindersPage', () => {
  it('shows each rule’s runs, what they created with a link to the deal, and a failed run', () => {
    const client = new QueryClient();
    client.setQueryData(reminderScheduleQuery.queryKey, rules);
    render(
      <MantineProvider>
        <QueryClientProvider client={client}>
          <MemoryRouter>
            <RemindersPage />
          </MemoryRouter>
        </QueryClientProvider>
      </MantineProvider>,
    );
    const overdue = screen.getByRole('region', { name: 'Просроченный счёт' });
    expect(within(overdue).getByRole('link', { name: 'Позвонить: счёт № 17 просрочен' }).getAttribute('href')).toBe('/deals/d17');
    expect(within(overdue).getByText('Создано: 1')).toBeTruthy();
    expect(within(overdue).getByText('Ошибка запуска: database is locked')).toBeTruthy();

    const promised = screen.getByRole('region', { name: 'Обещанная оплата' });
    expect(within(promised).getByText('ещё не запускалось')).toBeTruthy();
    expect(within(promised).getByText('Пока ни один запуск ничего не создал.')).toBeTruthy();
  });
});
