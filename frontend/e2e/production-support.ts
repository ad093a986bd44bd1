// The production orders' specs share this: a paid deal's tiles given to a production over the API
// (production-orders.spec.ts, production-board.spec.ts).
import { expect } from '@playwright/test';
import { ddmmyyyy, signedDealWithFiftyFifty, todayIso } from './finance-support';
import { apiAs } from './support';

export const EKB = 'Производство Екатеринбург';

/** `YYYY-MM-DD`, `days` from today here. */
export function inDays(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * A paid deal's tiles given to Екатеринбург by the logistician: a deal signed with a 50/50
 * invoice, its advance recorded by the accountant, then POST /deals/{id}/production-orders —
 * 120,5 м² of Плитка 20 мм, the production's own price, paid after shipment (so nothing has to be
 * paid to the production before it starts). The delivery address carries `tag`: the order's own.
 */
export async function assignedOrder(tag: string) {
  const company = `ООО «Площадка ${tag}»`;
  const { deal, invoice } = await signedDealWithFiftyFifty(company);
  const accountant = await apiAs('accountant@demo.local');
  const money = await accountant.client.GET('/api/v1/deals/{id}/money', { params: { path: { id: deal.id } } });
  const [advance] = money.data!.invoices[0]!.parts;
  const paid = await accountant.client.POST('/api/v1/payments', {
    body: {
      direction: 'incoming',
      method: 'bank',
      number: '5120',
      paid_on: todayIso(),
      amount: advance!.amount,
      organization_id: deal.organization_id,
      client_id: deal.client_id,
      party_name: company,
      purpose: `Оплата по счету № ${invoice.number} от ${ddmmyyyy(invoice.date)}, аванс 50%`,
      allocations: [{ invoice_id: invoice.id, amount: advance!.amount }],
    },
  });
  expect(paid.data, JSON.stringify(paid.error)).toBeTruthy();

  const logistician = await apiAs('logistician@demo.local');
  const productions = await logistician.client.GET('/api/v1/productions');
  const ekb = productions.data!.items.find((p) => p.name === EKB)!.id;
  const due = inDays(30);
  const address = `г. Москва, ул. Лесная, д. 5, площадка ${tag}`;
  const assigned = await logistician.client.POST('/api/v1/deals/{id}/production-orders', {
    params: { path: { id: deal.id } },
    body: {
      production_id: ekb,
      terms: 'after_shipment',
      tile_type: 'Плитка',
      thickness_mm: '20',
      quantity: '120.5',
      due_date: due,
      delivery_address: address,
      delivery_contact: 'Прораб Петров, +7 916 000-00-00',
    },
  });
  expect(assigned.response.status, JSON.stringify(assigned.error)).toBe(201);
  return { order: assigned.data!, address, due };
}
