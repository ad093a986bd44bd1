// Times as people read them: «через 2 ч», «3 ч назад», «2 дн.»; and the browser's date-time inputs.

type Unit = 'minute' | 'hour' | 'day';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function unitOf(ms: number): [number, Unit] {
  // Compare the rounded values, so 59 min 40 s reads «1 ч», not «60 мин».
  const minutes = Math.round(ms / MINUTE);
  if (Math.abs(minutes) < 60) return [minutes, 'minute'];
  const hours = Math.round(ms / HOUR);
  if (Math.abs(hours) < 24) return [hours, 'hour'];
  return [Math.round(ms / DAY), 'day'];
}

const locale = (language: string) => (language === 'en' ? 'en' : 'ru');

/** «через 2 ч», «5 мин. назад», «завтра» — relative to `now`, in the UI language. */
export function relativeTime(iso: string, now: Date, language: string): string {
  const [value, unit] = unitOf(new Date(iso).getTime() - now.getTime());
  return new Intl.RelativeTimeFormat(locale(language), { numeric: 'auto', style: 'short' }).format(value, unit);
}

/** How long something has waited: «15 мин», «2 ч», «3 дн.». */
export function age(iso: string, now: Date, language: string): string {
  const ms = Math.max(0, now.getTime() - new Date(iso).getTime());
  const [value, unit] = unitOf(ms);
  return new Intl.NumberFormat(locale(language), { style: 'unit', unit, unitDisplay: 'short' }).format(Math.max(value, 0));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DDTHH:mm` in the browser's time zone, the value of `<input type="datetime-local">`. */
export function toDateTimeInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The instant a `datetime-local` value means (local time), as ISO; null when blank or invalid. */
export function fromDateTimeInput(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, 0, 0);
  return Number.isNaN(date.getTime()) || date.getMonth() !== mo - 1 ? null : date.toISOString();
}

/** `YYYY-MM-DD` of `date` in the browser's time zone (the value of `<input type="date">`). */
export function toDateInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Quick choices for moving a due time: in an hour, tomorrow morning, next Monday morning. */
export function postponeChoices(now: Date): { key: 'hour' | 'tomorrow' | 'monday'; at: Date }[] {
  const hour = new Date(now.getTime() + HOUR);
  hour.setSeconds(0, 0);
  const tomorrow = new Date(now);
  tomorrow.setDate(now.getDate() + 1);
  tomorrow.setHours(10, 0, 0, 0);
  const monday = new Date(now);
  monday.setDate(now.getDate() + (((8 - now.getDay()) % 7) || 7));
  monday.setHours(10, 0, 0, 0);
  const choices: { key: 'hour' | 'tomorrow' | 'monday'; at: Date }[] = [
    { key: 'hour', at: hour },
    { key: 'tomorrow', at: tomorrow },
  ];
  // On a Sunday tomorrow is Monday: one choice, not two that do the same.
  if (monday.getTime() !== tomorrow.getTime()) choices.push({ key: 'monday', at: monday });
  return choices;
}
