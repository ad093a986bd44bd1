import { describe, expect, it } from 'vitest';
import type { Production } from '../api/productions';
import { emptyOffer, formatDecimal, formPath, parseWholeInput, profilePayload, profileValues, workingDaysLabel, type ProfileValues } from './profile';

const RU = ['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб', 'Вс'];

describe('workingDaysLabel', () => {
  it('says a run of three days or more as a range', () => {
    expect(workingDaysLabel([1, 2, 3, 4, 5, 6], RU)).toBe('Пн–Сб');
    expect(workingDaysLabel([1, 2, 3, 4, 5], RU)).toBe('Пн–Пт');
    expect(workingDaysLabel([1, 2, 3, 4, 5, 6, 7], RU)).toBe('Пн–Вс');
  });

  it('names the rest one by one, in the week’s order, whatever order they came in', () => {
    expect(workingDaysLabel([5, 1, 3], RU)).toBe('Пн, Ср, Пт');
    expect(workingDaysLabel([6, 7], RU)).toBe('Сб, Вс');
    expect(workingDaysLabel([1, 2, 3, 5, 6], RU)).toBe('Пн–Ср, Пт, Сб');
    expect(workingDaysLabel([2, 2, 4, 9, 0], RU)).toBe('Вт, Чт');
    expect(workingDaysLabel([], RU)).toBe('');
  });
});

describe('numbers the Russian way', () => {
  it('shows the API’s decimals grouped, with a comma and no trailing zeros', () => {
    expect(formatDecimal('1250.5')).toBe('1\u00a0250,5');
    expect(formatDecimal('400')).toBe('400');
    expect(formatDecimal('45.500')).toBe('45,5');
    expect(formatDecimal('100000.00')).toBe('100\u00a0000');
    expect(formatDecimal(null)).toBe('');
    expect(formatDecimal('много')).toBe('много');
  });

  it('reads what a person typed', () => {
    expect(parseWholeInput('1 000')).toBe(1000);
    expect(parseWholeInput('')).toBeNull();
    expect(parseWholeInput('2,5')).toBeUndefined();
  });
});

const production = (over: Partial<NonNullable<Production['profile']>> = {}): Production => ({
  id: 'p1',
  name: 'Производство Екатеринбург',
  city: 'Екатеринбург',
  region: 'Свердловская область',
  address: null,
  coordinates: { lat: 56.8389, lon: 60.6057 },
  profile: {
    daily_capacity_m2: '1250.5',
    working_days: [6, 1, 2, 3, 4, 5],
    payment_terms: 'fifty_fifty',
    payment_terms_name: '50/50',
    acceptance_hours: 24,
    contact_name: 'Гаврилов Олег Петрович',
    contact_phone: '+73432345690',
    contact_email: null,
    offers: [
      { tile_type: 'Плитка', thickness_mm: '20', price_per_m2: '990.00' },
      { tile_type: 'Бордюр', thickness_mm: '45.5', price_per_m2: '2350.50' },
    ],
    updated_at: '2026-05-01T10:00:00Z',
    version: 3,
    ...over,
  },
});

describe('the form', () => {
  it('is filled from the profile the Russian way', () => {
    const v = profileValues(production());
    expect(v.daily_capacity_m2).toBe('1\u00a0250,5');
    expect(v.working_days).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(v.payment_terms).toBe('fifty_fifty');
    expect(v.acceptance_hours).toBe('24');
    expect(v.contact_phone).toBe('+7 (343) 234-56-90');
    expect(v.contact_email).toBe('');
    expect(v.offers.map(({ tile_type, thickness_mm, price_per_m2 }) => [tile_type, thickness_mm, price_per_m2])).toEqual([
      ['Плитка', '20', '990,00'],
      ['Бордюр', '45,5', '2\u00a0350,50'],
    ]);
    expect(new Set(v.offers.map((o) => o.key)).size).toBe(2);
  });

  it('starts a production without a profile with a working week and one blank row', () => {
    const v = profileValues({ profile: null });
    expect(v.working_days).toEqual(['1', '2', '3', '4', '5']);
    expect(v.offers).toHaveLength(1);
    expect(v.daily_capacity_m2).toBe('');
  });

  it('becomes the PUT’s body: decimal strings, blanks as null, blank rows dropped and mapped back', () => {
    const v: ProfileValues = {
      ...profileValues(production()),
      daily_capacity_m2: '1 300,75',
      working_days: ['3', '1', '2'],
      acceptance_hours: '',
      contact_name: '  Гаврилов  ',
      contact_phone: '',
      offers: [
        emptyOffer(),
        { key: 'a', tile_type: ' Плитка ', thickness_mm: '30', price_per_m2: '1 250,5' },
        { key: 'b', tile_type: '', thickness_mm: ' ', price_per_m2: '' },
        { key: 'c', tile_type: 'Бордюр', thickness_mm: '45,5', price_per_m2: '2 350 ₽' },
      ],
    };
    const result = profilePayload(v, 3);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.body).toEqual({
      version: 3,
      daily_capacity_m2: '1300.75',
      working_days: [1, 2, 3],
      payment_terms: 'fifty_fifty',
      acceptance_hours: null,
      contact_name: 'Гаврилов',
      contact_phone: null,
      contact_email: null,
      offers: [
        { tile_type: 'Плитка', thickness_mm: '30', price_per_m2: '1250.50' },
        { tile_type: 'Бордюр', thickness_mm: '45.5', price_per_m2: '2350.00' },
      ],
    });
    expect(result.rows).toEqual([1, 3]);
    // The server's `offers[1]` is the form's row 3.
    expect(formPath('offers[1].price_per_m2', result.rows)).toBe('offers.3.price_per_m2');
    expect(formPath('offers[0].tile_type', result.rows)).toBe('offers.1.tile_type');
    expect(formPath('offers[7].tile_type', result.rows)).toBe('offers');
    expect(formPath('daily_capacity_m2', result.rows)).toBe('daily_capacity_m2');
  });

  it('sends no version the first time', () => {
    const v = { ...profileValues({ profile: null }), daily_capacity_m2: '250', offers: [] };
    const result = profilePayload(v, null);
    expect(result.ok && result.body.version).toBeNull();
    expect(result.ok && result.body.offers).toEqual([]);
  });

  it('refuses what cannot be read, under the form path of each field', () => {
    const v: ProfileValues = {
      ...profileValues(production()),
      daily_capacity_m2: '1 250,555',
      working_days: [],
      acceptance_hours: '1,5',
      offers: [
        { key: 'a', tile_type: 'Плитка', thickness_mm: '20,25', price_per_m2: 'дёшево' },
        { key: 'b', tile_type: '', thickness_mm: '30', price_per_m2: '' },
        { key: 'c', tile_type: 'Бордюр', thickness_mm: 'толстый', price_per_m2: '100' },
      ],
    };
    const result = profilePayload(v, 3);
    expect(result).toEqual({
      ok: false,
      errors: {
        daily_capacity_m2: 'capacityPrecision',
        working_days: 'noDays',
        acceptance_hours: 'wholeHours',
        'offers.0.thickness_mm': 'thicknessPrecision',
        'offers.0.price_per_m2': 'money',
        'offers.1.tile_type': 'required',
        'offers.1.price_per_m2': 'required',
        'offers.2.thickness_mm': 'number',
      },
    });
    expect(profilePayload({ ...v, daily_capacity_m2: '' }, 3)).toMatchObject({ errors: { daily_capacity_m2: 'required' } });
    expect(profilePayload({ ...v, daily_capacity_m2: 'много' }, 3)).toMatchObject({ errors: { daily_capacity_m2: 'number' } });
  });
});
