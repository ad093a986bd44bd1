import { expect, test } from '@playwright/test';
import { apiAs, runTag, seedClient, signIn } from './support';

test('a production sees only its own clients and cannot open the head company’s', async ({ page }) => {
  const tag = runTag();
  const admin = await apiAs('admin@demo.local');
  const p1 = await apiAs('production1@demo.local');
  const p2 = await apiAs('production2@demo.local');
  const mine = await seedClient(admin, { name: `Клиент П1 ${tag}`, person_kind: 'legal', organization_id: p1.me.organization.id });
  const theirs = await seedClient(admin, { name: `Клиент П2 ${tag}`, person_kind: 'legal', organization_id: p2.me.organization.id });
  const head = await seedClient(admin, { name: `Клиент головной ${tag}`, person_kind: 'legal' });
  expect(head.organization_id).toBe(admin.me.organization.id);
  expect(theirs.organization_id).toBe(p2.me.organization.id);

  await signIn(page, 'production1@demo.local');
  await page.getByRole('link', { name: 'Клиенты' }).click();
  await page.getByLabel('Поиск').fill(tag);
  const table = page.getByRole('table', { name: 'Список клиентов' });
  await expect(table.getByRole('link', { name: mine.name })).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(2); // the header and our own client
  await expect(page.getByText(theirs.name)).toHaveCount(0);
  await expect(page.getByText(head.name)).toHaveCount(0);
  await expect(page.getByRole('columnheader', { name: 'Организация' })).toHaveCount(0);

  await page.goto(`/clients/${head.id}`);
  await expect(page.getByRole('heading', { name: /не найдено/i })).toBeVisible();
  await expect(page.getByText(head.name)).toHaveCount(0);
});
