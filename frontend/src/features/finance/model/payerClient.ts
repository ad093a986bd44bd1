// «Создать клиента из реквизитов плательщика»: a payment from someone the system does not know
// becomes a client — the form prefilled from what the bank said of the payer (name, INN, account,
// BIK, KPP when the statement gave it), the one request it makes (the client with its counterparty
// and the payer's account on it, set on the payment at once), and what the similar-clients check is
// asked.
import type { Payment, PayerClientBody, SimilarQuery } from '../api/finance';

export type CounterpartyKind = 'legal_entity' | 'sole_trader' | 'person';
export const COUNTERPARTY_KINDS = ['legal_entity', 'sole_trader', 'person'] as const satisfies readonly CounterpartyKind[];

/**
 * The form's values; paths mirror the request body (`client.` dropped) so the server's field errors
 * land on their inputs: `client.counterparty.kpp` on `counterparty.kpp`, `account.bik` on `account.bik`.
 */
export interface PayerClientValues {
  /** The client's name in the CRM. */
  name: string;
  counterparty: {
    kind: CounterpartyKind;
    /** The legal name on documents. */
    name: string;
    inn: string;
    kpp: string;
  };
  /** Whether the payer's settlement account goes onto the counterparty too. */
  with_account: boolean;
  account: {
    account_number: string;
    bik: string;
    bank_name: string;
  };
}

type Payer = Pick<Payment, 'party_name' | 'party_inn' | 'party_kpp' | 'party_account' | 'party_bik' | 'party_bank'>;

const digits = (s: string | null | undefined) => (s ?? '').replace(/\D/g, '');

/**
 * The payer's name as a person would write it: banks put «ИНН 5001056781 ООО «ДачаСтрой»» or an
 * individual's address after «//» into the payer field.
 */
export function payerName(raw: string): string {
  return raw
    .replace(/^\s*ИНН\s*\d{10,12}\s+/i, '')
    .split('//')[0]!
    .replace(/\s+/g, ' ')
    .trim();
}

const SOLE_TRADER = /^(ИП|индивидуальный предприниматель)(\s|$)/i;
const LEGAL_FORM = /^(ООО|АО|ПАО|ЗАО|ОАО|НАО|ГУП|МУП|ФГУП|АНО|НКО|ТСЖ|ГБУ|МБУ|ГАУ|ФГБУ|Общество|Акционерное)[\s«"]/i;

/** A 10-digit INN is a company's; a 12-digit one an individual's — an ИП when named or banked as one. */
export function payerKind(name: string, inn: string, account: string): CounterpartyKind {
  if (inn.length === 10) return 'legal_entity';
  // 40802… is a sole trader's settlement account.
  if (SOLE_TRADER.test(name) || account.startsWith('40802')) return 'sole_trader';
  if (!inn && LEGAL_FORM.test(name)) return 'legal_entity';
  return 'person';
}

/** The KPP as sent: it may have letters (5 and 6 of 9), so only spaces go. */
const kppOf = (s: string | null | undefined) => (s ?? '').replace(/\s/g, '').toUpperCase();

/** The form as the payment fills it: the accountant checks it and adds what a statement lacks (often the KPP). */
export function payerClientDraft(p: Payer): PayerClientValues {
  const name = payerName(p.party_name);
  const inn = digits(p.party_inn);
  const account = digits(p.party_account);
  const bik = digits(p.party_bik);
  return {
    name,
    counterparty: { kind: payerKind(name, inn, account), name, inn, kpp: kppOf(p.party_kpp) },
    with_account: account.length === 20 && bik.length === 9,
    account: { account_number: account, bik, bank_name: (p.party_bank ?? '').trim() },
  };
}

/** What the form checks before sending (the server checks the digits' control sums). */
export function payerClientProblems(v: PayerClientValues): Partial<Record<'name' | 'counterparty.name' | 'counterparty.inn' | 'counterparty.kpp' | 'account.account_number' | 'account.bik', 'required'>> {
  const out: ReturnType<typeof payerClientProblems> = {};
  if (!v.name.trim()) out.name = 'required';
  if (!v.counterparty.name.trim()) out['counterparty.name'] = 'required';
  if (v.counterparty.kind !== 'person' && !digits(v.counterparty.inn)) out['counterparty.inn'] = 'required';
  if (v.counterparty.kind === 'legal_entity' && !digits(v.counterparty.kpp)) out['counterparty.kpp'] = 'required';
  if (v.with_account) {
    if (!digits(v.account.account_number)) out['account.account_number'] = 'required';
    if (!digits(v.account.bik)) out['account.bik'] = 'required';
  }
  return out;
}

/**
 * POST /api/v1/payments/{id}/payer-client: a paying client with the payer as its counterparty (a KPP
 * only for a company), the payer's account on it when asked for, and the payment's version as seen.
 */
export function payerClientRequest(v: PayerClientValues, version: number): PayerClientBody {
  const { kind } = v.counterparty;
  const inn = digits(v.counterparty.inn);
  const kpp = kppOf(v.counterparty.kpp);
  return {
    version,
    client: {
      name: v.name.trim(),
      person_kind: kind === 'person' ? 'person' : 'legal',
      relationship: 'client',
      counterparty: {
        kind,
        name: v.counterparty.name.trim(),
        inn: inn || undefined,
        kpp: kind === 'legal_entity' ? kpp || undefined : undefined,
      },
    },
    account: v.with_account
      ? {
          account_number: digits(v.account.account_number),
          bik: digits(v.account.bik),
          bank_name: v.account.bank_name.trim() || undefined,
        }
      : undefined,
  };
}

/** The inputs the form shows now: a company's KPP, the account's when it is kept. */
export function payerClientInputs(v: Pick<PayerClientValues, 'with_account'> & { counterparty: Pick<PayerClientValues['counterparty'], 'kind'> }): string[] {
  return [
    'name',
    'counterparty.name',
    'counterparty.inn',
    ...(v.counterparty.kind === 'legal_entity' ? ['counterparty.kpp'] : []),
    ...(v.with_account ? ['account.account_number', 'account.bik'] : []),
  ];
}

/**
 * The form's path for a field the server names: `client.counterparty.kpp` → `counterparty.kpp`,
 * `account.bik` as it is; null for what is the request's whole part (`client` already set,
 * `account` without a counterparty) or not the form's at all.
 */
export function payerClientFormPath(field: string): string | null {
  if (field.startsWith('client.')) return field.slice('client.'.length);
  if (field.startsWith('account.')) return field;
  return null;
}

/** What GET /clients/similar is asked: the INN when whole, the name when long enough to mean something. */
export function similarProbe(v: Pick<PayerClientValues, 'name'> & { counterparty: Pick<PayerClientValues['counterparty'], 'inn'> }): SimilarQuery {
  const probe: SimilarQuery = {};
  const inn = digits(v.counterparty.inn);
  if (inn.length === 10 || inn.length === 12) probe.inn = inn;
  const name = v.name.trim();
  if (name.length >= 3) probe.name = name;
  return probe;
}
