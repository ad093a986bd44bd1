import { describe, expect, it } from 'vitest';
import type { Requisites } from '../api/requisites';
import { requisitesPayload, requisitesValues } from './requisites';

describe('requisitesValues', () => {
  it('is a blank form when nothing was entered yet', () => {
    const v = requisitesValues(null);
    expect(v.full_name).toBe('');
    expect(v.bank_account).toBe('');
  });

  it('shows the stored phone the Russian way', () => {
    const r = { full_name: 'ООО «Тессера»', short_name: 'Тессера', phone: '+74951234567' } as Requisites;
    expect(requisitesValues(r).phone).toBe('+7 (495) 123-45-67');
  });
});

describe('requisitesPayload', () => {
  it('sends every field, blanks as null, digits without spaces, and the version read', () => {
    const v = requisitesValues(null);
    Object.assign(v, {
      full_name: ' Общество с ограниченной ответственностью «Тессера» ',
      short_name: 'ООО «Тессера»',
      inn: '7707 083893',
      bik: '044525225',
      bank_account: '4070 2810 9000 0000 0001',
      director_acting: '  ',
    });
    const body = requisitesPayload(v, 3);
    expect(body.full_name).toBe('Общество с ограниченной ответственностью «Тессера»');
    expect(body.inn).toBe('7707083893');
    expect(body.bank_account).toBe('40702810900000000001');
    expect(body.director_acting).toBeNull();
    expect(body.kpp).toBeNull();
    expect(body.version).toBe(3);
    expect(Object.keys(body)).toHaveLength(19);
  });

  it('leaves the version out the first time, and a requisite with letters as typed for the server to refuse', () => {
    const v = { ...requisitesValues(null), full_name: 'A', short_name: 'B', inn: '77O7' };
    const body = requisitesPayload(v, null);
    expect('version' in body).toBe(false);
    expect(body.inn).toBe('77O7');
  });
});
