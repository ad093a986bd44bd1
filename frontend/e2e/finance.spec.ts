// Issue 11 «Money in», «Done when», in the browser — nobody drags the deal: a deal with a signed
// contract and a 50/50 invoice; the accountant uploads a bank statement that pays the advance —
// the deal is «Оплата получена» and its «Деньги» tab shows the first part paid; the accountant
// records the shipment of everything from that tab (the logistician and the warehouse may record it
// over the API, but have no deal card in the web app yet) — «Оплата отсрочки»; a second statement pays
// the rest — «Спросить о результатах»; the manager ticks the review item and closes the deal as
// «Успешно реализовано» (the one move a person makes). Then the tab at 390 px, checked by axe.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ddmmyyyy, signedDealWithFiftyFifty, statementFile, statementSides, todayIso, type Order } from './finance-support';
import { cardStage, nextStep, tick } from './sales-support';
import { apiAs, baseUrl, runTag, signIn } from './support';

/** The deal's «Деньги» tab, opened from the card. */
async function moneyTab(page: Page, dealId: string) {
  await page.goto(`/deals/${dealId}`);
  const tab = page.getByRole('tab', { name: 'Деньги' });
  await expect(tab, `${await page.getByTestId('current-user').textContent()} opens the deal card and its «Деньги» tab`).toBeVisible();
  await tab.click();
  await expect(page.getByRole('tab', { name: 'Деньги' })).toHaveAttribute('aria-selected', 'true');
}

/** The tab's line that sums the money up (an alert titled with the state). */
const moneyState = (page: Page, state: string) => page.getByRole('status', { name: state, exact: true });

/** The accountant's «Загрузка выписки»: the file chosen, its preview read, then imported. */
async function importStatement(page: Page, name: string, bytes: Buffer) {
  await page.goto('/payments/import');
  await expect(page.getByRole('heading', { name: 'Загрузка выписки' })).toBeVisible();
  const chooser = page.waitForEvent('filechooser');
  await page.getByLabel('Файл выписки').click();
  await (await chooser).setFiles({ name, mimeType: 'text/plain', buffer: bytes });
  await expect(page.getByRole('heading', { name: 'Что будет загружено' })).toBeVisible();
  await expect(page.getByText('Разнесётся автоматически: 1')).toBeVisible();
  await page.getByRole('button', { name: 'Загрузить', exact: true }).click();
  const done = page.getByRole('status').filter({ hasText: 'Выписка загружена' });
  await expect(done).toBeVisible();
  await expect(done).toContainText('разнесено автоматически: 1');
}

/** Someone else, in a browser of their own. */
async function as(browser: Browser, email: string, act: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'ru-RU' });
  const page = await context.newPage();
  try {
    await signIn(page, email);
    await act(page);
  } finally {
    await context.close();
  }
}

/** Axe on the money tab's own part of the page (the card around it is the sales spec's to check). */
async function expectNoSeriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page })
    .include('[role="tabpanel"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n')}`);
  expect(report, `${what}: serious or critical accessibility violations`).toEqual([]);
}

test('money in: statements pay a 50/50 invoice, the shipment is recorded, the deal comes to its review by itself', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const company = `ООО «Оплата ${runTag()}»`;
  const { deal, counterparty, invoice } = await signedDealWithFiftyFifty(company);
  const accountant = await apiAs('accountant@demo.local');
  const money = await accountant.client.GET('/api/v1/deals/{id}/money', { params: { path: { id: deal.id } } });
  const parts = money.data!.invoices[0]!.parts;
  expect(parts).toHaveLength(2);
  const [first, second] = [parts[0]!.amount, parts[1]!.amount];
  const sides = await statementSides(deal.organization_id, deal.client_id!, counterparty.id);
  const today = todayIso();
  const purpose = `Оплата по счету № ${invoice.number} от ${ddmmyyyy(invoice.date)}`;
  const advance: Order = { number: '512', date: today, amount: first, purpose: `${purpose}, аванс 50%, в т.ч. НДС 22%` };
  const rest: Order = { number: '640', date: today, amount: second, purpose: `${purpose}, окончательный расчёт, в т.ч. НДС 22%` };

  // The accountant uploads the statement with the advance: the payment finds its invoice by the
  // number in the purpose and the payer's INN, and the deal moves by itself.
  await signIn(page, 'accountant@demo.local');
  await importStatement(page, 'выписка-аванс.txt', statementFile(sides, [advance]));
  await moneyTab(page, deal.id);
  await expect(cardStage(page)).toHaveText('Оплата получена');
  await expect(moneyState(page, 'Оплата получена')).toBeVisible();
  const invoiceCard = page.getByRole('region', { name: `Счёт № ${invoice.number} от ${ddmmyyyy(invoice.date)}` });
  await expect(invoiceCard.getByRole('row', { name: 'Часть 1' })).toContainText('Оплачено');
  await expect(invoiceCard.getByRole('row', { name: 'Часть 2' })).toContainText('Ожидает оплаты');
  await expect(page.getByRole('region', { name: 'Оплаты по счетам сделки' })).toContainText('512');

  // The deal's money tab records the shipment of everything.
  await as(browser, 'accountant@demo.local', async (p) => {
    await moneyTab(p, deal.id);
    await p.getByRole('toolbar', { name: 'Действия с деньгами сделки' }).getByRole('button', { name: 'Отгрузка' }).click();
    const dialog = p.getByRole('dialog', { name: 'Отгрузка' });
    await expect(dialog.getByRole('textbox', { name: 'Номер УПД' })).toHaveValue('');
    // Everything still to ship, by default.
    for (const line of money.data!.invoices[0]!.lines) await expect(dialog.getByRole('textbox', { name: line.name })).not.toHaveValue('');
    await dialog.getByRole('button', { name: 'Записать отгрузку' }).click();
    await expect(dialog).toBeHidden();
    await expect(moneyState(p, 'Отгружено, ждём оплату (отсрочка)')).toBeVisible();
    await expect(p.getByRole('region', { name: 'Отгрузки' }).getByRole('row')).toHaveCount(2); // the header and the shipment
  });
  await page.reload();
  await expect(cardStage(page)).toHaveText('Оплата отсрочки');
  await expect(moneyState(page, 'Отгружено, ждём оплату (отсрочка)')).toBeVisible();
  await expect(invoiceCard.getByText('Отгружен полностью')).toBeVisible();

  // The rest in a second statement (it repeats the advance, as overlapping periods do): the deal
  // asks for the review. The open card follows by itself, from the live stream.
  await as(browser, 'accountant@demo.local', async (p) => {
    await importStatement(p, 'выписка-остаток.txt', statementFile(sides, [advance, rest]));
  });
  await expect(cardStage(page)).toHaveText('Спросить о результатах');
  await expect(moneyState(page, 'Всё отгружено и оплачено')).toBeVisible();
  await expect(invoiceCard.getByRole('row', { name: 'Часть 2' })).toContainText('Оплачено');

  // The manager ticks the review item and closes the deal: that one is a person's move.
  await as(browser, 'manager@demo.local', async (p) => {
    await p.goto(`/deals/${deal.id}`);
    await expect(cardStage(p)).toHaveText('Спросить о результатах');
    await tick(p, ['Запросил отзыв']);
    await nextStep(p, 'Успешно реализовано');
  });

  // The tab at 390 px: nothing wider than the screen, nothing axe finds serious.
  await page.setViewportSize({ width: 390, height: 844 });
  await moneyTab(page, deal.id);
  await expect(cardStage(page)).toHaveText('Успешно реализовано');
  await expect(moneyState(page, 'Всё отгружено и оплачено')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoSeriousViolations(page, 'the money tab at 390 px');
});
