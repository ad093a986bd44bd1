// A counterparty's legal form as it is written in its name («ООО «Парк-Сервис»» → ООО, «ИП Зуев»
// → ИП), and by its kind when the name does not say (a sole trader is an ИП; a person has none).
import type { Counterparty } from '../api/clients';

// Organisational and legal forms (ОКОПФ) people write before the name, longest first.
const FORMS = [
  'ФГБУ', 'ФГУП', 'ФКП', 'ГБУ', 'ГАУ', 'ГКУ', 'МБУ', 'МАУ', 'МКУ', 'ГУП', 'МУП',
  'ООО', 'ПАО', 'НАО', 'ЗАО', 'ОАО', 'АО', 'ИП', 'АНО', 'НКО', 'ТСЖ', 'ТСН', 'СНТ', 'КФХ', 'ПК', 'СПК', 'ПТ', 'КТ',
] as const;

/** The form the name starts with (ООО, АО, ИП…), or null. */
export function formInName(name: string): string | null {
  const head = name.trim().toUpperCase();
  return FORMS.find((f) => head === f || new RegExp(`^${f}(?=[\\s«"„“'(]|$)`).test(head)) ?? null;
}

/** What a badge shows: the form from the name, else ИП for a sole trader, else null (nothing to show). */
export function legalForm(cp: Pick<Counterparty, 'name' | 'kind'>): string | null {
  const form = formInName(cp.name);
  if (form) return form;
  return cp.kind === 'sole_trader' ? 'ИП' : null;
}
