import { expect, test } from '@playwright/test';
import { apiAs, runTag, signIn } from './support';
import { answerDeliveryAsLogistician, cardStage, seedDeal } from './sales-support';

test.describe('live updates and notifications', () => {
  test('a logistician answers in one browser; the manager’s open deal card changes and the bell counts one, without a reload', async ({
    page,
    browser,
  }) => {
    test.setTimeout(90_000);
    const company = `ООО «Живая ${runTag()}»`;
    const manager = await apiAs('manager@demo.local');
    const { deal } = await seedDeal(manager, company);
    // Earlier tests left the manager notifications: start from none unread.
    await manager.client.POST('/api/v1/notifications/read-all');
    await signIn(page, 'manager@demo.local');

    await page.goto(`/deals/${deal.id}`);
    await expect(cardStage(page)).toContainText('Задача на подготовку индивидуального КП получена');
    const bell = page.getByRole('button', { name: 'Уведомления', exact: true });
    await expect(bell).toBeVisible();
    let reloaded = false;
    page.on('load', () => (reloaded = true));

    await answerDeliveryAsLogistician(browser, deal.number);

    await expect(cardStage(page)).toContainText('Стоимость доставки от логиста получена', { timeout: 10_000 });
    await expect(page.getByRole('button', { name: 'Уведомления: Непрочитанных: 1' })).toBeVisible();
    const message = page.getByRole('alert').filter({ hasText: 'Новое уведомление' });
    await expect(message).toContainText(`по сделке №${deal.number}`);
    expect(reloaded, 'nothing reloaded the page').toBe(false);

    // The bell lists it; opening it goes to the request and marks it read.
    await page.getByRole('button', { name: 'Уведомления: Непрочитанных: 1' }).click();
    const item = page.getByRole('button', { name: new RegExp(`Ответ на запрос №\\d+ «Стоимость доставки» по сделке №${deal.number}`) });
    await item.click();
    await expect(page).toHaveURL(/\/requests\//);
    await expect(page.getByRole('button', { name: 'Уведомления', exact: true })).toBeVisible();
  });
});
