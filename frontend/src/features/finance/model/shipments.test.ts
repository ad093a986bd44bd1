import { describe, expect, it } from 'vitest';
import { lineProgress, missingBeforeShipping, offsetOfPage, pageAfterShrink, queuePage } from './shipments';

describe('the shipping queue’s pages', () => {
  it('says which invoices a page shows', () => {
    expect(queuePage(0, 73, 50)).toEqual({ page: 1, pages: 2, from: 1, to: 50 });
    expect(queuePage(50, 73, 23)).toEqual({ page: 2, pages: 2, from: 51, to: 73 });
    expect(queuePage(0, 1, 1)).toEqual({ page: 1, pages: 1, from: 1, to: 1 });
  });

  it('shows nothing of an empty queue, on one page', () => {
    expect(queuePage(0, 0, 0)).toEqual({ page: 1, pages: 1, from: 0, to: 0 });
    // The open page emptied under it: nothing shown, the page clamped to the last there is.
    expect(queuePage(50, 50, 0)).toEqual({ page: 1, pages: 1, from: 0, to: 0 });
  });

  it('never shows past the total, even when the server sent more than it counted', () => {
    expect(queuePage(0, 3, 5).to).toBe(3);
  });

  it('turns a page number into an offset, nonsense into the first page', () => {
    expect(offsetOfPage(1)).toBe(0);
    expect(offsetOfPage(3)).toBe(100);
    expect(offsetOfPage(0)).toBe(0);
    expect(offsetOfPage(-2)).toBe(0);
    expect(offsetOfPage(Number.NaN)).toBe(0);
    expect(offsetOfPage(2, 10)).toBe(10);
  });

  it('goes back to the last page when the open one emptied', () => {
    expect(pageAfterShrink(2, 50)).toBe(1);
    expect(pageAfterShrink(3, 0)).toBe(1);
    expect(pageAfterShrink(2, 51)).toBeNull();
    expect(pageAfterShrink(1, 0)).toBeNull();
  });
});

describe('an invoice in the queue', () => {
  it('waits for what the schedule wants before shipping, in kopecks', () => {
    expect(missingBeforeShipping({ paid: '0.00', required_now: '844566.00' })).toBe('844566.00');
    expect(missingBeforeShipping({ paid: '0.10', required_now: '0.30' })).toBe('0.20');
  });

  it('waits for nothing when the payment is in or on deferral', () => {
    expect(missingBeforeShipping({ paid: '156918.00', required_now: '156918.00' })).toBe('0.00');
    expect(missingBeforeShipping({ paid: '200000.00', required_now: '156918.00' })).toBe('0.00');
    expect(missingBeforeShipping({ paid: '0.00', required_now: '0.00' })).toBe('0.00');
  });

  it('knows how far each line has gone', () => {
    expect(lineProgress({ quantity: '134', shipped: '0' })).toBe('nothing');
    expect(lineProgress({ quantity: '134', shipped: '40.5' })).toBe('partly');
    expect(lineProgress({ quantity: '134', shipped: '134.000' })).toBe('fully');
  });
});
