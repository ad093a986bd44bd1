import { describe, expect, it } from 'vitest';
import { payerClientDraft, payerClientFormPath, payerClientInputs, payerClientProblems, payerClientRequest, payerKind, payerName, similarProbe } from './payerClient';

const company = {
  party_name: 'ИНН 5001056781 ООО «ДачаСтрой»',
  party_inn: '5001056781',
  party_kpp: null,
  party_account: '40702810440000002005',
  party_bik: '044525225',
  party_bank: 'ПАО СБЕРБАНК',
};

describe('a client from the payer of a payment', () => {
  it('reads the payer’s name without the INN or address a bank puts in', () => {
    expect(payerName('ИНН 5001056781 ООО «ДачаСтрой»')).toBe('ООО «ДачаСтрой»');
    expect(payerName('Иванов Иван Иванович//г. Москва, ул. Ленина, 1//')).toBe('Иванов Иван Иванович');
    expect(payerName('  АО  «Парки Москвы» ')).toBe('АО «Парки Москвы»');
  });

  it('tells a company, a sole trader and a person by the INN, the name and the account', () => {
    expect(payerKind('ООО «ДачаСтрой»', '5001056781', '')).toBe('legal_entity');
    expect(payerKind('ИП Соколов Андрей Викторович', '500100732259', '40702810040000002901')).toBe('sole_trader');
    expect(payerKind('Соколов Андрей Викторович', '500100732259', '40802810040000002901')).toBe('sole_trader');
    expect(payerKind('Соколов Андрей Викторович', '500100732259', '40817810040000002901')).toBe('person');
    expect(payerKind('ООО «Без ИНН»', '', '')).toBe('legal_entity');
    expect(payerKind('Петров П. П.', '', '')).toBe('person');
  });

  it('prefills the form from the payment, the account included when it is whole', () => {
    expect(payerClientDraft(company)).toEqual({
      name: 'ООО «ДачаСтрой»',
      counterparty: { kind: 'legal_entity', name: 'ООО «ДачаСтрой»', inn: '5001056781', kpp: '' },
      with_account: true,
      account: { account_number: '40702810440000002005', bik: '044525225', bank_name: 'ПАО СБЕРБАНК' },
    });
    const cash = payerClientDraft({ party_name: 'Петров П. П.', party_inn: null, party_kpp: null, party_account: null, party_bik: null, party_bank: null });
    expect(cash.counterparty).toEqual({ kind: 'person', name: 'Петров П. П.', inn: '', kpp: '' });
    expect(cash.with_account).toBe(false);
  });

  it('takes the KPP the statement gave for the payer', () => {
    expect(payerClientDraft({ ...company, party_kpp: ' 5001ab001 ' }).counterparty.kpp).toBe('5001AB001');
    expect(payerClientProblems(payerClientDraft({ ...company, party_kpp: '500101001' }))).toEqual({});
  });

  it('asks for what the API requires of each kind: a company’s KPP, a sole trader’s INN', () => {
    const draft = payerClientDraft(company);
    expect(payerClientProblems(draft)).toEqual({ 'counterparty.kpp': 'required' });
    expect(payerClientProblems({ ...draft, counterparty: { ...draft.counterparty, kpp: '500101001' } })).toEqual({});
    expect(payerClientProblems({ ...draft, name: ' ', counterparty: { ...draft.counterparty, kind: 'sole_trader', inn: '' } })).toEqual({
      name: 'required',
      'counterparty.inn': 'required',
    });
    expect(payerClientProblems({ ...draft, counterparty: { ...draft.counterparty, kind: 'person', inn: '' }, account: { ...draft.account, bik: '' } })).toEqual({
      'account.bik': 'required',
    });
    expect(payerClientProblems({ ...draft, counterparty: { ...draft.counterparty, kind: 'person' }, with_account: false, account: { account_number: '', bik: '', bank_name: '' } })).toEqual({});
  });

  it('sends a paying client with its counterparty, a KPP only for a company, and the payment’s version', () => {
    const draft = payerClientDraft(company);
    expect(payerClientRequest({ ...draft, name: ' ДачаСтрой ', counterparty: { ...draft.counterparty, kpp: ' 5001ab001 ' } }, 3)).toEqual({
      version: 3,
      client: {
        name: 'ДачаСтрой',
        person_kind: 'legal',
        relationship: 'client',
        counterparty: { kind: 'legal_entity', name: 'ООО «ДачаСтрой»', inn: '5001056781', kpp: '5001AB001' },
      },
      account: { account_number: '40702810440000002005', bik: '044525225', bank_name: 'ПАО СБЕРБАНК' },
    });
    const trader = payerClientDraft({ ...company, party_name: 'ИП Соколов Андрей Викторович', party_inn: '5001 0073 2259' });
    expect(payerClientRequest({ ...trader, counterparty: { ...trader.counterparty, kpp: '123' } }, 1).client).toEqual({
      name: 'ИП Соколов Андрей Викторович',
      person_kind: 'legal',
      relationship: 'client',
      counterparty: { kind: 'sole_trader', name: 'ИП Соколов Андрей Викторович', inn: '500100732259', kpp: undefined },
    });
    const person = payerClientDraft({ party_name: 'Петров П. П.', party_inn: null, party_kpp: null, party_account: null, party_bik: null, party_bank: null });
    expect(payerClientRequest(person, 1)).toMatchObject({ client: { person_kind: 'person', counterparty: { kind: 'person', inn: undefined, kpp: undefined } }, account: undefined });
  });

  it('sends the payer’s account as digits, and none when it is not kept', () => {
    const draft = payerClientDraft(company);
    expect(payerClientRequest({ ...draft, account: { account_number: '40702 810 440000002005', bik: '04 45 25 225', bank_name: ' ' } }, 1).account).toEqual({
      account_number: '40702810440000002005',
      bik: '044525225',
      bank_name: undefined,
    });
    expect(payerClientRequest({ ...draft, with_account: false }, 1).account).toBeUndefined();
  });

  it('puts the server’s field errors on the form’s inputs', () => {
    expect(payerClientFormPath('client.counterparty.kpp')).toBe('counterparty.kpp');
    expect(payerClientFormPath('client.name')).toBe('name');
    expect(payerClientFormPath('account.bik')).toBe('account.bik');
    expect(payerClientFormPath('client')).toBeNull();
    expect(payerClientFormPath('account')).toBeNull();
    expect(payerClientFormPath('version')).toBeNull();
    const draft = payerClientDraft(company);
    expect(payerClientInputs(draft)).toEqual(['name', 'counterparty.name', 'counterparty.inn', 'counterparty.kpp', 'account.account_number', 'account.bik']);
    expect(payerClientInputs({ counterparty: { kind: 'sole_trader' }, with_account: false })).toEqual(['name', 'counterparty.name', 'counterparty.inn']);
  });

  it('looks for similar clients by a whole INN and a name of three letters or more', () => {
    expect(similarProbe({ name: 'ООО «ДачаСтрой»', counterparty: { inn: '5001056781' } })).toEqual({ name: 'ООО «ДачаСтрой»', inn: '5001056781' });
    expect(similarProbe({ name: 'ИП', counterparty: { inn: '50010' } })).toEqual({});
  });
});
