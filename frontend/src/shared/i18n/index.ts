// The one i18next instance. Its texts come from the app (`app/i18n.ts`), which merges the shell's
// and the features' texts and calls `initI18n` before the first render.
import i18n, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'tessera.lang';

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'ru';
  } catch {
    return 'ru';
  }
}

/**
 * Quotes within quotes the Russian way: «Клиент «ООО «Ромашка»» создан» becomes
 * «Клиент „ООО „Ромашка““ создан» — names put into texts often bring their own «…».
 */
export function nestQuotes(text: string): string {
  if (!text.includes('«')) return text;
  let depth = 0;
  let out = '';
  for (const ch of text) {
    if (ch === '«') out += depth++ > 0 ? '„' : '«';
    else if (ch === '»' && depth > 0) out += --depth > 0 ? '“' : '»';
    else out += ch;
  }
  return out;
}

/** Every translated text goes through `nestQuotes`, with whatever names were put into it. */
const quotes = { type: 'postProcessor' as const, name: 'nestQuotes', process: (value: string) => nestQuotes(value) };

/** Starts i18next with every language's texts (synchronously: they are bundled). */
export function initI18n(resources: Resource): void {
  void i18n.use(initReactI18next).use(quotes).init({
    resources,
    postProcess: ['nestQuotes'],
    lng: storedLanguage(),
    fallbackLng: 'ru',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    // Texts arrive in parts (the login page's first, the rest with the app): show each as it comes.
    react: { bindI18nStore: 'added' },
    initAsync: false,
  });
  if (typeof document !== 'undefined') document.documentElement.lang = i18n.language;
}

i18n.on('languageChanged', (lng) => {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // private mode: the choice lasts for this page only
  }
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
});

export { i18n };
