// The e-mail template editor's placeholders: `{{client}}` and the like, put in where the cursor is.

/** Text with `placeholder` put in place of the selection [start, end); the cursor goes after it. */
export function insertAt(text: string, start: number, end: number, placeholder: string): { text: string; cursor: number } {
  const a = Math.max(0, Math.min(start, text.length));
  const b = Math.max(a, Math.min(end, text.length));
  return { text: text.slice(0, a) + placeholder + text.slice(b), cursor: a + placeholder.length };
}

/** The `{{…}}` of a text that are not among `known` (the server refuses them). */
export function unknownPlaceholders(text: string, known: readonly string[]): string[] {
  const found = [...text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((m) => `{{${m[1]}}}`);
  return [...new Set(found.filter((p) => !known.includes(p)))];
}
