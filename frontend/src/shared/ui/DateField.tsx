// The one way to enter a date (or a date and a time): typed or picked as дд.мм.гггг [чч:мм],
// whatever the browser's language, and kept as the API has it (`YYYY-MM-DD`, `YYYY-MM-DDTHH:mm`).
// Text that is not a real date is never dropped quietly: the field hands it on unchanged (so the
// form's rule refuses it, see `dateFieldError`) and says what is wrong as soon as the person
// leaves it.
import '@mantine/dates/styles.css';
import 'dayjs/locale/ru';
import { DateInput, type DateInputProps } from '@mantine/dates';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n/index';
import { isIsoDate, isIsoDateTime, parseRuDate, parseRuDateTime } from '../dates/parse';

export interface DateFieldProps
  extends Omit<DateInputProps, 'value' | 'defaultValue' | 'onChange' | 'valueFormat' | 'dateParser' | 'withTime' | 'minDate' | 'maxDate'> {
  /** '' (none), `YYYY-MM-DD` (with `withTime`: `YYYY-MM-DDTHH:mm`) or the text typed when it is not a date. */
  value?: string;
  onChange?: (value: string) => void;
  withTime?: boolean;
  /** The earliest day the calendar offers, `YYYY-MM-DD`. */
  minDate?: string;
  maxDate?: string;
}

/** A form rule's message for a date field's value, or null when it is fine. */
export function dateFieldError(value: string, { required = false, withTime = false } = {}): string | null {
  const v = value.trim();
  if (!v) return required ? i18n.t('fieldErrors.required') : null;
  const valid = withTime ? isIsoDateTime(v) : isIsoDate(v);
  return valid ? null : i18n.t(withTime ? 'dates.invalidDateTime' : 'dates.invalidDate');
}

const toMantine = (value: string, withTime: boolean) =>
  withTime ? (isIsoDateTime(value) ? `${value.replace('T', ' ')}:00` : null) : isIsoDate(value) ? value : null;

export function DateField({ value = '', onChange = () => {}, withTime = false, error, onBlur, minDate, maxDate, ...props }: DateFieldProps) {
  const { t } = useTranslation();
  const parse = withTime ? parseRuDateTime : parseRuDate;
  // What this field last handed on: any other new value came from outside (a reset, a quick
  // choice) and replaces whatever is typed.
  const reported = useRef(value);
  const [generation, setGeneration] = useState(0);
  const [wrongText, setWrongText] = useState(false);
  useEffect(() => {
    if (value !== reported.current) {
      reported.current = value;
      setWrongText(false);
      setGeneration((g) => g + 1);
    }
  }, [value]);
  const report = (next: string) => {
    reported.current = next;
    if (next !== value) onChange(next);
  };

  return (
    <DateInput
      key={generation}
      valueFormat={withTime ? 'DD.MM.YYYY HH:mm' : 'DD.MM.YYYY'}
      placeholder={withTime ? t('dates.placeholderDateTime') : t('dates.placeholder')}
      withTime={withTime}
      fixOnBlur={false}
      minDate={minDate}
      maxDate={maxDate}
      dateParser={(text) => {
        const iso = parse(text);
        return iso && withTime ? `${iso.replace('T', ' ')}:00` : iso;
      }}
      value={toMantine(value, withTime)}
      onChange={(picked) => {
        setWrongText(false);
        if (!picked) return report('');
        if (!withTime) return report(picked.slice(0, 10));
        // A day clicked in the calendar keeps the time already there (10:00 when there was none).
        const time = picked.length > 10 ? picked.slice(11, 16) : isIsoDateTime(value) ? value.slice(11, 16) : '10:00';
        report(`${picked.slice(0, 10)}T${time}`);
      }}
      onInput={(e) => {
        const text = e.currentTarget.value.trim();
        setWrongText(false);
        report(text === '' ? '' : (parse(text) ?? text));
      }}
      onBlur={(e) => {
        const text = e.currentTarget.value.trim();
        setWrongText(text !== '' && parse(text) === null);
        onBlur?.(e);
      }}
      error={error || (wrongText ? t(withTime ? 'dates.invalidDateTime' : 'dates.invalidDate') : undefined)}
      {...props}
    />
  );
}
