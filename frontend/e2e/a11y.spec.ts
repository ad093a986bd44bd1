// Accessibility of the main pages: axe-core finds no violation of impact «serious» or «critical»
// on the login page, «Мой день», the deal board, a deal card, the clients list, a client card and
// the delivery-cost requests queue — at the desktop width and on a phone.
import { expect, test, type Page } from '@playwright/test';
import { apiAs, PASSWORD } from './support';
import { expectNoSeriousViolations } from './axe';
import { demoClient, openRequest, seedDeal } from './work-support';

/** Signs in at any width (on a phone the header has no room for the user's name). */
async function signIn(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('textbox', { name: 'Пароль', exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('button', { name: 'Выйти' })).toBeVisible();
}

for (const viewport of [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
]) {
  test.describe(`accessibility (${viewport.name})`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    test('the login page', async ({ page }) => {
      await page.goto('/login');
      await expect(page.getByRole('button', { name: 'Войти' })).toBeVisible();
      await expectNoSeriousViolations(page, 'login');
    });

    test('the main pages of a sales manager', async ({ page }) => {
      test.setTimeout(90_000); // five pages, each checked by axe
      const manager = await apiAs('manager@demo.local');
      const deal = await seedDeal(manager, { title: `Доступность ${viewport.name} ${Date.now()}` });
      const client = await demoClient(manager);
      await signIn(page, 'manager@demo.local');

      await page.goto('/tasks');
      await expect(page.getByRole('heading', { name: 'Мой день' })).toBeVisible();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      await expectNoSeriousViolations(page, 'Мой день');

      await page.goto('/deals');
      await expect(page.getByRole('group', { name: /^Доска/ })).toBeVisible();
      await expectNoSeriousViolations(page, 'the deal board');

      await page.goto(`/deals/${deal.id}`);
      await expect(page.getByRole('heading', { level: 1 })).toContainText(deal.title);
      await expectNoSeriousViolations(page, 'a deal card');

      await page.goto('/clients');
      await expect(page.getByRole('table', { name: 'Список клиентов' })).toBeVisible();
      await expectNoSeriousViolations(page, 'the clients list');

      await page.goto(`/clients/${client.id}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      await expectNoSeriousViolations(page, 'a client card');
    });

    test('the requests queue of a logistician', async ({ page }) => {
      const manager = await apiAs('manager@demo.local');
      const deal = await seedDeal(manager, { title: `Очередь ${viewport.name} ${Date.now()}` });
      await openRequest(manager, deal.id, 'delivery_cost', 'Доступность очереди');
      await signIn(page, 'logistician@demo.local');
      await page.goto('/queues/delivery_cost');
      await expect(page.getByRole('heading', { name: 'Расчёт доставки' })).toBeVisible();
      await expect(page.getByRole('row').nth(1)).toBeVisible();
      await expectNoSeriousViolations(page, 'the requests queue');
    });
  });
}
