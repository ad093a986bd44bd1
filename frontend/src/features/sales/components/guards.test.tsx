import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../../app/i18n';
import { leadDefinition } from '../model/fixtures';
import { guardText } from './guards';

const ctx = { def: leadDefinition, kind: 'lead' as const };

describe('guardText', () => {
  afterEach(() => void i18n.changeLanguage('ru'));

  it('shows the server’s Russian message as it is', () => {
    const p = { field: 'checklist.named_price_range', code: 'checklist_item_required', message: 'Отметьте пункт чек-листа «Озвучил вилку цен»' };
    expect(guardText(p, { ...ctx, lang: 'ru' })).toBe('Отметьте пункт чек-листа «Озвучил вилку цен»');
  });

  it('builds English texts from the code and the definition', async () => {
    await i18n.changeLanguage('en');
    expect(guardText({ field: 'checklist.named_price_range', code: 'checklist_item_required', message: 'x' }, ctx)).toBe(
      'Tick the checklist item “Named the price range”',
    );
    expect(guardText({ field: 'offer_details', code: 'field_required', message: 'x' }, ctx)).toBe('Fill in “Details for the offer”');
    expect(guardText({ field: 'agreed_individual_offer', code: 'one_of_required', message: 'x' }, ctx)).toBe(
      'Fill in at least one: “Client agreed to an individual offer” or “Client agreed to a design mock-up”',
    );
    expect(guardText({ field: 'requests.delivery_cost', code: 'request_not_completed', message: 'x' }, { ...ctx, kind: 'deal' })).toBe(
      'The “Delivery estimate” request is not done yet — wait for the answer',
    );
    expect(guardText({ field: 'stage', code: 'fact_required', message: 'x' }, { ...ctx, to: 'converted' })).toContain('“converted”');
    expect(guardText({ field: 'loss.reason', code: 'required', message: 'x' }, ctx)).toBe('Choose the loss reason');
  });
});
