// «Заказы» (issue 12): a deal of its own is walked over the API to a signed 50/50 invoice with its
// advance in, and the logistician gives 120,5 м² of it to Екатеринбург (production1) over the API.
// production1 signs in, finds the order in «Заказы» (its main page), opens it, accepts it and
// starts production — each step in the timeline as the production's. production2 (Новосибирск)
// sees none of it (its list holds only its own last season). A second order goes on: the quality
// checklist, photos and the signed documents as the order's files, the shipment with its expected
// date, the documents received. Then the pages and
// the drawer on a desktop and at 390 px, checked by axe, with screenshots in
// test-results/production-orders/.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ddmmyyyy } from './finance-support';
import { assignedOrder, EKB, inDays } from './production-support';
import { baseUrl, runTag, signIn } from './support';
import { expectNoSeriousViolations } from './axe';

/** The list, read to the end (no skeleton, no page in flight). */
async function listRead(page: Page) {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Заказы' }).or(page.getByText(/^Заказов( в этой стадии)? нет$/))).toBeVisible();
}

const STEP_AT = String.raw`\d\d\.\d\d\.\d{4} \d\d:\d\d`;

/** Someone else, signed in a browser context of their own; closed after `use`. */
async function as(browser: Browser, email: string, use: (page: Page) => Promise<void>, viewport?: { width: number; height: number }) {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'ru-RU' });
  try {
    const page = await context.newPage();
    // Signed in on a desktop (the phone's header keeps the user in its menu), then the size asked.
    await signIn(page, email);
    if (viewport) await page.setViewportSize(viewport);
    await use(page);
  } finally {
    await context.close();
  }
}

test('production1 finds the order in «Заказы», accepts it and starts production; production2 sees nothing', async ({ page, browser }) => {
  test.setTimeout(150_000);
  const tag = runTag();
  const { address, due } = await assignedOrder(tag);

  await signIn(page, 'production1@demo.local');
  // «Заказы» is a production's main page: `/` opens it.
  await expect(page).toHaveURL(/\/production-orders$/);
  const nav = page.getByRole('navigation');
  await expect(nav.getByRole('link', { name: 'Заказы', exact: true })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Заказы производству' })).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Заказы' })).toBeVisible();
  await listRead(page);

  const card = page.getByRole('article', { name: 'Плитка, 20 мм' }).filter({ hasText: address });
  await expect(card).toBeVisible();
  await expect(card).toContainText('120,5 м²');
  await expect(card).toContainText(`до ${ddmmyyyy(due)}`);
  await expect(card).toContainText('Прораб Петров');
  await expect(card).toContainText('Распределён на производство');
  await expect(card).toContainText(/Принять или отказаться до \d\d\.\d\d\.\d{4}/);
  // Nothing of the client's: no price of theirs, no client, no deal.
  await expect(card).not.toContainText('₽');
  await expect(card).not.toContainText(`Площадка ${tag}»`);

  await card.getByRole('button', { name: /Открыть заказ/ }).click();
  const drawer = page.getByRole('dialog', { name: 'Заказ: Плитка, 20 мм' });
  await expect(drawer).toBeVisible();
  await expect(drawer).toContainText(address);
  await expect(drawer.getByText(new RegExp(`^Распределён на производство — Логист, ${STEP_AT}$`))).toBeVisible();
  await expect(drawer.getByRole('button', { name: 'Отказаться от заказа' })).toBeVisible();
  await expect(drawer.getByRole('button', { name: 'Закрывающие документы получены' })).toHaveCount(0);

  await drawer.getByRole('button', { name: 'Принять заказ' }).click();
  await expect(page.getByText('Готово: Принять заказ')).toBeVisible();
  await expect(drawer.getByText(new RegExp(`^Принят производством — Производство, ${STEP_AT}$`))).toBeVisible();
  await expect(drawer.getByRole('button', { name: 'Принять заказ' })).toHaveCount(0);

  await drawer.getByRole('button', { name: 'Запустить в производство' }).click();
  await expect(drawer.getByText(new RegExp(`^В производстве — Производство, ${STEP_AT}$`))).toBeVisible();
  await expect(drawer.getByRole('button', { name: 'Заказ выполнен' })).toBeVisible();

  await drawer.getByRole('button', { name: 'Закрыть', exact: true }).click();
  await expect(drawer).toBeHidden();
  await expect(card).toContainText('В производстве');

  // The stage filter finds it among those in production, not among the new ones.
  await page.getByRole('combobox', { name: 'Стадия' }).click();
  await page.getByRole('option', { name: 'В производстве' }).click();
  await listRead(page);
  await expect(card).toBeVisible();
  await page.getByRole('combobox', { name: 'Стадия' }).click();
  await page.getByRole('option', { name: 'Распределён на производство' }).click();
  await listRead(page);
  await expect(card).toHaveCount(0);

  // Another production: not there, and nothing at all.
  await as(browser, 'production2@demo.local', async (other) => {
    await expect(other).toHaveURL(/\/production-orders$/);
    await expect(other.getByRole('heading', { level: 1, name: 'Заказы' })).toBeVisible();
    await listRead(other);
    await expect(other.getByText(address)).toHaveCount(0);
  });
});

test('the order is made, passes the quality checklist, ships with its expected date and its signed documents come back', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const tag = runTag();
  const { address } = await assignedOrder(tag);
  const openOrder = async (p: Page) => {
    await listRead(p);
    const card = p.getByRole('article', { name: 'Плитка, 20 мм' }).filter({ hasText: address });
    await card.getByRole('button', { name: /Открыть заказ/ }).click();
    const drawer = p.getByRole('dialog', { name: 'Заказ: Плитка, 20 мм' });
    await expect(drawer).toBeVisible();
    return drawer;
  };

  // The production accepts, makes it and photographs the batch.
  await signIn(page, 'production1@demo.local');
  let drawer = await openOrder(page);
  for (const step of ['Принять заказ', 'Запустить в производство', 'Заказ выполнен']) {
    await drawer.getByRole('button', { name: step }).click();
    await expect(page.getByText(`Готово: ${step}`)).toBeVisible();
  }
  const upload = async (d: typeof drawer, name: string, mimeType: string) => {
    const chooser = page.waitForEvent('filechooser');
    await d.getByRole('button', { name: 'Загрузить файл' }).click();
    await (await chooser).setFiles({ name, mimeType, buffer: Buffer.from(mimeType === 'application/pdf' ? '%PDF-1.4 scan' : 'photo') });
    await expect(page.getByText(`Файл «${name}» загружен`)).toBeVisible();
    await expect(d.getByRole('button', { name: `Скачать «${name}»` })).toBeVisible();
  };
  await upload(drawer, `Партия ${tag}.jpg`, 'image/jpeg');

  // Quality control: every point of the checklist, or the server names the one left.
  await as(browser, 'quality@demo.local', async (q) => {
    await q.goto('/production-orders');
    const d = await openOrder(q);
    await d.getByRole('button', { name: 'Подтвердить качество' }).click();
    const form = d.getByRole('form', { name: 'Подтвердить качество' });
    for (const point of ['Толщина соответствует заказу', 'Цвет соответствует заказу', 'Количество соответствует заказу']) {
      await form.getByRole('checkbox', { name: point }).check();
    }
    await form.getByRole('button', { name: 'Подтвердить качество' }).click();
    await expect(form.getByText(/Не отмечено: «Упаковка целая и промаркирована»/)).toBeVisible();
    await form.getByRole('checkbox', { name: 'Упаковка целая и промаркирована' }).check();
    await form.getByRole('button', { name: 'Подтвердить качество' }).click();
    await expect(q.getByText('Готово: Подтвердить качество')).toBeVisible();
    await expect(d.getByText(new RegExp(`^Качество подтверждено — Контроль качества, ${STEP_AT}$`))).toBeVisible();
  });

  // The production ships with the carrier's expected date, typed the Russian way. (The open order
  // is in the address, `?order=`: reloading it shows the order as quality control left it.)
  await page.reload();
  drawer = page.getByRole('dialog', { name: 'Заказ: Плитка, 20 мм' });
  await expect(drawer.getByText(new RegExp(`^Качество подтверждено — Контроль качества, ${STEP_AT}$`))).toBeVisible();
  await drawer.getByRole('button', { name: 'Отгрузить клиенту' }).click();
  const ship = drawer.getByRole('form', { name: 'Отгрузить клиенту' });
  await ship.getByRole('textbox', { name: 'Перевозчик' }).fill('ПЭК');
  await ship.getByRole('textbox', { name: 'Номер накладной' }).fill(`ПЭК-${tag}`);
  await ship.getByRole('textbox', { name: 'Стоимость доставки, ₽' }).fill('8 500,50');
  await ship.getByRole('textbox', { name: 'Ожидаемая дата доставки' }).fill('31.02.2026');
  await ship.getByRole('button', { name: 'Отгрузить клиенту' }).click();
  await expect(ship.getByText('Введите дату, например 05.12.2026')).toBeVisible();
  await ship.getByRole('textbox', { name: 'Ожидаемая дата доставки' }).fill(ddmmyyyy(inDays(4)));
  await ship.getByRole('button', { name: 'Отгрузить клиенту' }).click();
  await expect(page.getByText('Готово: Отгрузить клиенту')).toBeVisible();
  await expect(drawer).toContainText(`ПЭК, накладная ПЭК-${tag}`);
  await expect(drawer).toContainText(ddmmyyyy(inDays(4)));

  // The client's signed documents come back: uploaded, then chosen as the scan.
  await upload(drawer, `УПД ${tag}.pdf`, 'application/pdf');
  await drawer.getByRole('button', { name: 'Закрывающие документы получены' }).click();
  const docs = drawer.getByRole('form', { name: 'Закрывающие документы получены' });
  await docs.getByRole('combobox', { name: 'Скан подписанных документов' }).click();
  await page.getByRole('option', { name: `УПД ${tag}.pdf` }).click();
  await docs.getByRole('button', { name: 'Закрывающие документы получены' }).click();
  await expect(page.getByText('Готово: Закрывающие документы получены')).toBeVisible();
  await expect(drawer.getByText(new RegExp(`^Закрывающие документы получены — Производство, ${STEP_AT}$`))).toBeVisible();
});

for (const viewport of [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
]) {
  const fits = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: `test-results/production-orders/${name}-${viewport.name}.png`, fullPage: true });

  test(`«Заказы» (${viewport.name}): nothing wider than the screen, nothing axe finds serious`, async ({ page, browser }) => {
    test.setTimeout(150_000);
    const { address } = await assignedOrder(runTag());
    await signIn(page, 'production1@demo.local');
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.goto('/production-orders');
    await expect(page.getByRole('heading', { level: 1, name: 'Заказы' })).toBeVisible();
    await listRead(page);
    const card = page.getByRole('article', { name: 'Плитка, 20 мм' }).filter({ hasText: address });
    await expect(card).toBeVisible();
    await expect(card, 'a production sees no production name on its orders').not.toContainText(EKB);
    await fits(page);
    await shot(page, 'list');
    await expectNoSeriousViolations(page, `the list (${viewport.name})`);

    // The drawer, with the decline's form open and its refusal showing; looked at, not sent.
    await card.getByRole('button', { name: /Открыть заказ/ }).click();
    const drawer = page.getByRole('dialog', { name: 'Заказ: Плитка, 20 мм' });
    await expect(drawer).toBeVisible();
    await drawer.getByRole('button', { name: 'Отказаться от заказа' }).click();
    const form = drawer.getByRole('form', { name: 'Отказаться от заказа' });
    await form.getByRole('button', { name: 'Отказаться от заказа' }).click();
    await expect(form.getByText('Обязательное поле')).toBeVisible();
    await fits(page);
    await shot(page, 'drawer');
    await expectNoSeriousViolations(page, `the drawer (${viewport.name})`);
    await form.getByRole('button', { name: 'Отмена' }).click();
    await expect(form).toBeHidden();

    // The head company's view of the same list.
    await as(
      browser,
      'logistician@demo.local',
      async (head) => {
        await head.goto('/production-orders');
        await expect(head.getByRole('heading', { level: 1, name: 'Заказы производству' })).toBeVisible();
        await listRead(head);
        const theirs = head.getByRole('article', { name: 'Плитка, 20 мм' }).filter({ hasText: address });
        await expect(theirs).toBeVisible();
        await expect(theirs, 'the head company sees which production makes it').toContainText(EKB);
        await fits(head);
        await shot(head, 'head');
        await expectNoSeriousViolations(head, `the head company's list (${viewport.name})`);
      },
      { width: viewport.width, height: viewport.height },
    );
  });
}
