import type { Widen } from '../../../shared/i18n/texts';
import type { identityRu } from './ru';
import { authEn } from './authEn';
import { requisitesEn } from './requisitesEn';

export const identityEn: Widen<typeof identityRu> = {
  auth: authEn,
  ...requisitesEn,
  app: {
    nav: {
      requisites: 'Organization details',
    },
  },
  orgKinds: {
    head: 'Head company',
    production: 'Production',
  },
  users: {
    title: 'Users',
    new: 'New user',
    newTitle: 'New user',
    search: 'Search users',
    fields: {
      full_name: 'Full name',
      email: 'E-mail',
      role: 'Role',
      organization: 'Organization',
      password: 'Password',
      status: 'Status',
    },
    active: 'Active',
    inactive: 'Deactivated',
    activate: 'Activate',
    deactivate: 'Deactivate',
    roleOf: 'Role of {{name}}',
    created: 'User created',
    updated: 'User updated',
    empty: 'No users found',
  },
  apiKeys: {
    title: 'API keys',
    new: 'New key',
    newTitle: 'New API key',
    fields: {
      name: 'Name',
      prefix: 'Prefix',
      role: 'Role',
      organization: 'Organization',
      created_at: 'Created',
      last_used_at: 'Last used',
      status: 'Status',
    },
    active: 'Active',
    revoked: 'Revoked {{date}}',
    revoke: 'Revoke',
    revokeLabel: 'Revoke key {{name}}',
    confirmRevoke: 'Revoke key “{{name}}”? Integrations using it will stop working.',
    revokedToast: 'Key revoked',
    secretTitle: 'Key created',
    secretWarning: 'Copy the secret now: it is shown once and cannot be retrieved later.',
    secretLabel: 'Key secret',
    never: 'never used',
    empty: 'No keys yet',
  },
  organizations: {
    title: 'Organizations',
    fields: {
      name: 'Name',
      kind: 'Kind',
      inn: 'INN',
      kpp: 'KPP',
      city: 'City',
      region: 'Region',
      address: 'Address',
    },
    empty: 'No organizations',
  },
};
