// Durations as people say them: «3 ч 15 мин», «2 дн. 4 ч» (time in a stage, time a stage took).
// The unit words come from the translations (`sales.duration`).

export interface DurationUnits {
  lessThanMinute: string;
  min: string;
  h: string;
  d: string;
}

/** A duration in seconds, rounded down to its two largest units. */
export function formatDuration(seconds: number, u: DurationUnits): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return u.lessThanMinute;
  const minutes = Math.floor(s / 60) % 60;
  const hours = Math.floor(s / 3600) % 24;
  const days = Math.floor(s / 86400);
  if (days > 0) return hours > 0 ? `${days} ${u.d} ${hours} ${u.h}` : `${days} ${u.d}`;
  if (hours > 0) return minutes > 0 ? `${hours} ${u.h} ${minutes} ${u.min}` : `${hours} ${u.h}`;
  return `${minutes} ${u.min}`;
}

/** Seconds from `iso` to `now`. */
export function secondsSince(iso: string, now: number = Date.now()): number {
  const t = new Date(iso).getTime();
  return Number.isNaN(t) ? 0 : Math.max(0, (now - t) / 1000);
}
