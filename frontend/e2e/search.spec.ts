import { expect, test } from '@playwright/test';
import { apiAs, runTag, seedClient, signIn } from './support';

test.describe('one search from anywhere', () => {
  test('a phone pasted in the header search opens the client; Ctrl+K finds a deal by its number', async ({ page }) => {
    const manager = await apiAs('manager@demo.local');
    const digits = `9${String(Date.now()).slice(-9)}`;
    const name = `ООО «Поисковик ${runTag()}»`;
    const client = await seedClient(manager, { name, person_kind: 'legal', phone: `+7${digits}` });
    const deal = await manager.client.POST('/api/v1/deals', { body: { title: `Двор ${runTag()}`, client_id: client.id } });
    expect(deal.response.status).toBe(201);

    await signIn(page, 'manager@demo.local');
    await page.getByRole('button', { name: /^Найти везде/ }).click();
    const box = page.getByRole('dialog').getByRole('textbox', { name: 'Найти везде' });
    // Pasted the way people write it: 8 (9xx) xxx-xx-xx.
    await box.fill(`8 (${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6, 8)}-${digits.slice(8)}`);
    const found = page.getByRole('dialog').getByRole('button', { name: new RegExp(name.replace(/[«»]/g, '.')) });
    await found.click();
    await expect(page).toHaveURL(new RegExp(`/clients/${client.id}$`));
    await expect(page.getByRole('heading', { name })).toBeVisible();

    // From any page, the keyboard: «№» and the number.
    await page.keyboard.press('Control+K');
    await page.getByRole('dialog').getByRole('textbox', { name: 'Найти везде' }).fill(`№${deal.data!.number}`);
    const hit = page.getByRole('dialog').getByRole('button', { name: new RegExp(`№${deal.data!.number} · ${deal.data!.title}`) });
    await hit.click();
    await expect(page).toHaveURL(new RegExp(`/deals/${deal.data!.id}$`));
  });
});
