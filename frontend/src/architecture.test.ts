// Import direction: app → features → shared (and a feature never reaches into another), and the
// features are named by the business areas the backend uses too.
// Stands in for an ESLint boundaries rule without adding ESLint to the install.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname);

/** The business areas, as the backend names its modules (issue 7). */
const AREAS = ['clients', 'documents', 'finance', 'identity', 'notifications', 'pipelines', 'production', 'sales', 'search', 'work'];
/** Parts of an area with a folder of their own, as the backend's submodules
 * (`domain::documents::catalogue`); each holds what a feature holds. */
const SUB_AREAS: Record<string, string[]> = { documents: ['catalogue'], finance: ['deal'], production: ['settlements'] };
/** What a feature folder may hold. */
const FEATURE_PARTS = ['api', 'components', 'i18n', 'model'];

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
    // `… from './x'`, `import './x'` and `import('./x')`.
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)) {
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

  it('names the features by the business areas', () => {
    expect(readdirSync(join(SRC, 'features')).sort()).toEqual(AREAS);
  });

  it('keeps a feature (and each part of an area) in api, components, i18n and model', () => {
    const strays = (folder: string, allowed: string[]) =>
      readdirSync(join(SRC, folder))
        .filter((name) => !allowed.includes(name))
        .map((name) => `${folder}/${name}`);
    const all = AREAS.flatMap((area) => {
      const subs = SUB_AREAS[area] ?? [];
      return [
        ...strays(`features/${area}`, [...FEATURE_PARTS, ...subs]),
        ...subs.flatMap((sub) => strays(`features/${area}/${sub}`, FEATURE_PARTS)),
      ];
    });
    expect(all).toEqual([]);
  });
});
