import { describe, expect, it } from 'vitest';
import { normalizeOffset, zoneCity, ZONES } from './reminderSettings';

describe('reminder settings', () => {
  it('lists Russia’s eleven zones, +02:00 to +12:00', () => {
    expect(ZONES.map((z) => z.offset)).toEqual(['+02:00', '+03:00', '+04:00', '+05:00', '+06:00', '+07:00', '+08:00', '+09:00', '+10:00', '+11:00', '+12:00']);
  });

  it('spells an offset as the list does', () => {
    expect(normalizeOffset('+03:00')).toBe('+03:00');
    expect(normalizeOffset('+3')).toBe('+03:00');
    expect(normalizeOffset('UTC+7')).toBe('+07:00');
    expect(normalizeOffset('+1200')).toBe('+12:00');
    expect(normalizeOffset('Москва')).toBe('Москва');
  });

  it('names the zone by its city, and nothing outside Russia', () => {
    expect(zoneCity('+03:00')).toBe('utc3');
    expect(zoneCity('+5')).toBe('utc5');
    expect(zoneCity('+01:00')).toBeNull();
  });
});
