// Issue 10, «Done when»: the manager makes an individual offer with two lines, revises it once,
// previews its PDF and e-mails it — the deal is «КП отправлено» without dragging; then a
// tile-supply contract and a 50/50 invoice go out in one e-mail — «Договор и счёт отправлены»;
// the client returns a disagreement protocol, management approves it, the administrator sends it
// back, the signed scan is attached, the administrator approves the counterparty and confirms the
// signing — «Документы подписаны».
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { cardStage, nextStep, seedDeal, tick } from './sales-support';
import { accountFor, apiAs, baseUrl, legalInn, runTag, signIn } from './support';

type Api = Awaited<ReturnType<typeof apiAs>>;

function ok<T>(what: string, r: { data?: T; error?: unknown; response: Response }): T {
  if (r.data === undefined) throw new Error(`${what} → ${r.response.status} ${JSON.stringify(r.error)}`);
  return r.data;
}

/** The organization's requisites, filled in once when the demo has none (documents need them). */
async function ensureRequisites(admin: Api, organizationId: string) {
  const current = await admin.client.GET('/api/v1/organizations/{id}/requisites', { params: { path: { id: organizationId } } });
  if (current.data && current.data.missing.length === 0) return;
  ok(
    'PUT /organizations/{id}/requisites',
    await admin.client.PUT('/api/v1/organizations/{id}/requisites', {
      params: { path: { id: organizationId } },
      body: {
        version: current.data?.version ?? null,
        full_name: current.data?.full_name ?? 'Общество с ограниченной ответственностью «АртПрайм»',
        short_name: current.data?.short_name ?? 'ООО «АртПрайм»',
        inn: '7707083893',
        kpp: '773601001',
        legal_address: '125047, г. Москва, ул. Тверская-Ямская 1-я, д. 21',
        bank_account: '40702810938000000001',
        bik: '044525225',
        director_position: 'Генеральный директор',
        director_name: 'Иванов И. И.',
        director_acting: 'в лице Генерального директора Иванова Ивана Ивановича, действующего на основании Устава',
      },
    }),
  );
}

/**
 * A deal in «Стоимость доставки от логиста получена» whose counterparty is a company with an INN,
 * a legal address and a bank account (a contract needs them), not yet approved.
 */
async function seedDealWithAnswer(company: string) {
  const manager = await apiAs('manager@demo.local');
  const { deal } = await seedDeal(manager, company);
  const counterparty = ok(
    'POST /clients/{id}/counterparties',
    await manager.client.POST('/api/v1/clients/{id}/counterparties', {
      params: { path: { id: deal.client_id! } },
      body: { kind: 'legal_entity', name: company, inn: legalInn(), kpp: '770101001', legal_address: 'г. Москва, ул. Лесная, д. 5' },
    }),
  );
  ok(
    'POST /counterparties/{id}/bank-accounts',
    await manager.client.POST('/api/v1/counterparties/{id}/bank-accounts', {
      params: { path: { id: counterparty.id } },
      body: { bik: '044525225', account_number: accountFor('044525225') },
    }),
  );
  let card = ok('GET /deals/{id}', await manager.client.GET('/api/v1/deals/{id}', { params: { path: { id: deal.id } } }));
  card = ok(
    'PATCH /deals/{id}',
    await manager.client.PATCH('/api/v1/deals/{id}', {
      params: { path: { id: deal.id } },
      body: { version: card.version, counterparty_id: counterparty.id, delivery_address: 'г. Москва, ул. Лесная, д. 5' },
    }),
  );
  // The logistician answers the delivery-cost request: the deal moves on by itself.
  const logistician = await apiAs('logistician@demo.local');
  const request = card.requests.find((r) => r.kind === 'delivery_cost');
  if (!request) throw new Error('the deal has no delivery-cost request');
  const detail = ok('GET /requests/{id}', await logistician.client.GET('/api/v1/requests/{id}', { params: { path: { id: request.id } } }));
  const taken = ok(
    'POST /requests/{id}/take',
    await logistician.client.POST('/api/v1/requests/{id}/take', { params: { path: { id: request.id } }, body: { version: detail.version } }),
  );
  ok(
    'POST /requests/{id}/complete',
    await logistician.client.POST('/api/v1/requests/{id}/complete', {
      params: { path: { id: request.id } },
      body: { version: taken.version, cost: '18500.00', carrier: 'ПЭК', eta_date: '2030-06-01', comment: 'Еврофура' },
    }),
  );
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
    const admin = await apiAs('admin@demo.local');
    const company = `ООО «Документ ${runTag()}»`;
    const { deal, counterparty } = await seedDealWithAnswer(company);
    await ensureRequisites(admin, deal.organization_id);

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
