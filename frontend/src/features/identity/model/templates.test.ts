import { describe, expect, it } from 'vitest';
import { insertAt, unknownPlaceholders } from './templates';

describe('insertAt', () => {
  it('puts the placeholder at the cursor, or in place of the selection', () => {
    expect(insertAt('Здравствуйте, !', 14, 14, '{{contact_name}}')).toEqual({
      text: 'Здравствуйте, {{contact_name}}!',
      cursor: 30,
    });
    expect(insertAt('КП для X', 7, 8, '{{client}}').text).toBe('КП для {{client}}');
  });

  it('appends when the cursor is past the end', () => {
    expect(insertAt('Счёт', 99, 99, ' {{number}}').text).toBe('Счёт {{number}}');
  });
});

describe('unknownPlaceholders', () => {
  it('lists the placeholders the server does not know, once each', () => {
    const known = ['{{client}}', '{{number}}'];
    expect(unknownPlaceholders('{{client}} {{ number }} {{clent}} {{clent}}', known)).toEqual(['{{clent}}']);
  });
});
