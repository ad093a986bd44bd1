import { expect, test } from '@playwright/test';
import {
  answerDeliveryAsLogistician,
  boardCard,
  cardStage,
  column,
  LEAD_SURVEY_CHECKLIST,
  moveWithMenu,
  nextStep,
  refusal,
  registerPaymentAsAccountant,
  seedDeal,
  seedLead,
  tick,
} from './sales-support';
import { ensureRequisites, seedCompanyCounterparty, sendOfferByApi, signDocumentsByApi } from './documents-support';
import { apiAs, baseUrl, runTag, signIn, uniquePhone } from './support';

test.describe('sales funnel of a manager', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, 'manager@demo.local');
  });

  test('a lead goes from «Заявка получена» through the checklist to a deal', async ({ page }) => {
    test.setTimeout(60_000);
    const company = `ООО «Дача ${runTag()}»`;

    // Created in the UI, it starts in «Заявка получена».
    await page.getByRole('link', { name: 'Лиды' }).click();
    await page.getByRole('link', { name: 'Новый лид' }).click();
    await page.getByLabel('Контактное лицо').fill('Ирина Петрова');
    await page.getByLabel('Компания').fill(company);
    await page.getByLabel('Телефон').fill(uniquePhone());
    await page.getByRole('combobox', { name: 'Канал' }).click();
    await page.getByRole('option', { name: 'Авито' }).click();
    await page.getByRole('button', { name: 'Создать лид' }).click();
    await expect(page).toHaveURL(/\/leads\/[0-9a-f-]{36}$/);
    await expect(cardStage(page)).toHaveText('Заявка получена');
    const leadUrl = page.url();

    await page.goto(`/leads?q=${encodeURIComponent(company)}`);
    await expect(boardCard(column(page, 'Заявка получена'), company)).toBeVisible();

    // Completing the first task (the call) takes the lead into work by itself.
    await page.goto(leadUrl);
    await page.getByRole('button', { name: 'Выполнить задачу «Связаться с клиентом по заявке»' }).click();
    const done = page.getByRole('dialog', { name: 'Выполнение задачи «Связаться с клиентом по заявке»' });
    await done.getByLabel('Результат').fill('Дозвонился, интересуется плиткой для дачи');
    await done.getByRole('button', { name: 'Выполнить' }).click();
    await expect(cardStage(page)).toHaveText('Заявка принята в обработку');

    // The survey waits for the checklist: the board says which items are missing, the card stays.
    await page.goto(`/leads?q=${encodeURIComponent(company)}`);
    await expect(boardCard(column(page, 'Заявка принята в обработку'), company)).toBeVisible();
    await moveWithMenu(page, company, 'Опрос лида сделан');
    const refused = refusal(page, 'Опрос лида сделан');
    await expect(refused).toBeVisible();
    for (const item of LEAD_SURVEY_CHECKLIST) await expect(refused).toContainText(`Отметьте пункт чек-листа «${item}»`);
    await expect(boardCard(column(page, 'Заявка принята в обработку'), company)).toBeVisible();

    // Ticked in the card, the survey is allowed.
    await boardCard(page, company).getByRole('link', { name: company }).click();
    await tick(page, LEAD_SURVEY_CHECKLIST);
    await nextStep(page, 'Опрос лида сделан');

    // Conversion needs the price range, the offer details and the client's agreement.
    await page.getByLabel('Вилка цен').fill('1 500–2 500 ₽/м²');
    await page.getByLabel('Сведения для КП').fill('Площадка 300 м², толщина 40 мм, терракотовая');
    await page.getByRole('checkbox', { name: 'Клиент согласен на индивидуальное КП' }).check();
    await page.getByRole('button', { name: 'Конвертировать в сделку' }).click();
    const convert = page.getByRole('dialog', { name: /Конвертация лида №\d+ в сделку/ });
    await expect(convert.getByLabel('Название сделки')).toHaveValue(company);
    await convert.getByLabel('Ожидаемая выручка, ₽').fill('450 000');
    await convert.getByLabel('Адрес доставки').fill('Химки, ул. Парковая, 3');
    await convert.getByRole('button', { name: 'Создать сделку' }).click();

    await expect(page).toHaveURL(/\/deals\/[0-9a-f-]{36}$/);
    await expect(cardStage(page)).toHaveText('Задача на подготовку индивидуального КП получена');
    await expect(page.getByRole('link', { name: /Из лида №\d+/ })).toBeVisible();
    await expect(page.getByLabel('Ожидаемая выручка, ₽')).toHaveValue(/^450\s000,00$/);
    await expect(page.getByLabel('Адрес доставки')).toHaveValue('Химки, ул. Парковая, 3');
  });

  test('a deal waits for the logistician, goes through the offer and documents, and stops at payment', async ({ page, browser }) => {
    test.setTimeout(120_000);
    const company = `ООО «Сделка ${runTag()}»`;
    const manager = await apiAs('manager@demo.local');
    const { deal } = await seedDeal(manager, company);
    const board = `/deals?q=${encodeURIComponent(company)}`;

    // The delivery cost is the logistician's: until the request is answered the move is refused.
    await page.goto(board);
    await expect(boardCard(column(page, 'Задача на подготовку индивидуального КП получена'), company)).toBeVisible();
    await moveWithMenu(page, company, 'Стоимость доставки от логиста получена');
    await expect(refusal(page, 'Стоимость доставки от логиста получена')).toContainText(
      'Запрос «Стоимость доставки» ещё не выполнен — дождитесь ответа',
    );
    await expect(boardCard(column(page, 'Задача на подготовку индивидуального КП получена'), company)).toBeVisible();

    // The logistician answers in their queue; the answer moves the deal by itself.
    await answerDeliveryAsLogistician(browser, deal.number);
    await page.reload();
    await expect(boardCard(column(page, 'Стоимость доставки от логиста получена'), company)).toBeVisible();

    await boardCard(page, company).getByRole('link', { name: company }).click();
    await expect(page.getByRole('article', { name: /Расчёт доставки №\d+/ })).toContainText('18 500,00 ₽');
    // «КП отправлено» is not a move but a fact: the offer e-mailed from «Документы» (its own spec).
    await expect(page.getByRole('region', { name: 'Следующие шаги' }).getByRole('button', { name: 'КП отправлено', exact: true })).toBeDisabled();
    await sendOfferByApi(manager, deal.id);
    await expect(cardStage(page)).toHaveText('КП отправлено');
    await nextStep(page, 'КП получено клиентом');

    // No design: the manager ticks that it was offered and declined.
    await tick(page, ['Дизайн предложен — клиент отказался']);
    await nextStep(page, 'Обсуждаем условия');
    await tick(page, ['Получил возражения после КП', 'Нейтрализовал возражения после КП', 'Предложил договор и счёт']);
    await nextStep(page, 'Реквизиты запрошены');

    // The contract needs a counterparty with requisites: chosen in the card and saved; then the
    // documents, made, sent and signed, move the deal by themselves (the documents spec clicks
    // through them).
    const company2 = await seedCompanyCounterparty(manager, deal.client_id!, `${company}, юрлицо`);
    await page.reload();
    await page.getByRole('combobox', { name: 'Контрагент' }).click();
    await page.getByRole('option', { name: company2.name }).click();
    await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Сохранить', exact: true })).toBeDisabled();
    await ensureRequisites(deal.organization_id);
    await signDocumentsByApi(manager, deal.id, company2.id);
    await page.reload();
    await expect(cardStage(page)).toHaveText('Документы подписаны');

    // «Оплата получена» comes only with accounting's payment notice.
    const waiting = page.getByRole('region', { name: 'Следующие шаги' });
    await expect(waiting.getByRole('button', { name: 'Оплата получена', exact: true })).toBeDisabled();
    await page.goto(board);
    await moveWithMenu(page, company, 'Оплата получена');
    await expect(refusal(page, 'Оплата получена')).toContainText(
      'Стадия «Оплата получена» наступает только после регистрации оплаты бухгалтерией',
    );
    await expect(boardCard(column(page, 'Документы подписаны'), company)).toBeVisible();

    await registerPaymentAsAccountant(deal.id, '450000.00');
    await page.reload();
    await expect(boardCard(column(page, 'Оплата получена'), company)).toBeVisible();
  });

  test('a lost move asks for the reason', async ({ page }) => {
    const company = `ООО «Отказ ${runTag()}»`;
    const manager = await apiAs('manager@demo.local');
    await seedLead(manager, company);

    await page.goto(`/leads?q=${encodeURIComponent(company)}`);
    await moveWithMenu(page, company, 'Отказ');
    const dialog = page.getByRole('dialog', { name: /^Отказ: №\d+/ });
    await dialog.getByRole('button', { name: 'Зафиксировать отказ' }).click();
    await expect(dialog.getByText('Выберите причину отказа')).toBeVisible();

    await dialog.getByRole('combobox', { name: 'Причина отказа' }).click();
    await page.getByRole('option', { name: 'Дорого' }).click();
    await dialog.getByLabel('Возражения клиента').fill('Нашли дешевле у конкурента, доставка дороже плитки');
    await dialog.getByRole('checkbox', { name: 'Добавить в рассылку' }).check();
    await dialog.getByRole('button', { name: 'Зафиксировать отказ' }).click();

    await expect(dialog).toBeHidden();
    await expect(boardCard(column(page, 'Отказ'), company)).toBeVisible();
    await expect(boardCard(column(page, 'Заявка получена'), company)).toHaveCount(0);
  });

  test('when someone else moved the card first, the board says so and shows where it is now', async ({ page }) => {
    const company = `ООО «Гонка ${runTag()}»`;
    const manager = await apiAs('manager@demo.local');
    const lead = await seedLead(manager, company);
    // This tab's live stream is down (a dropped connection), so the board stays as it was: the
    // server's version check is what catches the stale move.
    await page.route('**/api/v1/events**', (route) => route.abort());

    await page.goto(`/leads?q=${encodeURIComponent(company)}`);
    await expect(boardCard(column(page, 'Заявка получена'), company)).toBeVisible();

    // A colleague takes the lead into work while this board still shows the old version.
    const moved = await manager.client.POST('/api/v1/leads/{id}/move', {
      params: { path: { id: lead.id } },
      body: { to: 'in_work', version: lead.version },
    });
    expect(moved.response.status).toBe(200);

    await moveWithMenu(page, company, 'Отказ');
    const dialog = page.getByRole('dialog', { name: /^Отказ: №\d+/ });
    await dialog.getByRole('combobox', { name: 'Причина отказа' }).click();
    await page.getByRole('option', { name: 'Не выходит на связь' }).click();
    await dialog.getByRole('button', { name: 'Зафиксировать отказ' }).click();

    await expect(page.getByRole('alert').filter({ hasText: 'Карточку изменил другой пользователь' })).toBeVisible();
    await expect(boardCard(column(page, 'Заявка принята в обработку'), company)).toBeVisible();
    await expect(boardCard(column(page, 'Отказ'), company)).toHaveCount(0);
  });
});

test.describe('closed is closed', () => {
  test('a lost deal is read-only but for the review score, and an admin reopens it with a reason', async ({ page, browser }) => {
    const company = `ООО «Закрыто ${runTag()}»`;
    const manager = await apiAs('manager@demo.local');
    const { deal } = await seedDeal(manager, company);
    const lost = await manager.client.POST('/api/v1/deals/{id}/move', {
      params: { path: { id: deal.id } },
      body: { version: deal.version, to: 'lost', loss: { reason: 'postponed' } },
    });
    expect(lost.data?.status).toBe('lost');

    await signIn(page, 'manager@demo.local');
    await page.goto(`/deals/${deal.id}`);
    await expect(page.getByText('Сделка закрыта: изменить можно только оценку отзыва')).toBeVisible();
    await expect(page.getByLabel('Название')).toHaveAttribute('readonly', '');
    await expect(page.getByRole('button', { name: 'Открыть заново' })).toHaveCount(0);
    await page.getByLabel('Оценка работы (1–10)').fill('9');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await expect(page.getByText('Изменения сохранены')).toBeVisible();

    const context = await browser.newContext({ baseURL: baseUrl, locale: 'ru-RU' });
    const admin = await context.newPage();
    await signIn(admin, 'admin@demo.local');
    await admin.goto(`/deals/${deal.id}`);
    await admin.getByRole('button', { name: 'Открыть заново' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Открыть карточку заново' });
    await dialog.getByRole('button', { name: 'Открыть заново' }).click();
    await expect(dialog.getByText('Обязательное поле')).toBeVisible();
    await dialog.getByLabel('Причина').fill('Клиент вернулся с новым объектом');
    await dialog.getByRole('button', { name: 'Открыть заново' }).click();
    await expect(dialog).toBeHidden();
    await expect(admin.getByText('Сделка закрыта: изменить можно только оценку отзыва')).toHaveCount(0);
    await expect(admin.getByLabel('Название')).not.toHaveAttribute('readonly', '');
    await expect(admin.getByText('Клиент вернулся с новым объектом')).toBeVisible();
    await context.close();
  });
});

test.describe('sensible defaults', () => {
  test('a manager’s board shows their own cards; a new deal takes the pipeline viewed and the client’s only counterparty', async ({ page }) => {
    await signIn(page, 'manager@demo.local');
    await page.goto('/deals');
    await expect(page.getByRole('search').getByLabel('Ответственный')).toHaveValue('Менеджер');

    await page.getByRole('link', { name: 'Новая сделка' }).click();
    await expect(page).toHaveURL(/\/deals\/new\?pipeline=[0-9a-f-]{36}$/);
    await page.getByRole('combobox', { name: 'Клиент' }).fill('СпортПлощадка');
    await page.getByRole('option', { name: /СпортПлощадка/ }).click();
    await expect(page.getByRole('combobox', { name: 'Контрагент' })).toHaveValue(/СпортПлощадка/);
  });
});

test.describe('a board for a long pipeline', () => {
  test('the deal board’s groups collapse into one column each and then fit a 1440 px screen; the choice is remembered', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, 'manager@demo.local');
    await page.goto('/deals');
    const board = page.getByRole('group', { name: /Доска/ });
    await expect(board).toBeVisible();
    const overflow = () => board.evaluate((el) => el.scrollWidth - (el.closest('.mantine-ScrollArea-viewport') as HTMLElement).clientWidth);
    expect(await overflow()).toBeGreaterThan(0);
    const collapse = page.getByRole('button', { name: /^Свернуть группу/ });
    while ((await collapse.count()) > 0) await collapse.first().click();
    await expect(page.getByRole('button', { name: /^Развернуть группу/ }).first()).toBeVisible();
    await expect.poll(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: test.info().outputPath('collapsed-board.png') });
    await page.reload();
    await expect(page.getByRole('button', { name: /^Развернуть группу/ }).first()).toBeVisible();
  });
});

test.describe('exports', () => {
  test('the filtered deals download as a CSV Excel opens', async ({ page }) => {
    await signIn(page, 'manager@demo.local');
    await page.goto('/deals?view=list&q=' + encodeURIComponent('Олимп'));
    await expect(page.getByRole('table', { name: 'Список карточек' })).toContainText('Олимп');
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Выгрузить в CSV (Excel)' }).click();
    const file = await downloading;
    expect(file.suggestedFilename()).toMatch(/^deals-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = Buffer.concat(await (await file.createReadStream()).toArray());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs to read UTF-8
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('Номер;Название;Стадия;Статус;Клиент;Контакт;Ответственный;Ожидаемая выручка, ₽;Канал;Создана');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Олимп');

    const workbook = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Выгрузить в Excel (.xlsx)' }).click();
    const xlsx = await workbook;
    expect(xlsx.suggestedFilename()).toMatch(/^deals-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const zip = Buffer.concat(await (await xlsx.createReadStream()).toArray());
    expect(zip.subarray(0, 2).toString()).toBe('PK');
  });
});
