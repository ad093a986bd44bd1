// Sales seeding through the typed API client, and locators for the board and the cards.
import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { apiAs, baseUrl, signIn, uniquePhone } from './support';

type Api = Awaited<ReturnType<typeof apiAs>>;

function ok<T>(what: string, r: { data?: T; error?: unknown; response: Response }): T {
  if (r.data === undefined) throw new Error(`${what} → ${r.response.status} ${JSON.stringify(r.error)}`);
  return r.data;
}

/** The lead checklist of «Заявка принята в обработку» (seed 000), all of which the survey needs. */
export const LEAD_SURVEY_CHECKLIST = [
  'Получил первичные возражения',
  'Озвучил вилку цен',
  'Нейтрализовал возражения',
  'Выясняю детали для КП',
  'Предложил дизайн-макет',
];

export async function seedLead(api: Api, company: string) {
  return ok(
    'POST /leads',
    await api.client.POST('/api/v1/leads', {
      body: { channel: 'site', company_name: company, contact_name: 'Ирина Петрова', phone: uniquePhone() },
    }),
  );
}

/**
 * A lead worked through the survey and converted over the API: a deal in «Задача на подготовку
 * индивидуального КП получена» with its delivery-cost request open, and a counterparty its
 * client can sign with.
 */
export async function seedDeal(api: Api, company: string) {
  let lead = await seedLead(api, company);
  const patch = async (body: Record<string, unknown>) => {
    lead = ok(
      'PATCH /leads/{id}',
      await api.client.PATCH('/api/v1/leads/{id}', { params: { path: { id: lead.id } }, body: { version: lead.version, ...body } }),
    );
  };
  const move = async (to: string) => {
    lead = ok(
      `move lead to ${to}`,
      await api.client.POST('/api/v1/leads/{id}/move', { params: { path: { id: lead.id } }, body: { to, version: lead.version } }),
    );
  };
  await move('in_work');
  await patch({
    checklist: Object.fromEntries(
      ['got_objections', 'named_price_range', 'neutralised_objections', 'clarified_offer_details', 'offered_design'].map((c) => [c, true]),
    ),
    price_range: '1 500–2 500 ₽/м²',
    offer_details: '300 м², толщина 40 мм, терракотовая',
    agreed_individual_offer: true,
  });
  await move('surveyed');
  const { deal } = ok(
    'POST /leads/{id}/convert',
    await api.client.POST('/api/v1/leads/{id}/convert', {
      params: { path: { id: lead.id } },
      body: { version: lead.version, expected_revenue: '450000.00' },
    }),
  );
  const counterparty = ok(
    'POST /clients/{id}/counterparties',
    await api.client.POST('/api/v1/clients/{id}/counterparties', {
      params: { path: { id: deal.client_id! } },
      body: { kind: 'person', name: `Петрова Ирина (${company})` },
    }),
  );
  return { lead, deal, counterparty };
}

/**
 * logistician@demo.local, in a browser of their own, takes the deal's delivery-cost request from
 * «Расчёт доставки» and answers it (cost, carrier, delivery date).
 */
export async function answerDeliveryAsLogistician(browser: Browser, dealNumber: number) {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'ru-RU' });
  const page = await context.newPage();
  try {
    await signIn(page, 'logistician@demo.local');
    await page.getByRole('navigation').getByRole('link', { name: 'Расчёт доставки' }).click();
    const row = page.getByRole('row').filter({ hasText: `Сделка №${dealNumber}` });
    await row.getByRole('link', { name: /Открыть запрос №\d+/ }).click();
    await page.getByRole('button', { name: 'Взять в работу' }).click();
    const form = page.getByRole('form', { name: 'Ответ логиста' });
    await form.getByLabel('Стоимость доставки').fill('18500');
    await form.getByLabel('Перевозчик').fill('ПЭК');
    await form.getByLabel('Перевозчик').press('Escape');
    await form.getByLabel('Срок доставки').fill('01.06.2030');
    await form.getByLabel('Срок доставки').press('Escape');
    await form.getByRole('button', { name: 'Отправить ответ' }).click();
    await expect(page.getByText('Ответ отправлен менеджеру')).toBeVisible();
  } finally {
    await context.close();
  }
}

export async function registerPaymentAsAccountant(dealId: string, amount: string) {
  const accountant = await apiAs('accountant@demo.local');
  return ok(
    'POST /deals/{id}/payments',
    await accountant.client.POST('/api/v1/deals/{id}/payments', {
      params: { path: { id: dealId } },
      body: { amount, paid_on: new Date().toISOString().slice(0, 10), document: 'п/п 1042' },
    }),
  );
}

/** A board column by its stage name. */
export const column = (page: Page, stage: string): Locator => page.getByRole('region', { name: stage, exact: true });

/** A card on the board (in any column, or in the given one) by its title. */
export const boardCard = (scope: Page | Locator, title: string): Locator => {
  const page = 'page' in scope ? scope.page() : scope;
  return scope.getByRole('article').filter({ has: page.getByRole('link', { name: title }) });
};

/** Moves a card with its «Переместить» menu (the keyboard alternative to dragging). */
export async function moveWithMenu(page: Page, title: string, to: string) {
  // A name's own «…» turn into „…“ inside the label's quotes.
  await page.getByRole('button', { name: `Переместить «${title.replace(/«/g, '„').replace(/»/g, '“')}»` }).click();
  await page.getByRole('menuitem', { name: to, exact: true }).click();
}

/** The stage shown in a card's header. */
export const cardStage = (page: Page): Locator => page.getByRole('status', { name: 'Стадия' });

/** A refusal notification for a move to `stage`. */
export const refusal = (page: Page, stage: string): Locator =>
  page.getByRole('alert').filter({ hasText: `Нельзя перейти в «${stage}»` });

/** Presses a next-step button on a card and waits for the card to be there. */
export async function nextStep(page: Page, stage: string) {
  const button = page.getByRole('region', { name: 'Следующие шаги' }).getByRole('button', { name: stage, exact: true });
  await expect(button).toBeEnabled();
  await button.click();
  await expect(cardStage(page)).toHaveText(stage);
}

/** Ticks checklist items one by one (each tick is saved at once). */
export async function tick(page: Page, items: string[]) {
  const checklist = page.getByRole('region', { name: 'Чек-лист' });
  for (const item of items) {
    const box = checklist.getByRole('checkbox', { name: item });
    await expect(box).toBeEnabled();
    await box.check();
    await expect(box).toBeChecked();
  }
  await expect(checklist.getByRole('checkbox').first()).toBeEnabled();
}
