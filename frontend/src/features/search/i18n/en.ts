import type { Widen } from '../../../shared/i18n/texts';
import type { searchRu } from './ru';

const search: Widen<typeof searchRu.search> = {
  open: 'Search everything',
  placeholder: 'Number, name, phone, e-mail, INN…',
  shortcut: 'Ctrl+K',
  hint: 'Type at least 3 characters or a number',
  nothing: 'Nothing found',
  results: 'Found',
  failed: 'Search failed',
  closed: 'closed',
  kinds: {
    clients: 'Clients',
    contacts: 'Contacts',
    leads: 'Leads',
    deals: 'Deals',
  },
};

export const searchEn = { search };
