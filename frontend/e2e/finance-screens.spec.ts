// The accountant's money screens (issue 11): the demo bank statement uploaded from «Платежи» —
// its preview with the line that pays an invoice by itself, the import, the unmatched queue with a
// payment put on its invoice in one click, the same file again refused as already loaded — and
// «Дебиторка». A payer nobody knows made a client from the payment's drawer by the accountant, and
// that client's payment history downloaded as CSV. Then axe on both pages at the desktop width and on a phone.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { accountFor, apiAs, breakCheckDigit, personInn, runTag, signIn } from './support';
import { expectNoSeriousViolations } from './axe';

const STATEMENT = readFileSync(fileURLToPath(new URL('../../crates/api/assets/demo/statement.txt', import.meta.url)));

/** The demo statement is of the head company's demo account: put it back if a spec that edits
 * the requisites (catalogue.spec.ts) changed it on this server. */
async function ourDemoAccount() {
  const admin = await apiAs('admin@demo.local');
  const head = admin.me.organization.id;
  const current = await admin.client.GET('/api/v1/organizations/{id}/requisites', { params: { path: { id: head } } });
  const r = current.data;
  if (!r || (r.bank_account === '40702810238000001001' && r.bik === '044525225')) return;
  const put = await admin.client.PUT('/api/v1/organizations/{id}/requisites', {
    params: { path: { id: head } },
    body: {
      version: r.version,
      full_name: r.full_name,
      short_name: r.short_name,
      inn: r.inn,
      kpp: r.kpp,
      ogrn: r.ogrn,
      legal_address: r.legal_address,
      postal_address: r.postal_address,
      phone: r.phone,
      email: r.email,
      bank_account: '40702810238000001001',
      bik: '044525225',
      corr_account: r.corr_account,
      bank_name: r.bank_name,
      bank_city: r.bank_city,
      director_position: r.director_position,
      director_name: r.director_name,
      director_acting: r.director_acting,
      accountant_name: r.accountant_name,
    },
  });
  if (!put.data) throw new Error(`PUT requisites → ${put.response.status} ${JSON.stringify(put.error)}`);
}

async function chooseStatement(page: Page) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByLabel('Файл выписки').click();
  await (await chooser).setFiles({ name: 'statement.txt', mimeType: 'text/plain', buffer: STATEMENT });
  await expect(page.getByRole('heading', { name: 'Что будет загружено' })).toBeVisible();
}

test('the accountant uploads the demo statement, puts a payment on its invoice, and the same file again is refused', async ({ page }) => {
  test.setTimeout(90_000);
  await ourDemoAccount();
  await signIn(page, 'accountant@demo.local');
  await page.getByRole('link', { name: 'Платежи' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Платежи' })).toBeVisible();
  await page.getByRole('link', { name: 'Загрузить выписку' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Загрузка выписки' })).toBeVisible();

  await chooseStatement(page);
  // A server that has seen the demo statement already (a rerun against the same database) can
  // only say so; the import itself is the fresh demo's.
  test.skip(await page.getByText('Эта выписка уже загружена').isVisible(), 'the demo statement was imported before on this server');

  await expect(page.getByText('Новых: 8')).toBeVisible();
  await expect(page.getByText('Уже загружено: 0')).toBeVisible();
  await expect(page.getByText('Ошибок: 0')).toBeVisible();
  await expect(page.getByText(/^Разнесётся автоматически: [1-9]/)).toBeVisible();
  await expect(page.getByText('Поступит 3 331 850,00 ₽, спишется 258 500,00 ₽')).toBeVisible();
  const lines = page.getByRole('table', { name: 'Строки выписки' });
  await expect(lines.getByRole('row')).toHaveCount(9); // the header and eight documents
  const matched = lines.getByRole('row').filter({ hasText: 'Предоплата по сч. 2' });
  await expect(matched).toContainText('Разнесётся');
  await expect(matched).toContainText('→ счёт № 2');
  await expect(matched).toContainText('В назначении платежа указан счёт № 2');
  await expect(lines.getByRole('row').filter({ hasText: 'Оплата за резиновую плитку 30 мм' })).toContainText(
    'В назначении платежа не найден номер счёта',
  );

  await page.getByRole('button', { name: 'Загрузить', exact: true }).click();
  const done = page.getByRole('status').filter({ hasText: 'Выписка загружена' });
  await expect(done).toContainText('Загружено платежей: 8');
  await expect(done).toContainText('разнесено автоматически: 1');
  await expect(page.getByRole('table', { name: 'Загруженные выписки' })).toContainText('statement.txt');

  // The unmatched queue: the ДачаСтрой payment waits with a suggestion; one click puts it on the invoice.
  await done.getByRole('link', { name: 'Разнести оставшиеся' }).click();
  await expect(page.getByRole('switch', { name: /Неразнесённые/ })).toBeChecked();
  const queue = page.getByRole('table', { name: 'Список платежей' });
  await queue.getByRole('button', { name: /^Открыть платёж № 1042 / }).click();
  const drawer = page.getByRole('dialog', { name: /^Поступление № 1042 от 25\.11\.2026/ });
  await expect(drawer.getByText('Почему не разнесён автоматически')).toBeVisible();
  await expect(drawer).toContainText('ИНН плательщика совпадает с ИНН покупателя по счёту');
  await drawer.getByRole('button', { name: 'Разнести 825 000,00 ₽ на счёт № 1' }).click();
  await expect(page.getByText('На счёт № 1 разнесено 825 000,00 ₽')).toBeVisible();
  await expect(drawer.getByText('Счёт № 1', { exact: true })).toBeVisible();
  await expect(drawer.getByRole('button', { name: /^Разнести/ })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(queue.getByRole('button', { name: /^Открыть платёж № 1042 / })).toHaveCount(0);

  // The same file again: nothing new, and the page says when it was loaded.
  await page.goto('/payments/import');
  await chooseStatement(page);
  await expect(page.getByText(/Эта выписка уже загружена \d\d\.\d\d\.\d{4}/)).toBeVisible();
  await expect(page.getByText('Новых платежей в выписке нет')).toBeVisible();
  await expect(page.getByText('Новых: 0')).toBeVisible();
  await expect(page.getByText('Уже загружено: 8')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Загрузить', exact: true })).toBeDisabled();
});

test('the accountant sees the receivables by client and by deal', async ({ page }) => {
  await signIn(page, 'accountant@demo.local');
  await page.getByRole('link', { name: 'Дебиторка' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Дебиторская задолженность' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Дебиторская задолженность по срокам' });
  await expect(table.getByRole('columnheader', { name: '31–60 дней' })).toBeVisible();
  const rows = table.locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(0);
  await expect(rows.first().getByRole('link')).toHaveAttribute('href', /^\/clients\//);
  await expect(table.locator('tfoot')).toContainText('Итого');

  await page.getByText('По сделкам').click();
  await expect(table.getByRole('columnheader', { name: 'Сделка' })).toBeVisible();
  await expect(rows.first().getByRole('link').nth(1)).toHaveAttribute('href', /^\/deals\//);
  await expect(page.getByRole('button', { name: 'Выгрузить в Excel (.xlsx)' })).toBeVisible();
});

test('a payer nobody knows becomes a client from the payment; its payment history downloads as CSV', async ({ page }) => {
  test.setTimeout(120_000);
  const tag = runTag();
  const accountant = await apiAs('accountant@demo.local');
  const inn = personInn();
  const account = accountFor('044525225');
  const payer = `ИП Платёжкин Пётр ${tag}`;
  const paidOn = new Date().toISOString().slice(0, 10);
  const record = async (number: string) => {
    const { data, error } = await accountant.client.POST('/api/v1/payments', {
      body: {
        direction: 'incoming',
        method: 'bank',
        number,
        paid_on: paidOn,
        amount: '12345.67',
        party_name: payer,
        party_inn: inn,
        party_account: account,
        party_bik: '044525225',
        purpose: `Оплата за резиновую плитку ${tag}`,
        is_refund: false,
      },
    });
    if (!data) throw new Error(`POST /payments → ${JSON.stringify(error)}`);
    return data;
  };
  const first = await record(`A-${tag}`);
  // The same payer's other payment stays without a client: not in the client's history.
  await record(`B-${tag}`);

  // The accountant creates the client (recording payments is enough): the form is the payer's.
  await signIn(page, 'accountant@demo.local');
  await page.goto(`/payments?payment=${first.id}`);
  const drawer = page.getByRole('dialog', { name: new RegExp(`^Поступление № A-${tag}`) });
  await expect(drawer.getByText('Клиент не указан')).toBeVisible();
  await drawer.getByRole('button', { name: 'Создать клиента из реквизитов плательщика' }).click();
  const modal = page.getByRole('dialog', { name: 'Новый клиент из реквизитов плательщика' });
  await expect(modal.getByRole('textbox', { name: /Название клиента/ })).toHaveValue(payer);
  await expect(modal.getByRole('radio', { name: 'ИП' })).toBeChecked();
  await expect(modal.getByRole('textbox', { name: /^ИНН/ })).toHaveValue(inn);
  await expect(modal.getByRole('textbox', { name: /^Расчётный счёт/ })).toHaveValue(account);

  // A mistyped INN: the server's words under the field, nothing created.
  await modal.getByRole('textbox', { name: /^ИНН/ }).fill(breakCheckDigit(inn));
  await modal.getByRole('button', { name: 'Создать и указать в платеже' }).click();
  await expect(modal.getByText('Неверное контрольное число ИНН')).toBeVisible();
  await expect(modal.getByRole('textbox', { name: /^ИНН/ })).toHaveAttribute('aria-invalid', 'true');

  await modal.getByRole('textbox', { name: /^ИНН/ }).fill(inn);
  // Earlier runs' «ИП Платёжкин» may look similar by name: this one is another.
  const another = modal.getByRole('checkbox', { name: 'Это другой клиент — создать нового' });
  if (await another.isVisible().catch(() => false)) await another.check();
  await modal.getByRole('button', { name: 'Создать и указать в платеже' }).click();
  await expect(page.getByText(`Клиент «${payer}» создан и указан в платеже`)).toBeVisible();
  await expect(modal).toBeHidden();
  const client = drawer.getByRole('link', { name: payer });
  await expect(client).toHaveAttribute('href', /^\/clients\/[0-9a-f-]{36}$/);
  const clientId = (await client.getAttribute('href'))!.split('/').pop()!;
  await page.keyboard.press('Escape');

  // The client's payment history: its card links to the list filtered to it, the list downloads.
  await page.goto(`/clients/${clientId}`);
  await page.getByRole('link', { name: 'История платежей' }).click();
  await expect(page).toHaveURL(new RegExp(`/payments\\?client_id=${clientId}$`));
  const list = page.getByRole('table', { name: 'Список платежей' });
  await expect(list.getByRole('button', { name: new RegExp(`^Открыть платёж № A-${tag} `) })).toBeVisible();
  await expect(list.getByRole('button', { name: new RegExp(`^Открыть платёж № B-${tag} `) })).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Клиент' })).toHaveValue(`${payer} (${inn})`);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Выгрузить в CSV (Excel)' }).click();
  const download = await downloading;
  const csv = readFileSync((await download.path())!);
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel reads UTF-8 by
  const lines = csv.subarray(3).toString('utf8').trim().split(/\r?\n/);
  expect(lines[0]).toMatch(/^Дата;Номер;/);
  expect(lines.slice(1)).toHaveLength(1);
  expect(lines[1]).toContain(`A-${tag}`);
});

for (const viewport of [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
]) {
  test(`the payments and receivables pages have no serious accessibility violations (${viewport.name})`, async ({ page }) => {
    test.setTimeout(60_000); // three axe runs
    await signIn(page, 'accountant@demo.local');
    await page.setViewportSize({ width: viewport.width, height: viewport.height });

    await page.goto('/payments');
    // A table on the desktop, a list of cards on a phone.
    const payments = page.getByLabel('Список платежей');
    await expect(payments).toBeVisible();
    await expectNoSeriousViolations(page, `«Платежи» (${viewport.name})`);
    if (viewport.width < 768) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);

    await payments.getByRole('button', { name: /^Открыть платёж/ }).first().click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expect(page.getByRole('dialog').locator('[aria-busy="true"]')).toHaveCount(0);
    // Once the drawer has slid in: mid-way its overlay leaves the page behind half dimmed.
    await page.waitForFunction(() => document.getAnimations().length === 0);
    await expectNoSeriousViolations(page, `a payment (${viewport.name})`);
    await page.keyboard.press('Escape');

    await page.goto('/receivables');
    await expect(page.getByRole('heading', { level: 1, name: 'Дебиторская задолженность' })).toBeVisible();
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await expectNoSeriousViolations(page, `«Дебиторка» (${viewport.name})`);
  });
}
