import { describe, expect, it } from 'vitest';
import { formInName, legalForm } from './legalForm';

describe('legal form of a counterparty', () => {
  it('is read from the name as written', () => {
    expect(formInName('ООО «Парк-Сервис»')).toBe('ООО');
    expect(formInName('АО "Мосводоканал"')).toBe('АО');
    expect(formInName('ПАО Сбербанк')).toBe('ПАО');
    expect(formInName('ИП Зуев П. А.')).toBe('ИП');
    expect(formInName('ГБУ «Жилищник района Арбат»')).toBe('ГБУ');
    expect(formInName('Аосвет')).toBeNull();
    expect(formInName('Иванов Иван')).toBeNull();
  });

  it('falls back on the kind: a sole trader is an ИП, a person has no form', () => {
    expect(legalForm({ name: 'Зуев Павел', kind: 'sole_trader' })).toBe('ИП');
    expect(legalForm({ name: 'Петров Пётр', kind: 'person' })).toBeNull();
    expect(legalForm({ name: 'Ромашка', kind: 'legal_entity' })).toBeNull();
    expect(legalForm({ name: 'ООО «Ромашка»', kind: 'legal_entity' })).toBe('ООО');
  });
});
