// The balance's sign, from the head company's side: debits − credits; above zero the production
// owes us («Нам должны»), below zero we owe it («Мы должны»). Amounts stay decimal strings.
import { formatMoney } from '../../../../shared/format/money';

export type Standing = 'owedToUs' | 'weOwe' | 'settled';

/** Who owes whom by a balance's amount ("-90300.00" → we owe). */
export function standingOf(amount: string): Standing {
  const a = amount.trim();
  if (!/[1-9]/.test(a)) return 'settled';
  return a.startsWith('-') ? 'weOwe' : 'owedToUs';
}

/** A colour for a standing: red when we owe, teal when we are owed, grey when settled. */
export function standingColor(standing: Standing): string | undefined {
  return standing === 'weOwe' ? 'red.8' : standing === 'owedToUs' ? 'teal.8' : 'dimmed';
}

/** A signed amount with a real minus sign: «−90 300,00 ₽». */
export function formatSigned(amount: string): string {
  const text = formatMoney(amount);
  return text.startsWith('-') ? `\u2212${text.slice(1)}` : text;
}

/** The amount without its sign: what is owed, whoever owes it. */
export function absolute(amount: string): string {
  return amount.trim().replace(/^-/, '');
}
