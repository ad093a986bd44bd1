import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import '../../../app/i18n';
import type { PreviewLine } from '../api/finance';
import { PreviewLines } from './PreviewLines';

/** A bank's year: ten thousand lines, every tenth paid out, every fifth matched to an invoice. */
function bigStatement(): PreviewLine[] {
  return Array.from({ length: 10_000 }, (_, i) => ({
    line: 22 + i * 41,
    state: 'new',
    direction: i % 10 === 9 ? 'outgoing' : 'incoming',
    number: String(1000 + i),
    date: '2026-11-25',
    amount: '1250.50',
    counterparty: `ООО «Клиент ${i}»`,
    counterparty_inn: '5001056781',
    purpose: `Оплата по счёту № ${i}`,
    client_id: null,
    matching:
      i % 10 === 9
        ? null
        : i % 5 === 0
          ? { kind: 'auto', invoice_number: String(i), reasons: [{ kind: 'number_in_purpose', text: `В назначении платежа указан счёт № ${i}` }], suggestions: [] }
          : { kind: 'unmatched', why: 'no_number', why_text: 'В назначении платежа не найден номер счёта', reasons: [], suggestions: [] },
  }));
}

describe('PreviewLines', () => {
  it('shows a 10 000-line statement a hundred rows at a time, filtered by what the import does', async () => {
    const user = userEvent.setup();
    render(
      <MantineProvider>
        <PreviewLines lines={bigStatement()} />
      </MantineProvider>,
    );
    const table = screen.getByRole('table', { name: 'Строки выписки' });
    // The header and one page: no ten thousand DOM rows.
    expect(within(table).getAllByRole('row')).toHaveLength(101);
    expect(screen.getByText('Строки 1–100 из 10 000')).toBeTruthy();
    expect(within(table).getByText('→ счёт № 0')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Следующая страница' }));
    expect(screen.getByText('Строки 101–200 из 10 000')).toBeTruthy();
    expect(within(table).getByText('1100')).toBeTruthy();

    await user.click(screen.getByRole('radio', { name: /^Списания \(1\s000\)$/ }));
    const outgoing = screen.getByRole('table', { name: 'Строки выписки' });
    expect(within(outgoing).getAllByRole('row')).toHaveLength(101);
    expect(within(outgoing).getAllByText('Списание')).toHaveLength(100);
    // A new filter starts at its first page.
    expect(screen.getByText('Строки 1–100 из 1 000')).toBeTruthy();

    await user.click(screen.getByRole('radio', { name: /^Разнесутся \(2\s000\)$/ }));
    expect(within(screen.getByRole('table', { name: 'Строки выписки' })).getAllByText('Разнесётся')).toHaveLength(100);
  }, 30_000); // four renders of a hundred rows: seconds in jsdom, more on a busy machine

  it('says what a line paying more than its invoice lacks leaves as the client’s advance', () => {
    const line = (overrides: Partial<PreviewLine>): PreviewLine => ({
      line: 22,
      state: 'new',
      direction: 'incoming',
      number: '1042',
      date: '2026-11-25',
      amount: '826000.00',
      counterparty: 'ООО «ДачаСтрой»',
      counterparty_inn: '5001056781',
      purpose: 'Оплата по счёту № 1',
      client_id: null,
      matching: { kind: 'auto', invoice_number: '1', reasons: [], suggestions: [] },
      ...overrides,
    });
    render(
      <MantineProvider>
        <PreviewLines
          lines={[
            line({ to_advance: '1000.00' }),
            line({ line: 63, number: '1043', to_advance: '0.00' }),
            line({ line: 104, number: '1044', to_advance: null }),
          ]}
        />
      </MantineProvider>,
    );
    const rows = within(screen.getByRole('table', { name: 'Строки выписки' })).getAllByRole('row');
    expect(rows[1]!.textContent).toMatch(/Остаток 1\s000,00\s₽ останется авансом клиента/);
    expect(rows[2]!.textContent).not.toContain('авансом');
    expect(rows[3]!.textContent).not.toContain('авансом');
  });
});
