// «Заказы производству» as a board (issue 12): the logistician gives a paid deal's tiles to
// Екатеринбург over the API, opens «Заказы производству», switches to «Доска» (remembered in the
// address), sees a column per open stage with its count, finds the new order's card in
// «Распределён на производство» and opens it in the drawer. Then the board on a desktop and at
// 390 px (one column at a time, chosen by its stage), nothing wider than the screen, checked by
// axe, with screenshots in test-results/production-board/.
import { expect, test, type Page } from '@playwright/test';
import { ddmmyyyy } from './finance-support';
import { assignedOrder, EKB } from './production-support';
import { runTag, signIn } from './support';
import { expectNoSeriousViolations } from './axe';

const COLUMNS = [
  'Распределён на производство',
  'Принят производством',
  'В производстве',
  'Выполнен',
  'Обнаружен брак',
  'Качество подтверждено',
  'Отгружен клиенту',
  'Закрывающие документы получены',
];
const COUNT = /^\d[\d\u00a0 ]* заказ(а|ов)?$/;

/** Every column read: no skeleton, no column in flight. */
async function boardRead(page: Page) {
  await expect(page.getByRole('group', { name: 'Доска заказов по стадиям' })).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

test('the logistician switches «Заказы производству» to «Доска», finds the new order in its stage and opens it', async ({ page }) => {
  test.setTimeout(120_000);
  const { order, due } = await assignedOrder(runTag());
  expect(order.number, 'the order has its number («12-1»)').toBeTruthy();

  await signIn(page, 'logistician@demo.local');
  await page.getByRole('navigation').getByRole('link', { name: 'Заказы производству' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Заказы производству' })).toBeVisible();
  await page.getByText('Доска', { exact: true }).click();
  await expect(page).toHaveURL(/[?&]view=board/);
  await boardRead(page);

  // A column per open stage, in the state machine's order, each with its count.
  const board = page.getByRole('group', { name: 'Доска заказов по стадиям' });
  await expect(board.getByRole('heading', { level: 2 })).toHaveText(COLUMNS);
  for (const name of COLUMNS) {
    await expect(board.getByRole('region', { name, exact: true }).getByText(COUNT)).toBeVisible();
  }

  // The new order: first (newest) in «Распределён на производство», with the production's name.
  const column = board.getByRole('region', { name: 'Распределён на производство' });
  const card = column.getByRole('button', { name: new RegExp(`^${order.number}\\s*Плитка`) });
  await expect(card).toBeVisible();
  await expect(card).toContainText('Плитка, 20 мм');
  await expect(card).toContainText('120,5 м²');
  await expect(card).toContainText(`до ${ddmmyyyy(due)}`);
  await expect(card).toContainText(EKB);
  await expect(board.getByRole('region', { name: 'В производстве' }).getByRole('button', { name: new RegExp(`^${order.number}\\s*Плитка`) })).toHaveCount(0);

  // The card opens the order's drawer; the board stays behind it, and the address says both.
  await card.click();
  const drawer = page.getByRole('dialog', { name: 'Заказ: Плитка, 20 мм' });
  await expect(drawer).toBeVisible();
  await expect(drawer).toContainText(EKB);
  await expect(drawer.getByText('Распределён на производство').first()).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`order=${order.id}`));
  await expect(page).toHaveURL(/view=board/);
  await drawer.getByRole('button', { name: 'Закрыть', exact: true }).click();
  await expect(drawer).toBeHidden();

  // The view survives a reload (it is in the address).
  await page.reload();
  await boardRead(page);
  await expect(card).toBeVisible();
});

for (const viewport of [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
]) {
  const fits = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
  const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/production-board/${name}-${viewport.name}.png`, fullPage: true });

  test(`the board (${viewport.name}): nothing wider than the screen, nothing axe finds serious`, async ({ page }) => {
    test.setTimeout(120_000);
    const { order } = await assignedOrder(runTag());
    await signIn(page, 'logistician@demo.local');
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.goto('/production-orders?view=board');
    await boardRead(page);
    const board = page.getByRole('group', { name: 'Доска заказов по стадиям' });

    if (viewport.name === 'phone') {
      // One column at a time: the first stage's, then the one chosen.
      await expect(board.getByRole('region')).toHaveCount(1);
      await expect(board.getByRole('region', { name: 'Распределён на производство' })).toBeVisible();
      const stage = page.getByRole('combobox', { name: 'Стадия на доске' });
      await stage.click();
      await page.getByRole('option', { name: /^Принят производством — \d/ }).click();
      await expect(board.getByRole('region', { name: 'Принят производством' })).toBeVisible();
      await expect(board.getByRole('region')).toHaveCount(1);
      await fits(page);
      await expectNoSeriousViolations(page, `the board's other column (${viewport.name})`);
      await stage.click();
      await page.getByRole('option', { name: /^Распределён на производство — \d/ }).click();
    } else {
      await expect(board.getByRole('region')).toHaveCount(COLUMNS.length);
    }

    const card = board.getByRole('region', { name: 'Распределён на производство' }).getByRole('button', { name: new RegExp(`^${order.number}\\s*Плитка`) });
    await expect(card).toBeVisible();
    await fits(page);
    await shot(page, 'board');
    await expectNoSeriousViolations(page, `the board (${viewport.name})`);

    await card.click();
    const drawer = page.getByRole('dialog', { name: 'Заказ: Плитка, 20 мм' });
    await expect(drawer).toBeVisible();
    // Slid in to the screen's right edge (the screenshot is not taken halfway).
    await expect.poll(async () => Math.round(((await drawer.boundingBox())?.x ?? 0) + ((await drawer.boundingBox())?.width ?? 0))).toBe(viewport.width);
    await fits(page);
    await shot(page, 'drawer');
    await expectNoSeriousViolations(page, `the drawer over the board (${viewport.name})`);
  });
}
