import { describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '../api/problem';
import { applyProblemToForm, hasPath, mapProblemToFields } from './problemFields';

const problem = new ApiProblem({
  status: 422,
  code: 'validation_failed',
  errors: [
    { field: 'counterparty.inn', code: 'invalid_checksum', message: 'Неверное контрольное число ИНН' },
    { field: 'email', code: 'invalid_format', message: 'Неверный формат e-mail' },
    { field: 'email', code: 'too_long', message: 'Слишком длинный e-mail' },
    { field: 'manager_id', code: 'invalid_value', message: 'Менеджер не найден' },
  ],
});

const values = { name: '', email: '', counterparty: { inn: '', kpp: '' }, contact: { phone: '' } };

describe('hasPath', () => {
  it('follows dotted paths into nested values', () => {
    expect(hasPath(values, 'counterparty.inn')).toBe(true);
    expect(hasPath(values, 'email')).toBe(true);
    expect(hasPath(values, 'counterparty.ogrn')).toBe(false);
    expect(hasPath(values, 'contact.phone.x')).toBe(false);
    expect(hasPath(values, 'manager_id')).toBe(false);
  });
});

describe('mapProblemToFields', () => {
  it('puts each error on the field it names and keeps the rest', () => {
    const { fields, rest } = mapProblemToFields(problem, { hasField: (p) => hasPath(values, p) });
    expect(fields).toEqual({
      'counterparty.inn': 'Неверное контрольное число ИНН',
      email: 'Неверный формат e-mail; Слишком длинный e-mail',
    });
    expect(rest.map((e) => e.field)).toEqual(['manager_id']);
  });

  it('renames API paths to form paths and uses the given message', () => {
    const { fields } = mapProblemToFields(problem, {
      hasField: () => true,
      rename: { 'counterparty.inn': 'inn' },
      message: (e) => e.code,
    });
    expect(fields.inn).toBe('invalid_checksum');
    expect(fields['counterparty.inn']).toBeUndefined();
  });
});

describe('applyProblemToForm', () => {
  it('sets errors on a Mantine-like form and returns what fits no field', () => {
    const form = { getValues: () => values, setErrors: vi.fn() };
    const rest = applyProblemToForm(form, problem);
    expect(form.setErrors).toHaveBeenCalledWith({
      'counterparty.inn': 'Неверное контрольное число ИНН',
      email: 'Неверный формат e-mail; Слишком длинный e-mail',
    });
    expect(rest).toHaveLength(1);
  });
});

describe('ApiProblem.fromResponse', () => {
  it('keeps status, code, field errors and Retry-After', () => {
    const response = new Response(null, { status: 429, headers: { 'Retry-After': '42' } });
    const p = ApiProblem.fromResponse(response, {
      type: 'https://tessera.local/problems/too_many_attempts',
      title: 'Слишком много попыток',
      status: 429,
      code: 'too_many_attempts',
      detail: 'Повторите позже',
    });
    expect(p).toBeInstanceOf(ApiProblem);
    expect(p.status).toBe(429);
    expect(p.code).toBe('too_many_attempts');
    expect(p.retryAfter).toBe(42);
    expect(p.errors).toEqual([]);
  });

  it('derives a code from the status when the body is not a problem', () => {
    const p = ApiProblem.fromResponse(new Response(null, { status: 404 }), 'Not Found');
    expect(p.code).toBe('not_found');
    expect(p.detail).toBe('Not Found');
  });
});
