import { describe, expect, it } from 'vitest';
import { emptyLoss, lossPayload, validateLoss } from './loss';

describe('the loss dialog’s rules', () => {
  it('require a reason', () => {
    expect(validateLoss(emptyLoss())).toEqual({ reason: 'required' });
  });

  it('accept a reason from the dictionary without objections', () => {
    expect(validateLoss({ reason: 'expensive', objections: '', add_to_mailing: false })).toEqual({});
  });

  it('require the objections for «Другое», blanks not counting', () => {
    expect(validateLoss({ reason: 'other', objections: '   ', add_to_mailing: true })).toEqual({ objections: 'required' });
    expect(validateLoss({ reason: 'other', objections: 'Нашли дешевле у соседа', add_to_mailing: true })).toEqual({});
  });

  it('send trimmed objections, null when blank', () => {
    expect(lossPayload({ reason: 'expensive', objections: '  дорого  ', add_to_mailing: true })).toEqual({
      reason: 'expensive',
      objections: 'дорого',
      add_to_mailing: true,
    });
    expect(lossPayload({ reason: 'postponed', objections: ' ', add_to_mailing: false }).objections).toBeNull();
  });
});
