// Dates as Russian people type them (дд.мм.гггг, «дд.мм.гггг чч:мм») and as the API keeps them
// (`YYYY-MM-DD`, `YYYY-MM-DDTHH:mm` in the browser's time zone).

const pad = (n: number) => String(n).padStart(2, '0');

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2})?$/;

function validDay(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(y, m, 0).getDate();
}

/** Whether `value` is a real calendar day written `YYYY-MM-DD` (31.02 is not). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  return !!m && validDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Whether `value` is `YYYY-MM-DDTHH:mm` with a real day and time. */
export function isIsoDateTime(value: string): boolean {
  const m = ISO_DATE_TIME.exec(value);
  return !!m && validDay(Number(m[1]), Number(m[2]), Number(m[3])) && Number(m[4]) < 24 && Number(m[5]) < 60;
}

/**
 * `YYYY-MM-DD` of a day typed the Russian way: `1.2.2026`, `01.02.2026`, `01.02.26`, `01022026`
 * (also `-` or `/` between the parts); null when it is not a real day.
 */
export function parseRuDate(text: string): string | null {
  const s = text.trim();
  let m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$/.exec(s);
  if (!m) m = /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (!m) return ISO_DATE.test(s) && isIsoDate(s) ? s : null;
  const d = Number(m[1]);
  const mo = Number(m[2]);
  const y = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  return validDay(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : null;
}

/** `YYYY-MM-DDTHH:mm` of `дд.мм.гггг чч:мм` (a date as `parseRuDate` reads it, a space, 24-hour time). */
export function parseRuDateTime(text: string): string | null {
  const m = /^(\S+)\s+(\d{1,2})[:.](\d{2})$/.exec(text.trim());
  if (!m) return ISO_DATE_TIME.test(text.trim()) && isIsoDateTime(text.trim()) ? text.trim().replace(' ', 'T').slice(0, 16) : null;
  const day = parseRuDate(m[1]!);
  const h = Number(m[2]);
  const mi = Number(m[3]);
  return day && h < 24 && mi < 60 ? `${day}T${pad(h)}:${pad(mi)}` : null;
}

/** `дд.мм.гггг` of `YYYY-MM-DD` (as stored; anything else unchanged). */
export function formatRuDate(iso: string): string {
  const m = ISO_DATE.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}
