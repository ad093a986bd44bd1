import { describe, expect, it } from 'vitest';
import type { Me, Permission } from '../shared/api/types';
import { navItems, shows } from './navigation';

type Who = Pick<Me, 'role' | 'permissions' | 'organization'>;
const me = (role: Me['role'], permissions: Permission[], kind: Me['organization']['kind'] = 'head') =>
  ({ role, permissions, organization: { id: 'o', name: 'o', kind } }) as Who;
const sections = (who: Who) => navItems.filter((i) => shows(i, who)).map((i) => i.to);

describe('navigation', () => {
  it('gives the head company «Производства» and a production its own profile instead', () => {
    expect(sections(me('logistician', ['productions.read', 'productions.manage']))).toEqual(['/productions']);
    expect(sections(me('manager', ['productions.read']))).toEqual(['/productions']);
    expect(sections(me('production', ['productions.read'], 'production'))).toEqual(['/productions/mine']);
    // Whatever role a production's organization gave its people.
    expect(sections(me('logistician', ['productions.read', 'productions.manage'], 'production'))).toEqual(['/productions/mine']);
    expect(sections(me('warehouse', []))).toEqual([]);
  });
});
