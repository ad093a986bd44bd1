// Translations are trees of texts: the shell's own (here) and each feature's (`features/<area>/i18n`),
// merged into one tree per language by the app (`app/i18n.ts`).

/** A tree of texts. */
export type Texts = { [key: string]: string | Texts };

/** The same keys with any text: the shape a translation must have. */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

type Merged<T extends readonly unknown[]> = T extends readonly [infer Head, ...infer Rest] ? Head & Merged<Rest> : unknown;

/**
 * Merges text trees into one; a group may be spread over several trees (`auth.tooManyAttempts`
 * in shared, the rest of `auth` in identity). A text defined twice is a mistake and throws.
 */
export function mergeTexts<const T extends readonly Texts[]>(...parts: T): Merged<T> {
  return parts.reduce<Texts>((merged, part) => mergeTree(merged, part, ''), {}) as Merged<T>;
}

function mergeTree(into: Texts, from: Texts, path: string): Texts {
  const out: Texts = { ...into };
  for (const [key, value] of Object.entries(from)) {
    const before = out[key];
    if (before === undefined) out[key] = value;
    else if (typeof before === 'object' && typeof value === 'object') out[key] = mergeTree(before, value, `${path}${key}.`);
    else throw new Error(`the text ${path}${key} is defined twice`);
  }
  return out;
}
