import { describe, expect, it } from 'vitest';
import type { ClientCard } from '../api/clients';
import { openFirst } from './SalesTab';

const card = (id: string, status: ClientCard['status']) => ({ id, status }) as ClientCard;

describe('openFirst', () => {
  it('puts open cards first, then won, then lost, keeping the newest-first order within each', () => {
    const cards = [card('lost-new', 'lost'), card('open-new', 'open'), card('won', 'won'), card('open-old', 'open'), card('lost-old', 'lost')];
    expect(openFirst(cards).map((c) => c.id)).toEqual(['open-new', 'open-old', 'won', 'lost-new', 'lost-old']);
  });
});
