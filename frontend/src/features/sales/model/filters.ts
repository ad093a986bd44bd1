// Whose cards a board or a list shows when the URL does not say.
import type { Me } from '../../../shared/api/types';

/** The URL value for «everyone's cards» (a manager's default is their own). */
export const ALL_PEOPLE = 'all';

/**
 * The responsible person to filter by: the one in the URL; everyone for `all`; with nothing in
 * the URL, a sales manager's own cards (their daily view), everyone's for other roles.
 */
export function responsibleFilter(param: string | null, me: Pick<Me, 'id' | 'role'> | undefined): string | undefined {
  if (param === ALL_PEOPLE) return undefined;
  if (param) return param;
  return me?.role === 'manager' ? me.id : undefined;
}
