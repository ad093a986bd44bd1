import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import '../../app/i18n';
import { DateField, dateFieldError } from './DateField';

function PaymentForm({ onSubmit, initial = '' }: { onSubmit: (v: { paid_on: string }) => void; initial?: string }) {
  const form = useForm({ initialValues: { paid_on: initial }, validate: { paid_on: (v) => dateFieldError(v, { required: true }) } });
  return (
    <form onSubmit={form.onSubmit(onSubmit)} noValidate>
      <DateField label="Дата оплаты" {...form.getInputProps('paid_on')} />
      <button type="submit">Сохранить</button>
      <button type="button" onClick={() => form.setFieldValue('paid_on', '2026-03-08')}>
        8 марта
      </button>
    </form>
  );
}

function renderForm(onSubmit: (v: { paid_on: string }) => void, initial?: string) {
  render(
    <MantineProvider>
      <DatesProvider settings={{ locale: 'ru', firstDayOfWeek: 1 }}>
        <PaymentForm onSubmit={onSubmit} initial={initial} />
      </DatesProvider>
    </MantineProvider>,
  );
  return screen.getByLabelText('Дата оплаты') as HTMLInputElement;
}

describe('DateField', () => {
  it('shows a stored day as дд.мм.гггг and sends a typed one as YYYY-MM-DD', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    const input = renderForm(onSubmit, '2026-01-15');
    expect(input.value).toBe('15.01.2026');
    expect(input.placeholder).toBe('дд.мм.гггг');

    await user.clear(input);
    await user.type(input, '05.12.2026');
    await user.click(screen.getByRole('button', { name: 'Сохранить' }));
    expect(onSubmit).toHaveBeenCalledWith({ paid_on: '2026-12-05' }, expect.anything());
  });

  it('keeps a day that does not exist, says so and does not submit it', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    const input = renderForm(onSubmit, '2026-01-15');
    await user.clear(input);
    await user.type(input, '31.02.2026');
    await user.tab();
    expect(input.value).toBe('31.02.2026');
    expect(screen.getByText('Такой даты нет: введите её как дд.мм.гггг')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Сохранить' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });

  it('takes a value set from outside (a quick choice) over what was typed', async () => {
    const user = userEvent.setup();
    const input = renderForm(vi.fn());
    await user.type(input, 'вчера');
    await user.click(screen.getByRole('button', { name: '8 марта' }));
    expect((screen.getByLabelText('Дата оплаты') as HTMLInputElement).value).toBe('08.03.2026');
  });

  it('reads a date with its time', () => {
    expect(dateFieldError('2026-12-05T09:30', { withTime: true })).toBeNull();
    expect(dateFieldError('05.12.2026 25:00', { withTime: true })).toBe(
      'Не удалось прочитать дату и время: введите их как дд.мм.гггг чч:мм',
    );
    expect(dateFieldError('', { required: true })).toBe('Обязательное поле');
  });
});
