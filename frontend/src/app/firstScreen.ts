// What the login page and the shell's first-load outline say, in one language; the rest of the
// texts come with the shell (`loadAllTexts` in `./i18n`).
import type { authRu } from '../features/identity/i18n/authRu';
import type { sharedFirstRu } from '../shared/i18n/ruFirst';
import { mergeTexts, type Widen } from '../shared/i18n/texts';

export function firstScreen(shared: Widen<typeof sharedFirstRu>, auth: Widen<typeof authRu>) {
  const { common, app, problems } = shared;
  return mergeTexts({ common, app, problems, auth: shared.auth }, { auth });
}
