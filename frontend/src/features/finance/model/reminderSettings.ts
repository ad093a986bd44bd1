// An organization's reminder settings as the admin sets them: its time zone (Russia's: UTC+2 …
// UTC+12, reminders come at 9:00 there) and how many days apart a deal waiting for its advance is
// reminded of (3–5).

/** Russia's zones, west to east: the offset the API takes and the city that names it. */
export const ZONES = [
  { offset: '+02:00', city: 'utc2' },
  { offset: '+03:00', city: 'utc3' },
  { offset: '+04:00', city: 'utc4' },
  { offset: '+05:00', city: 'utc5' },
  { offset: '+06:00', city: 'utc6' },
  { offset: '+07:00', city: 'utc7' },
  { offset: '+08:00', city: 'utc8' },
  { offset: '+09:00', city: 'utc9' },
  { offset: '+10:00', city: 'utc10' },
  { offset: '+11:00', city: 'utc11' },
  { offset: '+12:00', city: 'utc12' },
] as const;

export type ZoneCity = (typeof ZONES)[number]['city'];

export const ADVANCE_INTERVALS = [3, 4, 5] as const;

/**
 * An offset as the zone list spells it: "+3", "UTC+3", "+03", "+0300" → "+03:00". What is not an
 * offset stays as it was (the select then shows it as it came).
 */
export function normalizeOffset(text: string): string {
  const m = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(text.trim());
  if (!m) return text;
  return `${m[1]}${m[2]!.padStart(2, '0')}:${m[3] ?? '00'}`;
}

/** The zone's city key, or null for an offset outside Russia's list. */
export function zoneCity(offset: string): ZoneCity | null {
  const normal = normalizeOffset(offset);
  return ZONES.find((z) => z.offset === normal)?.city ?? null;
}
