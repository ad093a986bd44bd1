// The Russian texts the first screen needs (the shell's shared ones and sign-in's) start i18next
// before the first render; English ones come when English is chosen, and every feature's texts
// (`./texts`) with the shell's code — so the login page's JavaScript stays small.
import { authRu } from '../features/identity/i18n/authRu';
import { i18n, initI18n } from '../shared/i18n/index';
import { sharedFirstRu } from '../shared/i18n/ruFirst';
import { firstScreen } from './firstScreen';
import type { ru } from './texts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof ru };
  }
}

initI18n({ ru: { translation: firstScreen(sharedFirstRu, authRu) } });

let allTexts = false;

/** The first screen's English texts, when English is the language and they are not there yet. */
function ensureEnglish(lng: string): Promise<void> {
  if (lng !== 'en' || allTexts || i18n.hasResourceBundle('en', 'translation')) return Promise.resolve();
  return import('./firstScreenEn').then(({ firstScreenEn }) => {
    i18n.addResourceBundle('en', 'translation', firstScreenEn, true, true);
  });
}

/** Resolves when the first screen can be shown in the chosen language. */
export const i18nReady: Promise<void> = ensureEnglish(i18n.language).catch(() => undefined);
i18n.on('languageChanged', (lng) => void ensureEnglish(lng));

/** Adds every feature's texts (both languages); resolves once they can be shown. */
export async function loadAllTexts(): Promise<void> {
  const texts = await import('./texts');
  addAllTexts(texts);
}

/** The same, for texts already at hand (the unit tests' setup). */
export function addAllTexts(texts: Pick<typeof import('./texts'), 'ru' | 'en'>): void {
  allTexts = true;
  i18n.addResourceBundle('ru', 'translation', texts.ru, true, true);
  i18n.addResourceBundle('en', 'translation', texts.en, true, true);
}

export { i18n };
