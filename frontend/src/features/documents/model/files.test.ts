import { describe, expect, it } from 'vitest';
import { pdfFileName } from './files';

describe('a document’s PDF file name, as the server gives it', () => {
  it('names the kind, the number and the date; an offer’s later version too', () => {
    expect(pdfFileName({ kind: 'invoice', number: '17', date: '2026-11-30', version_no: 1 })).toBe('Счёт на оплату № 17 от 30.11.2026.pdf');
    expect(pdfFileName({ kind: 'contract', number: '17/26', date: '2026-11-30', version_no: 1 })).toBe('Договор № 17-26 от 30.11.2026.pdf');
    expect(pdfFileName({ kind: 'offer', number: 'КП-3', date: '2026-12-01', version_no: 2 })).toBe(
      'Коммерческое предложение № КП-3 от 01.12.2026 (ред. 2).pdf',
    );
  });
});
