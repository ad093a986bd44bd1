import { expect, test } from '@playwright/test';
import { runTag, signIn } from './support';

test('a task made in «Мой день» is about a client found by name, and leads to it', async ({ page }) => {
  const title = `Поздравить с юбилеем ${runTag()}`;
  await signIn(page, 'manager@demo.local');
  await page.getByRole('navigation').getByRole('link', { name: 'Мой день' }).click();
  await page.getByRole('button', { name: 'Новая задача' }).click();
  const dialog = page.getByRole('dialog', { name: 'Новая задача' });
  await dialog.getByLabel('Что сделать').fill(title);
  const about = dialog.getByRole('combobox', { name: 'О ком или о чём' });
  await about.fill('ДачаСтрой');
  await page.getByRole('option', { name: 'Клиент · ООО «ДачаСтрой»' }).click();
  await expect(about).toHaveValue('Клиент · ООО «ДачаСтрой»');
  await dialog.getByRole('button', { name: 'Поставить задачу' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('tab', { name: 'Все мои' }).click();
  const item = page.getByRole('listitem').filter({ hasText: title });
  await item.getByRole('link', { name: 'Клиент: ООО «ДачаСтрой»' }).click();
  await expect(page.getByRole('heading', { name: 'ООО «ДачаСтрой»' })).toBeVisible();
});
