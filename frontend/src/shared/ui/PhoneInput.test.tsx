import { MantineProvider } from '@mantine/core';
import { useForm } from '@mantine/form';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { PhoneInput } from './PhoneInput';

function Form({ onSubmit }: { onSubmit: (v: { phone: string }) => void }) {
  const form = useForm({ initialValues: { phone: '' } });
  return (
    <form onSubmit={form.onSubmit(onSubmit)}>
      <PhoneInput label="Телефон" {...form.getInputProps('phone')} />
      <button type="submit">Сохранить</button>
    </form>
  );
}

describe('PhoneInput', () => {
  it('shows the number formatted once the person leaves the field, and that is what the form sends', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    render(
      <MantineProvider>
        <Form onSubmit={onSubmit} />
      </MantineProvider>,
    );
    const input = screen.getByLabelText('Телефон') as HTMLInputElement;
    await user.type(input, '8 495 1234504');
    expect(input.value).toBe('8 495 1234504');
    await user.tab();
    expect(input.value).toBe('+7 (495) 123-45-04');
    await user.click(screen.getByRole('button', { name: 'Сохранить' }));
    expect(onSubmit).toHaveBeenCalledWith({ phone: '+7 (495) 123-45-04' }, expect.anything());
  });
});
