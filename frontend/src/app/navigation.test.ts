import { describe, expect, it } from 'vitest';
import type { Me, Permission } from '../shared/api/types';
import { navItems, shows } from './navigation';

const me = (role: Me['role'], permissions: Permission[]) => ({ role, permissions }) as Pick<Me, 'role' | 'permissions'>;
const sections = (who: Pick<Me, 'role' | 'permissions'>) => navItems.filter((i) => shows(i, who)).map((i) => i.to);

describe('navigation', () => {
  it('gives the head company «Производства» and a production its own profile instead', () => {
    expect(sections(me('logistician', ['productions.read', 'productions.manage']))).toEqual(['/productions']);
    expect(sections(me('manager', ['productions.read']))).toEqual(['/productions']);
    expect(sections(me('production', ['productions.read']))).toEqual(['/productions/mine']);
    expect(sections(me('warehouse', []))).toEqual([]);
  });
});
