// Import direction: app → features → shared (and a feature never reaches into another).
// Stands in for an ESLint boundaries rule without adding ESLint to the install.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** `app`, `shared`, `api`, or `features/<name>`. */
function layer(file: string): string {
  const parts = relative(SRC, file).split(/[\\/]/);
  if (parts[0] === 'main.tsx') return 'app'; // the entry point belongs to the app layer
  return parts[0] === 'features' ? `features/${parts[1]}` : (parts[0] ?? '');
}

function violations(): string[] {
  const out: string[] = [];
  for (const file of files(SRC)) {
    if (file.endsWith('.test.ts') || file.endsWith('.test.tsx') || file.includes(`${join('src', 'test')}`)) continue;
    const from = layer(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
      const to = layer(resolve(dirname(file), spec!));
      const allowed =
        from === to ||
        to === 'shared' ||
        to === 'api' ||
        (from === 'app' && to.startsWith('features/'));
      if (!allowed) out.push(`${relative(SRC, file)} imports ${spec} (${from} → ${to})`);
    }
  }
  return out;
}

describe('architecture', () => {
  it('imports only downwards: app → features → shared', () => {
    expect(violations()).toEqual([]);
  });
});
