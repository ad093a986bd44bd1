import type { Counterparty, Relationship } from '../api/clients';

export const RELATIONSHIPS: Relationship[] = ['prospect', 'client', 'partner'];
export const COUNTERPARTY_KINDS: Counterparty['kind'][] = ['legal_entity', 'sole_trader', 'person'];

export const relationshipColor: Record<Relationship, string> = {
  prospect: 'gray',
  client: 'teal',
  partner: 'grape',
};
