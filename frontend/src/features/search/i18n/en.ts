import type { Widen } from '../../../shared/i18n/texts';
import type { searchRu } from './ru';

const search: Widen<typeof searchRu.search> = {
  open: 'Search everything',
  placeholder: 'Number, name, phone, e-mail, INN…',
  shortcut: 'Ctrl+K',
  hint: 'Type at least 2 characters or a deal number',
  nothing: 'Nothing found',
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
