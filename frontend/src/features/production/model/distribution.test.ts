import { describe, expect, it } from 'vitest';
import type { Placement } from '../api/distribution';
import {
  buildAssignBody,
  buildDistributionParams,
  canAssign,
  emptyDistribution,
  formatDefectRate,
  formatKm,
  formatPercent,
  formatPoints,
  parseCoordinate,
  quantityFor,
} from './distribution';

const nb = (s: string) => s.replace(/\u00a0/g, ' ');

describe('who assigns', () => {
  it('is a logistician, a manager or an admin of the head company', () => {
    const head = { kind: 'head' as const };
    expect(canAssign({ role: 'logistician', organization: head })).toBe(true);
    expect(canAssign({ role: 'manager', organization: head })).toBe(true);
    expect(canAssign({ role: 'admin', organization: head })).toBe(true);
    expect(canAssign({ role: 'accountant', organization: head })).toBe(false);
    expect(canAssign({ role: 'management', organization: head })).toBe(false);
    expect(canAssign({ role: 'admin', organization: { kind: 'production' } })).toBe(false);
    expect(canAssign(undefined)).toBe(false);
  });
});

describe('the ranking question', () => {
  const filled = { ...emptyDistribution(), thickness_mm: '30', quantity_m2: '1 250,5', due_date: '2026-12-21' };

  it('reads Russian decimals and leaves the point to the address when no coordinates are typed', () => {
    expect(buildDistributionParams(filled)).toEqual({
      ok: true,
      params: { tile_type: 'Плитка', thickness_mm: '30', quantity_m2: '1250.5', due_date: '2026-12-21' },
    });
  });

  it('sends coordinates typed with a comma', () => {
    const built = buildDistributionParams({ ...filled, lat: '55,7558', lon: '37.6173' });
    expect(built.ok && built.params).toMatchObject({ lat: 55.7558, lon: 37.6173 });
  });

  it('names every wrong field and asks nothing', () => {
    expect(buildDistributionParams({ tile_type: ' ', thickness_mm: 'тридцать', quantity_m2: '0', due_date: '31.02', lat: '95', lon: '' })).toEqual({
      ok: false,
      errors: { tile_type: 'required', thickness_mm: 'number', quantity_m2: 'positive', due_date: 'date', lat: 'latitude', lon: 'required' },
    });
    expect(buildDistributionParams({ ...filled, lat: '55,7' })).toEqual({ ok: false, errors: { lon: 'required' } });
    expect(buildDistributionParams({ ...filled, quantity_m2: '' })).toEqual({ ok: false, errors: { quantity_m2: 'required' } });
  });

  it('parses coordinates', () => {
    expect(parseCoordinate('')).toBeNull();
    expect(parseCoordinate('−33,9')).toBe(-33.9);
    expect(parseCoordinate('55°')).toBeUndefined();
  });
});

describe('the assignment', () => {
  const asked = { tile_type: 'Плитка', thickness_mm: '30' };
  it('sends the typed m², the day, who receives and the chosen terms', () => {
    expect(buildAssignBody('p1', asked, { quantity: '100,5', due_date: '2026-12-21', delivery_contact: ' Прораб ', terms: 'after_shipment' })).toEqual({
      ok: true,
      body: { production_id: 'p1', tile_type: 'Плитка', thickness_mm: '30', quantity: '100.5', due_date: '2026-12-21', delivery_contact: 'Прораб', terms: 'after_shipment' },
    });
  });
  it('leaves out what was not given (the production’s own terms, the deal’s contact)', () => {
    const built = buildAssignBody('p1', asked, { quantity: '150', due_date: '2026-12-21', delivery_contact: '', terms: null });
    expect(built.ok && built.body).toEqual({ production_id: 'p1', tile_type: 'Плитка', thickness_mm: '30', quantity: '150', due_date: '2026-12-21' });
  });
  it('refuses a blank or wrong m² and day', () => {
    expect(buildAssignBody('p1', asked, { quantity: 'много', due_date: '', delivery_contact: '', terms: null })).toEqual({
      ok: false,
      errors: { quantity: 'number', due_date: 'required' },
    });
  });
  it('takes a production’s part of the placement, else the whole', () => {
    const placement: Placement = {
      kind: 'split',
      parts: [
        { production_id: 'a', production_name: 'A', quantity_m2: '100' },
        { production_id: 'b', production_name: 'B', quantity_m2: '50' },
      ],
      missing_m2: null,
    };
    expect(quantityFor(placement, 'b', '150')).toBe('50');
    expect(quantityFor(placement, 'c', '150')).toBe('150');
    expect(quantityFor(null, 'a', '150')).toBe('150');
  });
});

describe('the figures', () => {
  it('reads the Russian way', () => {
    expect(nb(formatKm(1416.7))).toBe('1 417 км');
    expect(formatPoints(7.83)).toBe('7,8');
    expect(formatPoints(25)).toBe('25');
    expect(nb(formatPercent('12.55'))).toBe('12,6 %');
    expect(nb(formatDefectRate('0.0909')!)).toBe('9,1 %');
    expect(nb(formatDefectRate('0')!)).toBe('0 %');
    expect(formatDefectRate(null)).toBeNull();
  });
});
