import { describe, expect, it } from 'vitest';
import type { CatalogueItem } from '../api/catalogue';
import { emptyItem, itemPayload, itemValues } from './item';

describe('itemPayload', () => {
  it('sends a tile with its attributes, the thickness with a point', () => {
    const v = emptyItem('tile');
    Object.assign(v, { name: '  Плитка Гранит  ', article: ' GR-500 ', description: ' ' });
    v.tile = { tile_type: 'Тротуарная', colour: 'Серый', thickness_mm: '10,5', size: '500 x 500' };
    expect(itemPayload(v)).toEqual({
      kind: 'tile',
      name: 'Плитка Гранит',
      article: 'GR-500',
      unit: 'm2',
      vat_kind: 'standard',
      description: null,
      active: true,
      tile: { tile_type: 'Тротуарная', colour: 'Серый', thickness_mm: '10.5', size: '500 x 500' },
    });
  });

  it('sends no tile for anything else, and the version when editing', () => {
    const v = { ...emptyItem('service'), name: 'Монтаж' };
    v.tile.colour = 'left over from switching the kind';
    const body = itemPayload(v, 3);
    expect(body.tile).toBeNull();
    expect(body.unit).toBe('service_unit');
    expect(body.version).toBe(3);
  });

  it('leaves a thickness that is no number as typed, for the server to refuse under the field', () => {
    const v = emptyItem('tile');
    v.tile.thickness_mm = 'толстая';
    expect(itemPayload(v).tile?.thickness_mm).toBe('толстая');
  });
});

describe('itemValues', () => {
  it('reads an item back into the form, the thickness with a comma', () => {
    const item: CatalogueItem = {
      id: '1',
      kind: 'tile',
      name: 'Плитка',
      article: null,
      unit: 'm2',
      okei: '055',
      unit_name: 'м²',
      vat_kind: 'reduced',
      description: null,
      active: false,
      tile: { tile_type: 'Тротуарная', colour: 'Красный', thickness_mm: '6.5', size: '200×100' },
      updated_at: '2026-11-30T00:00:00Z',
      version: 2,
    };
    const v = itemValues(item);
    expect(v.tile.thickness_mm).toBe('6,5');
    expect(v.article).toBe('');
    expect(v.active).toBe(false);
    expect(itemPayload(v, item.version).tile?.thickness_mm).toBe('6.5');
  });
});
