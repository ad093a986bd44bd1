import { describe, expect, it } from 'vitest';
import { en, ru } from './texts';

type Tree = { [key: string]: string | Tree };

function leafKeys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : leafKeys(v, `${prefix}${k}.`),
  );
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
}

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

describe('translations', () => {
  const ruKeys = leafKeys(ru as Tree);
  const enKeys = leafKeys(en as Tree);

  it('have the same keys in Russian and English', () => {
    expect(enKeys.filter((k) => !ruKeys.includes(k))).toEqual([]);
    expect(ruKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const mismatched = ruKeys.filter(
      (k) => placeholders(lookup(ru as Tree, k) ?? '').join() !== placeholders(lookup(en as Tree, k) ?? '').join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('have no empty texts', () => {
    expect(ruKeys.filter((k) => !lookup(ru as Tree, k)?.trim())).toEqual([]);
    expect(enKeys.filter((k) => !lookup(en as Tree, k)?.trim())).toEqual([]);
  });

  it('name every role in Russian as the business does', () => {
    expect(ru.roles.manager).toBe('Менеджер по продажам');
    expect(ru.roles.quality).toBe('Контроль качества');
  });
});
