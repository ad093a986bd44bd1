// Issue 10, «Done when»: the manager makes an individual offer with two lines, revises it once,
// previews its PDF and e-mails it — the deal is «КП отправлено» without dragging; then a
// tile-supply contract and a 50/50 invoice go out in one e-mail — «Договор и счёт отправлены»;
// the client returns a disagreement protocol, management approves it, the administrator sends it
// back, the signed scan is attached, the administrator approves the counterparty and confirms the
// signing — «Документы подписаны».
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { cardStage, nextStep, seedDeal, tick } from './sales-support';
import { answerDeliveryByApi, ensureRequisites, seedCompanyCounterparty } from './documents-support';
import { apiAs, baseUrl, runTag, signIn } from './support';

/**
 * A deal in «Стоимость доставки от логиста получена» whose counterparty is a company with an INN,
 * a legal address and a bank account (a contract needs them), not yet approved.
 */
async function seedDealWithAnswer(company: string) {
  const manager = await apiAs('manager@demo.local');
  const { deal } = await seedDeal(manager, company);
  const counterparty = await seedCompanyCounterparty(manager, deal.client_id!, company);
  const card = await manager.client.GET('/api/v1/deals/{id}', { params: { path: { id: deal.id } } });
  const patched = await manager.client.PATCH('/api/v1/deals/{id}', {
    params: { path: { id: deal.id } },
    body: { version: card.data!.version, counterparty_id: counterparty.id, delivery_address: 'г. Москва, ул. Лесная, д. 5' },
  });
  if (!patched.data) throw new Error(`PATCH /deals/{id} → ${patched.response.status}`);
  await answerDeliveryByApi(manager, deal.id);
  return { deal, counterparty };
}

const documentsTab = async (page: Page) => {
  await page.getByRole('tab', { name: 'Документы' }).click();
  await expect(page.getByRole('tab', { name: 'Документы' })).toHaveAttribute('aria-selected', 'true');
};

/**
 * Clicks a button that opens a dialog. With the PDF viewer in the page, a click that had to scroll
 * first may land in the viewer's frame in headless Chromium: it is tried again.
 */
async function opens(button: Locator, dialog: Locator) {
  await expect(async () => {
    if (!(await dialog.isVisible())) await button.click();
    await expect(dialog).toBeVisible({ timeout: 1000 });
  }).toPass();
}

/** A contract step taken from the opened contract: the button, then «Подтвердить» in its dialog. */
async function step(page: Page, action: string, fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) {
  const dialog = page.getByRole('dialog', { name: action });
  await opens(page.getByRole('button', { name: action, exact: true }), dialog);
  if (fill) await fill(dialog);
  await dialog.getByRole('button', { name: 'Подтвердить' }).click();
  await expect(dialog).toBeHidden();
}

/** Someone else, in a browser of their own, on the opened contract. */
async function asSomeoneElse(browser: Browser, email: string, url: string, act: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'ru-RU' });
  const page = await context.newPage();
  try {
    await signIn(page, email);
    await page.goto(url);
    await act(page);
  } finally {
    await context.close();
  }
}

test.describe('a deal’s documents move it along', () => {
  test('offer, its revision and PDF, then the contract and invoice through to signing', async ({ page, browser }) => {
    test.setTimeout(180_000);
    const company = `ООО «Документ ${runTag()}»`;
    const { deal, counterparty } = await seedDealWithAnswer(company);
    await ensureRequisites(deal.organization_id);

    await signIn(page, 'manager@demo.local');
    await page.goto(`/deals/${deal.id}`);
    await expect(cardStage(page)).toHaveText('Стоимость доставки от логиста получена');
    await documentsTab(page);
    await expect(page.getByText('Документов пока нет')).toBeVisible();

    // An individual offer with two lines: the delivery from the logistician's answer, and a tile
    // picked from the catalogue (its price comes from the price list).
    const editor = page.getByRole('dialog', { name: 'Новое коммерческое предложение' });
    await opens(page.getByRole('button', { name: 'Создать КП' }), editor);
    const delivery = editor.getByRole('group', { name: 'Строка 1' });
    await expect(delivery.getByLabel('Наименование или поиск по каталогу')).toHaveValue(/Доставка/);
    await expect(delivery.getByLabel('Цена с НДС')).toHaveValue('18500');
    await editor.getByRole('button', { name: 'Добавить строку' }).click();
    const tile = editor.getByRole('group', { name: 'Строка 2' });
    await tile.getByLabel('Наименование или поиск по каталогу').fill('Плитка резиновая 500×500×40');
    await page.getByRole('option', { name: /Плитка резиновая 500×500×40/ }).first().click();
    await expect(tile.getByLabel('Цена с НДС')).not.toHaveValue('');
    await tile.getByLabel('Кол-во').fill('120');
    await expect(editor.getByText(/^Итого: \d/)).toBeVisible();
    await editor.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await expect(editor).toBeHidden();
    const offers = page.getByRole('region', { name: 'Коммерческие предложения' });
    await expect(offers.getByRole('row')).toHaveCount(2); // the header and version 1

    // Revised once: version 2 is current, version 1 «Заменено».
    const revision = page.getByRole('dialog', { name: /^Новая редакция КП-\d+ \(ред\. 2\)$/ });
    await opens(page.getByRole('toolbar').getByRole('button', { name: 'Новая редакция КП' }), revision);
    await expect(revision.getByRole('group', { name: 'Строка 2' }).getByLabel('Кол-во')).toHaveValue('120');
    await revision.getByRole('group', { name: 'Строка 2' }).getByLabel('Кол-во').fill('150');
    await revision.getByRole('group', { name: 'Строка 2' }).getByLabel('Скидка, %').fill('5');
    await expect(revision.getByRole('group', { name: 'Строка 2' }).getByLabel('Кол-во')).toHaveValue('150');
    await revision.getByRole('button', { name: 'Сохранить редакцию' }).click();
    await expect(revision).toBeHidden();
    await expect(offers.getByRole('row')).toHaveCount(3);
    await expect(offers.getByRole('row').filter({ hasText: 'Заменено' })).toHaveCount(1);

    // The new version opened below the list with its lines as saved, and its PDF loads in the page.
    const opened = page.getByRole('region', { name: /^КП-\d+, ред\. 2$/ });
    await expect(opened.getByRole('table', { name: 'Строки документа' }).getByRole('row').nth(2)).toContainText('150');
    const pdf = page.locator('iframe[title^="PDF: "]');
    await expect(pdf).toHaveAttribute('src', /^blob:/);

    // Sent to the client: the deal is «КП отправлено» by itself.
    let send = page.getByRole('dialog', { name: 'Отправить клиенту' });
    await opens(page.getByRole('toolbar').getByRole('button', { name: 'Отправить клиенту' }), send);
    await expect(send.getByRole('checkbox', { name: /ред\. 2/ })).toBeChecked();
    await expect(send.getByLabel('Тема')).not.toHaveValue('');
    const to = send.getByLabel('E-mail клиента');
    if (!(await to.inputValue())) await to.fill('client@example.ru');
    await expect(send.getByRole('list', { name: 'Вложения' })).toContainText('(ред. 2).pdf');
    await send.getByRole('button', { name: 'Отправить', exact: true }).click();
    await expect(send).toBeHidden();
    await expect(cardStage(page)).toHaveText('КП отправлено');
    await expect(page.getByRole('region', { name: 'Письма клиенту' }).getByRole('listitem')).toHaveCount(1);

    // The manager moves it on as the board allows, to «Реквизиты запрошены» (from the card's details).
    await page.goto(`/deals/${deal.id}`);
    await nextStep(page, 'КП получено клиентом');
    await tick(page, ['Дизайн предложен — клиент отказался']);
    await nextStep(page, 'Обсуждаем условия');
    await tick(page, ['Получил возражения после КП', 'Нейтрализовал возражения после КП', 'Предложил договор и счёт']);
    await nextStep(page, 'Реквизиты запрошены');

    // A tile-supply contract and a 50/50 invoice: «Договор и счёт подготовлены».
    await documentsTab(page);
    const contract = page.getByRole('dialog', { name: 'Новый договор' });
    await opens(page.getByRole('toolbar').getByRole('button', { name: 'Договор', exact: true }), contract);
    await expect(contract.getByRole('combobox', { name: 'Вид договора' })).toHaveValue('Договор поставки плитки');
    await contract.getByLabel('Должность').fill('Генеральный директор');
    await contract.getByLabel('ФИО').fill('Петров Пётр Петрович');
    await contract
      .getByLabel('В лице кого и на каком основании')
      .fill('в лице Генерального директора Петрова Петра Петровича, действующего на основании Устава');
    await contract.getByRole('button', { name: 'Создать договор' }).click();
    await expect(contract).toBeHidden();

    const invoice = page.getByRole('dialog', { name: 'Новый счёт' });
    await opens(page.getByRole('toolbar').getByRole('button', { name: 'Счёт', exact: true }), invoice);
    await invoice.getByText('50 / 50', { exact: true }).click();
    await expect(invoice.getByText(/^50\s%\s—\s.+\s₽\sдо\s\d{2}\.\d{2}\.\d{4}$/)).toHaveCount(2);
    await invoice.getByRole('button', { name: 'Выставить счёт' }).click();
    await expect(invoice).toBeHidden();
    await expect(cardStage(page)).toHaveText('Договор и счёт подготовлены');

    // Both in one e-mail: «Договор и счёт отправлены».
    send = page.getByRole('dialog', { name: 'Отправить клиенту' });
    await opens(page.getByRole('toolbar').getByRole('button', { name: 'Отправить клиенту' }), send);
    await expect(send.getByRole('checkbox', { name: /^Договор №/ })).toBeChecked();
    await expect(send.getByRole('checkbox', { name: /^Счёт №/ })).toBeChecked();
    await expect(send.getByLabel('Тема')).not.toHaveValue('');
    if (!(await send.getByLabel('E-mail клиента').inputValue())) await send.getByLabel('E-mail клиента').fill('client@example.ru');
    await send.getByRole('button', { name: 'Отправить', exact: true }).click();
    await expect(send).toBeHidden();
    await expect(cardStage(page)).toHaveText('Договор и счёт отправлены');

    // The client returns a disagreement protocol.
    // (The card above may still grow as the deal is read again: click until the contract opens.)
    await expect(async () => {
      await page.getByRole('button', { name: /^Открыть Договор №/ }).click();
      await expect(page.getByRole('region', { name: /^Договор № / })).toBeVisible({ timeout: 1000 });
    }).toPass();
    const contractUrl = page.url();
    await step(page, 'Получен протокол разногласий', (d) => d.getByLabel(/Комментарий/).fill('Просят отсрочку 10 дней'));
    await expect(page.getByText('Согласование договора: Получен протокол разногласий')).toBeVisible();

    // Management approves it; the administrator sends it back to the client.
    await asSomeoneElse(browser, 'management@demo.local', contractUrl, async (p) => {
      await step(p, 'Согласовать протокол');
      await expect(p.getByText('Согласование договора: Протокол разногласий согласован')).toBeVisible();
    });
    await asSomeoneElse(browser, 'admin@demo.local', contractUrl, async (p) => {
      await step(p, 'Отправить протокол клиенту');
      await expect(p.getByText('Согласование договора: Отправлен клиенту')).toBeVisible();
    });

    // The manager attaches the scan the client signed.
    await page.reload();
    await step(page, 'Приложить скан, подписанный клиентом', async (d) => {
      await d.locator('input[type="file"]').setInputFiles({ name: 'Договор подписанный.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 signed') });
      await expect(d.getByText('Договор подписанный.pdf')).toBeVisible();
    });
    await expect(page.getByText('Согласование договора: Подписан клиентом')).toBeVisible();

    // The administrator approves the counterparty on the client card and confirms the signing.
    await asSomeoneElse(browser, 'admin@demo.local', `/clients/${deal.client_id}?tab=counterparties`, async (p) => {
      const card = p.getByRole('region', { name: counterparty.name, exact: true });
      await card.getByRole('button', { name: 'Одобрить' }).click();
      await expect(card.getByText('Одобрен', { exact: true })).toBeVisible();
      await p.goto(contractUrl);
      await step(p, 'Подтвердить подписание', (d) => d.getByLabel('Реквизиты проверены').check());
      await expect(cardStage(p)).toHaveText('Документы подписаны');
    });
    await page.reload();
    await expect(cardStage(page)).toHaveText('Документы подписаны');
  });
});

/** Axe on the documents' own parts (the card around them is the sales spec's to check). */
async function expectNoSeriousViolations(page: Page, what: string, scope: string) {
  const results = await new AxeBuilder({ page })
    .include(scope)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    // The PDF is the browser's own viewer.
    .exclude('iframe[title^="PDF: "]')
    .analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n')}`);
  expect(report, `${what}: serious or critical accessibility violations`).toEqual([]);
}

for (const viewport of [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
]) {
  test.describe(`the documents tab is accessible (${viewport.name})`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    test('a signed deal’s documents, a contract opened, the offer editor and the letter', async ({ page }) => {
      test.setTimeout(90_000);
      // A demo deal that went through its documents.
      const manager = await apiAs('manager@demo.local');
      const deals = await manager.client.GET('/api/v1/deals', { params: { query: { limit: 100 } } });
      const deal = deals.data?.items.find((d) => d.stage === 'documents_signed' && d.status === 'open');
      test.skip(!deal, 'no demo deal in «Документы подписаны»');
      const docs = await manager.client.GET('/api/v1/deals/{id}/documents', { params: { path: { id: deal!.id } } });
      const contract = docs.data!.items.find((d) => d.kind === 'contract')!;

      await page.goto('/login');
      await page.getByLabel('E-mail').fill('manager@demo.local');
      await page.getByRole('textbox', { name: 'Пароль', exact: true }).fill('demo12345');
      await page.getByRole('button', { name: 'Войти' }).click();
      await expect(page.getByRole('button', { name: 'Выйти' })).toBeVisible();
      await page.goto(`/deals/${deal!.id}?tab=documents&document=${contract.id}`);
      await expect(page.getByRole('region', { name: `Договор № ${contract.number}` })).toBeVisible();
      await expect(page.locator('iframe[title^="PDF: "]')).toHaveAttribute('src', /^blob:/);
      await expectNoSeriousViolations(page, 'the documents tab with a contract', '[role="tabpanel"]');

      const editor = page.getByRole('dialog', { name: /^Новая редакция/ });
      await opens(page.getByRole('toolbar').getByRole('button', { name: 'Новая редакция КП' }), editor);
      await expect(editor.getByRole('group', { name: 'Строка 1' })).toBeVisible();
      await expectNoSeriousViolations(page, 'the offer editor', '[role="dialog"]');
      await editor.getByRole('button', { name: 'Отмена' }).click();
      await expect(editor).toBeHidden();

      const send = page.getByRole('dialog', { name: 'Отправить клиенту' });
      await opens(page.getByRole('toolbar').getByRole('button', { name: 'Отправить клиенту' }), send);
      await expect(send.getByLabel('Тема')).not.toHaveValue('');
      await expectNoSeriousViolations(page, 'the letter', '[role="dialog"]');
    });
  });
}
