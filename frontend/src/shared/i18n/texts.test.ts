import { describe, expect, it } from 'vitest';
import { mergeTexts } from './texts';

describe('mergeTexts', () => {
  it('merges groups spread over several trees', () => {
    const merged = mergeTexts({ auth: { tooManyAttempts: 'a' }, common: { save: 's' } }, { auth: { title: 't' } });
    expect(merged).toEqual({ auth: { tooManyAttempts: 'a', title: 't' }, common: { save: 's' } });
  });

  it('leaves its parts as they were', () => {
    const shared = { auth: { tooManyAttempts: 'a' } };
    mergeTexts(shared, { auth: { title: 't' } });
    expect(shared).toEqual({ auth: { tooManyAttempts: 'a' } });
  });

  it('refuses a text defined twice', () => {
    expect(() => mergeTexts({ auth: { title: 'a' } }, { auth: { title: 'b' } })).toThrow('auth.title');
    expect(() => mergeTexts({ auth: 'a' }, { auth: { title: 'b' } })).toThrow('auth');
  });
});

describe('quotes within quotes', () => {
  it('become „…“ inside «…», whatever a name brings', async () => {
    const { nestQuotes } = await import('./index');
    expect(nestQuotes('Клиент «ООО «Ромашка»» создан')).toBe('Клиент «ООО „Ромашка“» создан');
    expect(nestQuotes('«a «b «c»» d»')).toBe('«a „b „c““ d»');
    expect(nestQuotes('«Отказ» и «Успех»')).toBe('«Отказ» и «Успех»');
    expect(nestQuotes('без кавычек')).toBe('без кавычек');
  });
});
