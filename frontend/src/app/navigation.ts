import type { Permission } from '../shared/api/types';

export const navItems = [
  { to: '/clients', label: 'app.nav.clients', permission: 'clients.read' },
  { to: '/admin/users', label: 'app.nav.users', permission: 'users.manage' },
  { to: '/admin/api-keys', label: 'app.nav.apiKeys', permission: 'api_keys.manage' },
  { to: '/admin/banks', label: 'app.nav.banks', permission: 'banks.import' },
  { to: '/organizations', label: 'app.nav.organizations', permission: 'organizations.read' },
] as const satisfies readonly { to: string; label: string; permission: Permission }[];
