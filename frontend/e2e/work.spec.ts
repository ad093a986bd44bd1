import { expect, test } from '@playwright/test';
import { apiAs, runTag, signIn } from './support';
import { dateIn, ruDateIn, getDeal, getRequest, openRequest, seedDeal, seedTask, tinyPng } from './work-support';

test.describe('the departments’ work', () => {
  test('a logistician answers a delivery-cost request and the deal moves to «delivery cost received»', async ({ page }) => {
    const manager = await apiAs('manager@demo.local');
    const deal = await seedDeal(manager, {
      title: `Плитка для площадки ${runTag()}`,
      delivery_address: 'Московская обл., г. Мытищи, ул. Мира, 5',
    });
    const request = deal.requests.find((r) => r.kind === 'delivery_cost');
    expect(request, 'the first stage opens a delivery-cost request').toBeTruthy();

    await signIn(page, 'logistician@demo.local');
    await page.getByRole('navigation').getByRole('link', { name: 'Расчёт доставки' }).click();
    const row = page.getByRole('row').filter({ hasText: deal.title });
    await expect(row).toContainText(`Сделка №${deal.number}`);
    await expect(row).toContainText('Мытищи');
    await expect(row).toContainText('Новый');
    await row.getByRole('link', { name: `Открыть запрос №${request!.number}` }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Запрос №${request!.number} · Расчёт доставки`);
    await expect(page.getByText('Московская обл., г. Мытищи, ул. Мира, 5')).toBeVisible();
    await page.getByRole('button', { name: 'Взять в работу' }).click();

    const form = page.getByRole('form', { name: 'Ответ логиста' });
    await form.getByLabel('Стоимость доставки').fill('18500,5');
    await form.getByLabel('Перевозчик').fill('ПЭК');
    await form.getByLabel('Перевозчик').press('Escape');
    await form.getByRole('button', { name: 'Отправить ответ' }).click();

    // No delivery date: refused next to that field, nothing typed is lost.
    const eta = form.getByLabel('Срок доставки');
    await expect(eta).toHaveAttribute('aria-invalid', 'true');
    const errorId = (await eta.getAttribute('aria-describedby'))?.split(' ').find((id) => id.includes('error'));
    expect(errorId, 'the date input points at its error text').toBeTruthy();
    await expect(page.locator(`[id="${errorId}"]`)).toHaveText('Обязательное поле');
    await expect(form.getByLabel('Стоимость доставки')).toHaveValue('18\u00a0500,50');
    await expect(form.getByLabel('Перевозчик')).toHaveValue('ПЭК');

    // A day that does not exist is not dropped: it stays, with a clear error, and is not sent.
    await expect(eta).toHaveAttribute('placeholder', 'дд.мм.гггг');
    await eta.fill('31.02.2030');
    await eta.press('Escape');
    await eta.blur();
    await expect(eta).toHaveValue('31.02.2030');
    await expect(form.getByText('Такой даты нет: введите её как дд.мм.гггг')).toBeVisible();
    await form.getByRole('button', { name: 'Отправить ответ' }).click();
    await expect(eta).toHaveAttribute('aria-invalid', 'true');

    // Typed the Russian way, whatever the browser's language; the API gets YYYY-MM-DD.
    await eta.fill(ruDateIn(5));
    await eta.press('Escape');
    await expect(form.getByText('Такой даты нет: введите её как дд.мм.гггг')).toBeHidden();
    await form.getByRole('button', { name: 'Отправить ответ' }).click();

    await expect(page.getByText('Ответ отправлен менеджеру')).toBeVisible();
    await expect(page.getByText('Выполнен', { exact: true })).toBeVisible();
    await expect(page.getByText('18\u00a0500,50\u00a0₽')).toBeVisible();
    await expect(form).toBeHidden();

    const moved = await getDeal(manager, deal.id);
    expect(moved.stage).toBe('delivery_cost_received');
    expect(moved.stage_name).toBe('Стоимость доставки от логиста получена');
    const answered = moved.requests.find((r) => r.id === request!.id);
    expect(answered?.answer).toMatchObject({ cost: '18500.50', carrier: 'ПЭК', eta_date: dateIn(5) });
  });

  test('the designer answers a design request with an uploaded mock-up', async ({ page }) => {
    const manager = await apiAs('manager@demo.local');
    const deal = await seedDeal(manager, { title: `Дизайн площадки ${runTag()}` });
    const request = await openRequest(manager, deal.id, 'design', 'Раскладка плитки двух цветов, 320 м²');

    await signIn(page, 'designer@demo.local');
    await page.getByRole('navigation').getByRole('link', { name: 'Дизайн-макеты' }).click();
    await page.getByRole('row').filter({ hasText: deal.title }).getByRole('link', { name: `Открыть запрос №${request.number}` }).click();
    await expect(page.getByText('Раскладка плитки двух цветов, 320 м²')).toBeVisible();
    await page.getByRole('button', { name: 'Взять в работу' }).click();

    const form = page.getByRole('form', { name: 'Ответ дизайнера' });
    await expect(form.getByRole('button', { name: 'Отправить макеты' })).toBeDisabled();
    const chooser = page.waitForEvent('filechooser');
    await form.getByRole('button', { name: 'Загрузить файлы' }).click();
    await (await chooser).setFiles({ name: 'Макет площадки.png', mimeType: 'image/png', buffer: tinyPng });
    const uploaded = form.getByRole('list', { name: 'Загруженные файлы' });
    await expect(uploaded.getByText('Макет площадки.png')).toBeVisible();
    await expect(uploaded.getByRole('button', { name: 'Скачать Макет площадки.png' })).toBeVisible();

    await form.getByLabel('Комментарий').fill('Два варианта раскладки: шахматка и дорожка');
    await form.getByRole('button', { name: 'Отправить макеты' }).click();
    await expect(page.getByText('Выполнен', { exact: true })).toBeVisible();
    await expect(page.getByText('Два варианта раскладки: шахматка и дорожка')).toBeVisible();

    // The mock-up downloads with the session's credentials.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Скачать Макет площадки.png' }).click();
    expect((await download).suggestedFilename()).toBe('Макет площадки.png');

    const done = await getRequest(manager, request.id);
    expect(done.status).toBe('completed');
    expect(done.files.map((f) => [f.name, f.content_type])).toEqual([['Макет площадки.png', 'image/png']]);
  });

  test('a manager’s day shows an overdue task first; completing it takes it off the list', async ({ page }) => {
    const tag = runTag();
    const manager = await apiAs('manager@demo.local');
    const overdue = await seedTask(manager, {
      kind: 'call',
      title: `Перезвонить по смете ${tag}`,
      due_at: new Date(Date.now() - 3 * 3600_000).toISOString(),
    });
    // Later today in Moscow (the organization's day): five minutes on, or half the time left before
    // midnight when less than ten minutes are (a run at 23:58 would otherwise put it on tomorrow).
    const msk = 3 * 3600_000;
    const toMidnight = 86_400_000 - ((Date.now() + msk) % 86_400_000);
    const later = await seedTask(manager, {
      kind: 'email',
      title: `Отправить КП ${tag}`,
      due_at: new Date(Date.now() + Math.min(5 * 60_000, toMidnight / 2)).toISOString(),
    });

    await signIn(page, 'manager@demo.local');
    await page.getByRole('navigation').getByRole('link', { name: 'Мой день' }).click();
    const overdueGroup = page.getByRole('region', { name: /Просрочено/ });
    const item = overdueGroup.getByRole('listitem', { name: overdue.title });
    await expect(item).toBeVisible();
    await expect(item).toHaveAttribute('data-overdue', 'true');
    await expect(item.getByText('Просрочено')).toBeVisible();
    await expect(item).toContainText('3 ч назад');

    // Overdue tasks come before today's, and ours is among them.
    const titles = await page.getByRole('listitem').evaluateAll((items) =>
      items.map((li) => ({ overdue: li.hasAttribute('data-overdue'), label: li.getAttribute('aria-labelledby') })),
    );
    const firstToday = titles.findIndex((x) => !x.overdue);
    const lastOverdue = titles.map((x) => x.overdue).lastIndexOf(true);
    expect(firstToday === -1 || lastOverdue < firstToday).toBe(true);
    await expect(page.getByRole('listitem', { name: later.title })).toBeVisible();

    await item.getByRole('button', { name: `Выполнить «${overdue.title}»` }).click();
    const dialog = page.getByRole('dialog', { name: 'Выполнить задачу' });
    await dialog.getByLabel('Результат').fill('Клиент согласен, ждёт КП');
    await dialog.getByRole('button', { name: 'Выполнить' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('listitem', { name: overdue.title })).toHaveCount(0);
    await expect(page.getByRole('listitem', { name: later.title })).toBeVisible();
  });
});
