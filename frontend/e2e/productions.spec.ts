// «Производства» (issue 12): the logistician opens Екатеринбург from the list, is refused a capacity
// of zero under the field, then saves a capacity and an offer's price typed the Russian way and
// sees them in the profile, after a reload and in the list. production1 has «Мой профиль» instead
// of the list: its own profile to read, no form, nobody else's. Then the pages on a desktop and
// at 390 px, checked by axe, with screenshots in test-results/productions/. The profile is put back
// over the API afterwards: the demo's productions are shared by every spec of the run.
import { expect, test, type Page } from '@playwright/test';
import type { paths } from '../src/api/schema';
import { apiAs, signIn } from './support';
import { expectNoSeriousViolations } from './axe';

type ProfileInput = NonNullable<paths['/api/v1/productions/{id}/profile']['put']['requestBody']>['content']['application/json'];

const EKB = 'Производство Екатеринбург';
const NSK = 'Производство Новосибирск';

/** The demo productions' ids, as the head company reads them. */
async function productionIds() {
  const api = await apiAs('logistician@demo.local');
  const list = await api.client.GET('/api/v1/productions');
  const id = (name: string) => list.data!.items.find((p) => p.name === name)!.id;
  return { api, ekb: id(EKB), nsk: id(NSK) };
}

/** Екатеринбург's profile as stored, to put back: the body the PUT takes. */
async function storedProfile(api: Awaited<ReturnType<typeof apiAs>>, id: string): Promise<ProfileInput> {
  const { data } = await api.client.GET('/api/v1/productions/{id}', { params: { path: { id } } });
  const p = data!.profile!;
  return {
    daily_capacity_m2: p.daily_capacity_m2,
    working_days: p.working_days,
    payment_terms: p.payment_terms,
    acceptance_hours: p.acceptance_hours,
    contact_name: p.contact_name,
    contact_phone: p.contact_phone,
    contact_email: p.contact_email,
    offers: p.offers,
  };
}

async function restore(api: Awaited<ReturnType<typeof apiAs>>, id: string, body: ProfileInput) {
  const { data } = await api.client.GET('/api/v1/productions/{id}', { params: { path: { id } } });
  const put = await api.client.PUT('/api/v1/productions/{id}/profile', { params: { path: { id } }, body: { ...body, version: data!.profile!.version } });
  expect(put.data, JSON.stringify(put.error)).toBeTruthy();
}

test('a logistician changes Екатеринбург’s capacity and a price, typed the Russian way, and sees them saved', async ({ page }) => {
  test.setTimeout(90_000);
  const { api, ekb } = await productionIds();
  const before = await storedProfile(api, ekb);
  try {
    await signIn(page, 'logistician@demo.local');
    await page.getByRole('navigation').getByRole('link', { name: 'Производства' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Производства' })).toBeVisible();
    const row = page.getByRole('table', { name: 'Производства' }).getByRole('row').filter({ hasText: EKB });
    await expect(row).toContainText('400 м²/день');
    await expect(row).toContainText('Пн–Сб');
    await expect(row).toContainText('50/50');
    await expect(row).toContainText('990,00 ₽');

    await row.getByRole('link', { name: EKB }).click();
    await expect(page.getByRole('heading', { level: 1, name: EKB })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Мощность и условия' })).toContainText('400 м²/день');
    await page.getByRole('button', { name: 'Изменить профиль' }).click();
    const form = page.getByRole('form', { name: 'Профиль производства' });
    const capacity = form.getByRole('textbox', { name: /Мощность, м² в день/ });
    await expect(capacity).toBeFocused();
    await expect(capacity).toHaveValue('400');

    // The server's refusal lands under the field.
    await capacity.fill('0');
    await form.getByRole('button', { name: 'Сохранить профиль' }).click();
    await expect(capacity).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByText(/Мощность — больше 0/)).toBeVisible();

    // Плитка 30 мм is the second row.
    const tile30 = form.getByRole('group', { name: 'Позиция 2' });
    await expect(tile30.getByRole('textbox', { name: 'Толщина, мм' })).toHaveValue('30');
    const price = tile30.getByRole('textbox', { name: 'Цена за м², ₽' });
    await expect(price).toHaveValue('1\u00a0190,00');
    await capacity.fill('1 250,5');
    await price.fill('1 215,50');
    await form.getByRole('button', { name: 'Сохранить профиль' }).click();
    await expect(page.getByText(`Профиль «${EKB}» сохранён`)).toBeVisible();
    await expect(form).toBeHidden();

    const check = async () => {
      await expect(page.getByRole('region', { name: 'Мощность и условия' })).toContainText('1 250,5 м²/день');
      const offer = page.getByRole('table', { name: 'Позиции производства' }).getByRole('row').filter({ hasText: '30 мм' });
      await expect(offer).toContainText('1 215,50 ₽');
    };
    await check();
    await page.reload();
    await check();
    const stored = await api.client.GET('/api/v1/productions/{id}', { params: { path: { id: ekb } } });
    expect(stored.data!.profile!.daily_capacity_m2).toBe('1250.5');
    expect(stored.data!.profile!.offers.find((o) => o.thickness_mm === '30')!.price_per_m2).toBe('1215.50');

    await page.getByRole('link', { name: /Все производства/ }).click();
    await expect(row).toContainText('1 250,5 м²/день');
  } finally {
    await restore(api, ekb, before);
  }
});

test('production1 reads only its own profile, and cannot edit it', async ({ page }) => {
  const { nsk } = await productionIds();
  await signIn(page, 'production1@demo.local');
  const nav = page.getByRole('navigation');
  await expect(nav.getByRole('link', { name: 'Производства' })).toHaveCount(0);
  await nav.getByRole('link', { name: 'Мой профиль' }).click();
  await expect(page).toHaveURL(/\/productions\/mine$/);
  await expect(page.getByRole('heading', { level: 1, name: EKB })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Мощность и условия' })).toContainText('Пн–Сб');
  await expect(page.getByRole('table', { name: 'Позиции производства' })).toContainText('Бордюр');
  await expect(page.getByRole('button', { name: /Изменить профиль|Заполнить профиль/ })).toHaveCount(0);
  await expect(page.getByRole('form')).toHaveCount(0);
  await expect(page.getByRole('link', { name: /Все производства/ })).toHaveCount(0);

  // The list leads a production to its own profile; another production's is not there for it.
  await page.goto('/productions');
  await expect(page).toHaveURL(/\/productions\/mine$/);
  await expect(page.getByRole('heading', { level: 1, name: EKB })).toBeVisible();
  await page.goto(`/productions/${nsk}`);
  await expect(page.getByText('Ничего не найдено')).toBeVisible();
  await expect(page.getByText(NSK)).toHaveCount(0);
});

for (const viewport of [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
]) {
  const fits = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: `test-results/productions/${name}-${viewport.name}.png`, fullPage: true });

  test(`«Производства» (${viewport.name}): nothing wider than the screen, nothing axe finds serious`, async ({ page }) => {
    test.setTimeout(60_000);
    await signIn(page, 'logistician@demo.local');
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.goto('/productions');
    await expect(page.getByRole('heading', { level: 1, name: 'Производства' })).toBeVisible();
    await expect(page.getByRole('link', { name: EKB })).toBeVisible();
    await fits(page);
    await shot(page, 'list');
    await expectNoSeriousViolations(page, `the list (${viewport.name})`);

    await page.getByRole('link', { name: EKB }).click();
    await expect(page.getByRole('region', { name: 'Мощность и условия' })).toBeVisible();
    await fits(page);
    await shot(page, 'profile');
    await expectNoSeriousViolations(page, `the profile (${viewport.name})`);

    // The form, with a refusal showing; looked at, not saved.
    await page.getByRole('button', { name: 'Изменить профиль' }).click();
    const form = page.getByRole('form', { name: 'Профиль производства' });
    await form.getByRole('textbox', { name: /Мощность, м² в день/ }).fill('много');
    await form.getByRole('button', { name: 'Сохранить профиль' }).click();
    await expect(form.getByText('Введите число, например 1 250,5')).toBeVisible();
    await fits(page);
    await shot(page, 'form');
    await expectNoSeriousViolations(page, `the form (${viewport.name})`);
    await form.getByRole('button', { name: 'Отмена' }).click();
    await expect(form).toBeHidden();
  });

  test(`«Мой профиль» (${viewport.name}): production1's page is clean too`, async ({ page }) => {
    await signIn(page, 'production1@demo.local');
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.goto('/productions/mine');
    await expect(page.getByRole('heading', { level: 1, name: EKB })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Позиции производства' })).toBeVisible();
    await fits(page);
    await shot(page, 'mine');
    await expectNoSeriousViolations(page, `«Мой профиль» (${viewport.name})`);
  });
}
