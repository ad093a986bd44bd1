import { describe, expect, it } from 'vitest';
import type { Me, Permission } from '../shared/api/types';
import { navItems, shows } from './navigation';

type Who = Pick<Me, 'role' | 'permissions' | 'organization'>;
const me = (role: Me['role'], permissions: Permission[], kind: Me['organization']['kind'] = 'head') =>
  ({ role, permissions, organization: { id: 'o', name: 'o', kind } }) as Who;
const sections = (who: Who) => navItems.filter((i) => shows(i, who)).map((i) => i.to);

describe('navigation', () => {
  it('gives the head company «Производства» and a production its own profile instead', () => {
    expect(sections(me('logistician', ['productions.read', 'productions.manage']))).toEqual(['/productions', '/production-orders', '/distribution']);
    expect(sections(me('manager', ['productions.read']))).toEqual(['/productions', '/production-orders', '/distribution']);
    expect(sections(me('production', ['productions.read'], 'production'))).toEqual(['/production-orders', '/productions/mine']);
    // Whatever role a production's organization gave its people.
    expect(sections(me('logistician', ['productions.read', 'productions.manage'], 'production'))).toEqual(['/production-orders', '/productions/mine']);
    expect(sections(me('warehouse', []))).toEqual([]);
  });

  it('gives production orders to whoever acts on them, quality control too, and to the productions’ readers', () => {
    expect(sections(me('quality', []))).toEqual(['/production-orders']);
    expect(sections(me('analyst', ['productions.read']))).toEqual(['/productions', '/production-orders']);
    const production = navItems.filter((i) => shows(i, me('production', ['productions.read'], 'production')));
    expect(production.map((i) => i.label)).toEqual(['app.nav.orders', 'app.nav.myProfile']);
    const head = navItems.filter((i) => shows(i, me('quality', [])));
    expect(head.map((i) => i.label)).toEqual(['app.nav.productionOrders']);
  });

  it('gives «Распределение» to the head company’s logisticians, managers and admins only, next to the orders', () => {
    for (const role of ['logistician', 'manager', 'admin'] as const) {
      const list = sections(me(role, ['productions.read']));
      expect(list, role).toContain('/distribution');
      expect(list.indexOf('/distribution'), role).toBe(list.indexOf('/production-orders') + 1);
    }
    // Reading the productions is not enough: the queue is the assigning roles'.
    expect(sections(me('analyst', ['productions.read']))).not.toContain('/distribution');
    expect(sections(me('quality', []))).not.toContain('/distribution');
    expect(sections(me('accountant', ['settlements.read']))).not.toContain('/distribution');
    // Nor a production's people, whatever their role.
    expect(sections(me('logistician', ['productions.read', 'productions.manage'], 'production'))).not.toContain('/distribution');
    expect(sections(me('production', ['productions.read'], 'production'))).not.toContain('/distribution');
  });

  it('gives «Взаиморасчёты» to whoever reads the settlements, on either side, and to nobody else', () => {
    // The accountant acts on production orders too.
    expect(sections(me('accountant', ['settlements.read', 'settlements.write']))).toEqual(['/production-orders', '/settlements']);
    expect(sections(me('production', ['productions.read', 'settlements.read'], 'production'))).toEqual(['/production-orders', '/productions/mine', '/settlements']);
    expect(sections(me('manager', ['productions.read']))).not.toContain('/settlements');
  });
});
