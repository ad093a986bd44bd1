// A catalogue item's form: its values (strings, as typed) and the request body they become.
// Values mirror the body, so a server error on `tile.size` lands under the size field.
import type { CatalogueItem, ItemBody, ItemKind, Unit, VatKind } from '../api/catalogue';
import { parseDecimalInput } from '../../../../shared/format/decimal';

export const ITEM_KINDS = ['tile', 'equipment', 'material', 'service'] as const satisfies readonly ItemKind[];
export const UNITS = ['pcs', 'm2', 'kg', 'set', 'service_unit'] as const satisfies readonly Unit[];
export const VAT_KINDS = ['standard', 'reduced', 'zero', 'exempt'] as const satisfies readonly VatKind[];

/** The ОКЕИ code of each unit, shown beside its name (the printed forms carry it). */
export const OKEI: Record<Unit, string> = { pcs: '796', m2: '055', kg: '166', set: '839', service_unit: '876' };

/** The unit a new item of this kind is most likely counted in. */
export const DEFAULT_UNIT: Record<ItemKind, Unit> = { tile: 'm2', equipment: 'pcs', material: 'kg', service: 'service_unit' };

export interface TileValues {
  tile_type: string;
  colour: string;
  thickness_mm: string;
  size: string;
}

export interface ItemValues {
  kind: ItemKind;
  name: string;
  article: string;
  unit: Unit;
  vat_kind: VatKind;
  description: string;
  active: boolean;
  tile: TileValues;
}

export const emptyItem = (kind: ItemKind = 'tile'): ItemValues => ({
  kind,
  name: '',
  article: '',
  unit: DEFAULT_UNIT[kind],
  vat_kind: 'standard',
  description: '',
  active: true,
  tile: { tile_type: '', colour: '', thickness_mm: '', size: '' },
});

/** Thickness as a Russian reads it: «10,5». */
const ruDecimal = (s: string) => s.replace('.', ',');

export const itemValues = (item: CatalogueItem): ItemValues => ({
  kind: item.kind,
  name: item.name,
  article: item.article ?? '',
  unit: item.unit,
  vat_kind: item.vat_kind,
  description: item.description ?? '',
  active: item.active,
  tile: item.tile
    ? { ...item.tile, thickness_mm: ruDecimal(item.tile.thickness_mm) }
    : { tile_type: '', colour: '', thickness_mm: '', size: '' },
});

/**
 * The body for POST (no `version`) or PUT (the version read). The tile's attributes go only with a
 * tile; the thickness is sent with a point («10,5» → "10.5") — text that is no number is sent as
 * typed for the server to refuse under the field. Blank optional texts become null.
 */
export function itemPayload(v: ItemValues, version?: number): ItemBody {
  const blank = (s: string) => (s.trim() === '' ? null : s.trim());
  const thickness = v.tile.thickness_mm.trim();
  return {
    kind: v.kind,
    name: v.name.trim(),
    article: blank(v.article),
    unit: v.unit,
    vat_kind: v.vat_kind,
    description: blank(v.description),
    active: v.active,
    tile:
      v.kind === 'tile'
        ? {
            tile_type: v.tile.tile_type.trim(),
            colour: v.tile.colour.trim(),
            thickness_mm: parseDecimalInput(thickness, 6) ?? thickness,
            size: v.tile.size.trim(),
          }
        : null,
    ...(version === undefined ? {} : { version }),
  };
}
