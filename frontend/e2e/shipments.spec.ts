// «Отгрузки» (issue 11): the warehouse, who reads no deals, records a shipment in the web app. A
// deal of its own, walked over the API to a signed 50/50 invoice (the demo's deals stay as they are
// for the other specs): while its advance is not in, the invoice waits only behind «Показать и
// неоплаченные»; once the accountant records the advance it is «Готово к отгрузке», the warehouse
// records the shipment of everything and it leaves the queue. Then the page on a desktop and at
// 390 px, checked by axe.
import { expect, test, type Page } from '@playwright/test';
import { ddmmyyyy, signedDealWithFiftyFifty, todayIso } from './finance-support';
import { apiAs, runTag, signIn } from './support';
import { expectNoSeriousViolations } from './axe';

/** The queue's list, read to the end (no skeleton, no page in flight). */
async function queueRead(page: Page) {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Счета к отгрузке' }).or(page.getByText('Отгружать нечего'))).toBeVisible();
}

test('the warehouse ships an invoice from «Отгрузки» once its advance is in, and it leaves the queue', async ({ page }) => {
  test.setTimeout(150_000);
  const company = `ООО «Склад ${runTag()}»`;
  const { deal, invoice } = await signedDealWithFiftyFifty(company);
  const accountant = await apiAs('accountant@demo.local');
  const money = await accountant.client.GET('/api/v1/deals/{id}/money', { params: { path: { id: deal.id } } });
  const [advance] = money.data!.invoices[0]!.parts;
  const lines = money.data!.invoices[0]!.lines;
  const title = `Счёт № ${invoice.number} от ${ddmmyyyy(invoice.date)}`;
  const card = page.getByRole('article', { name: title }).filter({ hasText: company });

  await signIn(page, 'warehouse@demo.local');
  await page.getByRole('link', { name: 'Отгрузки' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Отгрузки' })).toBeVisible();
  await queueRead(page);
  // Nothing paid yet: not in the queue of what may leave, only among the unpaid.
  await expect(card).toHaveCount(0);
  // Clicked, then waited for: the switch follows the address, which the router changes a moment later.
  const unpaid = page.getByRole('switch', { name: 'Показать и неоплаченные' });
  await unpaid.click();
  await expect(unpaid).toBeChecked();
  await expect(card).toBeVisible();
  await expect(card.getByText('Ждёт оплаты')).toBeVisible();
  await expect(card).toContainText(/До отгрузки не хватает \d/);
  await unpaid.click();
  await expect(unpaid).not.toBeChecked();
  await queueRead(page);
  await expect(card).toHaveCount(0);

  // The accountant records the advance.
  const paid = await accountant.client.POST('/api/v1/payments', {
    body: {
      direction: 'incoming',
      method: 'bank',
      number: '4410',
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

  await page.reload();
  await expect(card).toBeVisible();
  await expect(card.getByText('Готово к отгрузке')).toBeVisible();
  await expect(card).toContainText(`Сделка № ${deal.number}`);
  // The warehouse reads no deals: the deal is named, not linked.
  await expect(card.getByRole('link')).toHaveCount(0);
  for (const line of lines) await expect(card.getByRole('row').filter({ hasText: line.name })).toContainText('0 из ');
  await expect(page.getByText(/^Показано \d+(–\d+)? из \d+$/)).toBeVisible();

  await card.getByRole('button', { name: `Записать отгрузку по счёту № ${invoice.number}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Отгрузка' });
  await expect(dialog).toContainText(company);
  await expect(dialog).toContainText(`№ ${invoice.number} от ${ddmmyyyy(invoice.date)}`);
  // Everything still to ship, by default.
  for (const line of lines) await expect(dialog.getByRole('textbox', { name: line.name })).not.toHaveValue('');
  await dialog.getByRole('button', { name: 'Записать отгрузку' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(new RegExp(`^Отгрузка ${invoice.number}-\\d{4} записана$`))).toBeVisible();
  await expect(card).toHaveCount(0);

  // The deal knows it: everything shipped, and it moved on by itself.
  const after = await accountant.client.GET('/api/v1/deals/{id}/money', { params: { path: { id: deal.id } } });
  expect(after.data!.invoices[0]!.shipped).toBe('fully');
  expect(after.data!.shipments).toHaveLength(1);
});

for (const viewport of [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
]) {
  test(`«Отгрузки» (${viewport.name}): nothing wider than the screen, nothing axe finds serious`, async ({ page }) => {
    await signIn(page, 'warehouse@demo.local');
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.goto('/shipments?unpaid=1');
    await expect(page.getByRole('heading', { level: 1, name: 'Отгрузки' })).toBeVisible();
    await queueRead(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    await expectNoSeriousViolations(page, `«Отгрузки» (${viewport.name})`);

    // The shipment dialog (the whole screen on a phone); looked at, not submitted.
    const ship = page.getByRole('button', { name: /^Записать отгрузку по счёту/ }).first();
    if (await ship.isVisible()) {
      await ship.click();
      const dialog = page.getByRole('dialog', { name: 'Отгрузка' });
      await expect(dialog).toBeVisible();
      await page.waitForFunction(() => document.getAnimations().length === 0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await expectNoSeriousViolations(page, `the shipment dialog (${viewport.name})`);
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
    }
  });
}
