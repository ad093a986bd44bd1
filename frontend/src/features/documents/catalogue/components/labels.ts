import type { TFunction } from 'i18next';
import type { CatalogueItem, Unit } from '../api/catalogue';
import { OKEI } from '../model/item';

/** «м² (ОКЕИ 055)» — a unit as the forms choose it. */
export const unitLabel = (t: TFunction, unit: Unit) => t('catalogue.unitWithOkei', { unit: t(`catalogue.unit.${unit}`), okei: OKEI[unit] });

/** «Тротуарная, серый, 500×500 мм, 60 мм» — a tile's attributes in one line; blank for other items. */
export function tileSummary(t: TFunction, item: Pick<CatalogueItem, 'tile'>): string {
  const tile = item.tile;
  if (!tile) return '';
  return t('catalogue.items.tileSummary', {
    tile_type: tile.tile_type,
    colour: tile.colour,
    size: tile.size,
    thickness: tile.thickness_mm.replace('.', ','),
  });
}
