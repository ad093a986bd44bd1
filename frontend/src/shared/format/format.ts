// Display formatting. The app serves Russian users, so dates and numbers always use ru-RU.
const dateTime = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'short', timeStyle: 'short' });
const date = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'short' });
const integer = new Intl.NumberFormat('ru-RU');

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : date.format(d);
}

export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined ? '' : integer.format(n);
}

/**
 * Russian numbers as +7 (495) 123-45-67, whatever way they were typed
 * (8 495 1234567, +7-495-123-45-67, 4951234567). Anything else is shown as stored.
 */
export function formatPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const digits = phone.replace(/\D/g, '');
  let national: string | null = null;
  if (digits.length === 11 && (digits.startsWith('7') || digits.startsWith('8'))) national = digits.slice(1);
  else if (digits.length === 10 && !phone.trim().startsWith('+')) national = digits;
  if (!national) return phone;
  return `+7 (${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6, 8)}-${national.slice(8)}`;
}

/**
 * A phone field's text once the person leaves it: a Russian number the server reads as one
 * (+7/7/8 and 10 digits, or 10 digits starting with 9, 3, 4 or 8) as +7 (495) 123-45-67; anything
 * else exactly as typed, for the server to accept (other countries) or refuse.
 */
export function formatPhoneInput(text: string): string {
  const s = text.trim();
  if (!/^\+?[\d\s().-]+$/.test(s)) return text;
  const digits = s.replace(/\D/g, '');
  const plus = s.startsWith('+');
  const russian =
    (digits.length === 11 && (digits.startsWith('7') || (!plus && digits.startsWith('8')))) ||
    (!plus && digits.length === 10 && /^[9348]/.test(digits));
  return russian ? formatPhone(plus ? `+${digits}` : digits) : text;
}

/** Only the digits of a requisite typed with spaces or dashes (INN, KPP is left alone). */
export function digitsOnly(value: string): string {
  return value.replace(/\D/g, '');
}

/** A size in bytes as people read it: «812 Б», «1,2 кБ», «3,4 МБ» (English: «1.2 kB»). */
export function formatBytes(bytes: number, language: string): string {
  const lang = language === 'en' ? 'en' : 'ru';
  const [value, unit] =
    bytes >= 1024 * 1024 ? [bytes / 1024 / 1024, 'megabyte'] : bytes >= 1024 ? [bytes / 1024, 'kilobyte'] : [bytes, 'byte'];
  return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

/**
 * How long ago `iso` was, in its largest whole unit as people say it: «2 дня», «5 часов»,
 * «15 минут» (English: «2 days»); under a minute counts as one. Empty for a date that is not one.
 */
export function formatElapsed(iso: string | null | undefined, language: string, now: number = Date.now()): string {
  if (!iso) return '';
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) return '';
  const minutes = Math.max(1, Math.floor((now - at) / 60_000));
  const [value, unit] = minutes >= 1440 ? [Math.floor(minutes / 1440), 'day'] : minutes >= 60 ? [Math.floor(minutes / 60), 'hour'] : [minutes, 'minute'];
  return new Intl.NumberFormat(language === 'en' ? 'en' : 'ru', { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
