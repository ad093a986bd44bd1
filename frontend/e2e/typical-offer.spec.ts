// Seed 000, «Типовое КП отправлено»: on a lead in work («Заявка принята в обработку», in_work) the
// manager sends the typical offer — the server makes it from the rouble price list in force and
// e-mails it — and the lead is in «Типовое КП отправлено» without dragging; its «Документы» list
// the offer with the e-mail's delivery and its PDF. The dialog and the section are checked with
// axe at 1440 and 390 px.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { cardStage } from './sales-support';
import { apiAs, runTag, signIn, uniquePhone } from './support';

/** A lead with an e-mail and a contact, taken into work over the API. */
async function seedLeadInWork(tag: string) {
  const manager = await apiAs('manager@demo.local');
  const created = await manager.client.POST('/api/v1/leads', {
    body: { channel: 'site', company_name: `ООО «Типовое ${tag}»`, contact_name: 'Ирина Петрова', phone: uniquePhone(), email: `zakupki-${tag}@example.ru` },
  });
  if (!created.data) throw new Error(`POST /leads → ${created.response.status}`);
  const moved = await manager.client.POST('/api/v1/leads/{id}/move', {
    params: { path: { id: created.data.id } },
    body: { to: 'in_work', version: created.data.version },
  });
  if (!moved.data) throw new Error(`move to in_work → ${moved.response.status}`);
  return moved.data;
}

async function expectNoSeriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}`).join('\n')}`);
  expect(report, `${what}: serious or critical accessibility violations`).toEqual([]);
}

test('the manager sends the typical offer from a lead in work («Заявка принята в обработку»): the lead moves by itself', async ({ page }) => {
  const tag = runTag();
  const lead = await seedLeadInWork(tag);
  await signIn(page, 'manager@demo.local');
  await page.goto(`/leads/${lead.id}`);
  await expect(cardStage(page)).toHaveText('Заявка принята в обработку');

  // Prefilled from the lead: its e-mail and contact, with the stamp.
  const dialog = page.getByRole('dialog', { name: 'Отправить типовое КП' });
  await page.getByRole('button', { name: 'Отправить типовое КП' }).click();
  const to = dialog.getByLabel('E-mail клиента');
  await expect(to).toHaveValue(`zakupki-${tag}@example.ru`);
  await expect(dialog.getByLabel('Имя получателя')).toHaveValue('Ирина Петрова');
  await expect(dialog.getByRole('switch', { name: 'С печатью и подписью' })).toBeChecked();

  // An address the server refuses is said under its field; nothing is sent.
  await to.fill('zakupki@');
  await dialog.getByRole('button', { name: 'Отправить', exact: true }).click();
  await expect(dialog.getByText('Неверный адрес электронной почты')).toBeVisible();
  await expect(cardStage(page)).toHaveText('Заявка принята в обработку');

  await to.fill(`zakupki-${tag}@example.ru`);
  await dialog.getByRole('button', { name: 'Отправить', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Типовое КП отправлено: письмо поставлено в очередь на zakupki-${tag}@example.ru`)).toBeVisible();
  await expect(cardStage(page)).toHaveText('Типовое КП отправлено');

  // «Документы»: the offer, its e-mail delivered (the live stream brings it), its PDF.
  const documents = page.getByRole('region', { name: 'Документы' });
  const offer = documents.getByRole('listitem', { name: /^Типовое КП № КП-\d+ от \d\d\.\d\d\.\d{4}$/ });
  await expect(offer).toHaveCount(1);
  await expect(offer).toContainText(`Ирина Петрова <zakupki-${tag}@example.ru>`);
  await expect(offer.getByText('Отправлено', { exact: true })).toBeVisible({ timeout: 20_000 });
  await offer.getByRole('button', { name: /^Открыть PDF/ }).click();
  const preview = page.getByRole('dialog', { name: /^Коммерческое предложение № КП-\d+ от \d\d\.\d\d\.\d{4}\.pdf$/ });
  await expect(preview.locator('iframe[title^="PDF: "]')).toHaveAttribute('src', /^blob:/);
  await preview.getByRole('button', { name: 'Закрыть' }).click();
  await expect(preview).toBeHidden();

  // The history says what happened.
  await expect(page.getByRole('region', { name: 'История' }).getByText(/КП-\d+/).first()).toBeVisible();
});

for (const viewport of [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
]) {
  test(`the typical offer's dialog and the lead's documents are accessible (${viewport.name})`, async ({ page }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    const tag = runTag();
    const lead = await seedLeadInWork(tag);
    const manager = await apiAs('manager@demo.local');
    const sent = await manager.client.POST('/api/v1/leads/{id}/typical-offer', {
      params: { path: { id: lead.id } },
      body: { to_address: `zakupki-${tag}@example.ru`, to_name: 'Ирина Петрова' },
    });
    if (!sent.data) throw new Error(`POST /leads/{id}/typical-offer → ${sent.response.status}`);

    await page.goto('/login');
    await page.getByLabel('E-mail').fill('manager@demo.local');
    await page.getByRole('textbox', { name: 'Пароль', exact: true }).fill('demo12345');
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect(page.getByRole('button', { name: 'Выйти' })).toBeVisible();
    await page.goto(`/leads/${lead.id}`);
    await expect(page.getByRole('region', { name: 'Документы' }).getByRole('listitem')).toHaveCount(1);
    await expectNoSeriousViolations(page, 'lead card with documents');

    await page.getByRole('button', { name: 'Отправить типовое КП' }).click();
    const dialog = page.getByRole('dialog', { name: 'Отправить типовое КП' });
    await expect(dialog).toBeVisible();
    // axe measures contrast as painted: let the dialog's fade-in finish first (it failed once mid-fade).
    await expect(dialog).toHaveCSS('opacity', '1');
    await page.waitForTimeout(300);
    await expectNoSeriousViolations(page, 'typical offer dialog');
  });
}
