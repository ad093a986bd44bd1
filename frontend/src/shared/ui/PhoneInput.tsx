// A phone field: typed any way (8 495 1234504, +7-495-123-45-04), shown as +7 (495) 123-45-04 once
// the person leaves it. The server reads that form (spaces, brackets and dashes are ignored) and
// keeps the number as +74951234504.
import { TextInput, type TextInputProps } from '@mantine/core';
import { formatPhoneInput } from '../format/format';

export type PhoneInputProps = Omit<TextInputProps, 'type' | 'onChange' | 'value'> & {
  value?: string;
  onChange?: (value: string) => void;
};

export function PhoneInput({ value = '', onChange, onBlur, ...props }: PhoneInputProps) {
  return (
    <TextInput
      type="tel"
      inputMode="tel"
      autoComplete="tel"
      placeholder="+7 (___) ___-__-__"
      {...props}
      value={value}
      onChange={(e) => onChange?.(e.currentTarget.value)}
      onBlur={(e) => {
        const formatted = formatPhoneInput(e.currentTarget.value);
        if (formatted !== e.currentTarget.value) onChange?.(formatted);
        onBlur?.(e);
      }}
    />
  );
}
