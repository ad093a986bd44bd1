// Names the tab builds from server codes: a unit («м²»), and the amounts and quantities as shown.
import { i18n } from '../../../../shared/i18n/index';

// Keys built from server codes: checked with `exists`, so typed keys do not apply.
const untypedT = (key: string): string => String((i18n.t as unknown as (k: string) => unknown)(key));

/** «м²», «шт»…; a unit new to us as the server names it. */
export function unitLabel(unit: string): string {
  const key = `financeDeal.units.${unit}`;
  return i18n.exists(key) ? untypedT(key) : unit;
}
