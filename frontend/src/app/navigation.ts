import type { Me, Permission, Role } from '../shared/api/types';
import { can, onProductionSide } from '../shared/api/me';

/** A section in the navigation: for whoever has its permission, narrowed by role where needed. */
export interface NavItem {
  to: string;
  label: string;
  permission: Permission;
  /** Only the head company's people (`head`) or only a production's (`production`) see it. */
  side?: 'head' | 'production';
  /** Roles that see it without the permission (those who act on production orders). */
  roles?: readonly Role[];
  /** Only these roles see it, whatever else grants the permission. */
  only?: readonly Role[];
}

/**
 * Who acts on production orders, and so reads them whatever their permissions (the API's
 * `order_actor`): quality control has no `productions.read` but passes or rejects the work.
 */
export const ORDER_ROLES = ['admin', 'manager', 'logistician', 'quality', 'accountant', 'production'] as const satisfies readonly Role[];

/** Who gives a deal's tiles to a production and so reads «Распределение» (the API's `assign`). */
export const DISTRIBUTION_ROLES = ['admin', 'manager', 'logistician'] as const satisfies readonly Role[];

export const navItems = [
  // A production's main page (first: `/` opens it); the head company's «Заказы производству» below.
  { to: '/production-orders', label: 'app.nav.orders', permission: 'productions.read', roles: ORDER_ROLES, side: 'production' },
  { to: '/tasks', label: 'app.nav.myDay', permission: 'tasks.use' },
  { to: '/leads', label: 'app.nav.leads', permission: 'leads.read' },
  { to: '/deals', label: 'app.nav.deals', permission: 'deals.read' },
  { to: '/queues/delivery_cost', label: 'app.nav.deliveryQueue', permission: 'requests.delivery' },
  { to: '/queues/design', label: 'app.nav.designQueue', permission: 'requests.design' },
  { to: '/clients', label: 'app.nav.clients', permission: 'clients.read' },
  { to: '/catalogue', label: 'app.nav.catalogue', permission: 'catalogue.read' },
  { to: '/payments', label: 'app.nav.payments', permission: 'payments.read' },
  { to: '/receivables', label: 'app.nav.receivables', permission: 'payments.read' },
  { to: '/shipments', label: 'app.nav.shipments', permission: 'shipments.record' },
  // The head company compares the productions; a production sees its own profile only.
  { to: '/productions', label: 'app.nav.productions', permission: 'productions.read', side: 'head' },
  { to: '/production-orders', label: 'app.nav.productionOrders', permission: 'productions.read', roles: ORDER_ROLES, side: 'head' },
  // The paid deals waiting for a production: the logistician's way to the distribution.
  { to: '/distribution', label: 'app.nav.distribution', permission: 'productions.read', only: DISTRIBUTION_ROLES, side: 'head' },
  { to: '/productions/mine', label: 'app.nav.myProfile', permission: 'productions.read', side: 'production' },
  // Both sides: the head company with every production, a production with the head company.
  { to: '/settlements', label: 'app.nav.settlements', permission: 'settlements.read' },
  { to: '/admin/pipelines', label: 'app.nav.pipelines', permission: 'pipelines.manage' },
  { to: '/admin/users', label: 'app.nav.users', permission: 'users.manage' },
  { to: '/admin/api-keys', label: 'app.nav.apiKeys', permission: 'api_keys.manage' },
  { to: '/admin/banks', label: 'app.nav.banks', permission: 'banks.import' },
  { to: '/admin/reminders', label: 'app.nav.reminders', permission: 'reminders.manage' },
  { to: '/organizations', label: 'app.nav.organizations', permission: 'organizations.read' },
  { to: '/admin/requisites', label: 'app.nav.requisites', permission: 'organizations.manage' },
] as const satisfies readonly NavItem[];

/** Whether `me` sees the section. */
export function shows(item: NavItem, me: Pick<Me, 'permissions' | 'role' | 'organization'> | undefined): boolean {
  if (!me || !(can(me, item.permission) || (item.roles?.includes(me.role) ?? false))) return false;
  if (item.only && !item.only.includes(me.role)) return false;
  if (item.side === undefined) return true;
  return onProductionSide(me) === (item.side === 'production');
}
