import { expect, test } from '@playwright/test';
import { accountFor, apiAs, breakCheckDigit, legalInn, runTag, seedClient, signIn, uniquePhone } from './support';

const SBERBANK_BIK = '044525225';

test.describe('clients of a sales manager', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, 'manager@demo.local');
    await page.getByRole('link', { name: 'Клиенты' }).click();
  });

  test('creates a client with a legal entity, then adds a bank account by BIK', async ({ page }) => {
    const name = `ООО «Плитка ${runTag()}»`;
    await page.getByRole('link', { name: 'Новый клиент' }).click();
    await page.getByRole('textbox', { name: 'Наименование', exact: true }).fill(name);
    await page.getByLabel('Телефон').fill(uniquePhone());
    await page.getByLabel('Указать контрагента (реквизиты)').check();
    await page.getByLabel('Наименование контрагента').fill(name);
    await page.getByLabel('ИНН').fill(legalInn());
    await page.getByLabel('КПП').fill('773601001');
    await page.getByRole('button', { name: 'Создать клиента' }).click();

    await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}\?tab=counterparties$/);
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    const counterparty = page.getByRole('region', { name });
    await expect(counterparty.getByText('Не одобрен', { exact: true })).toBeVisible();

    await counterparty.getByRole('button', { name: 'Добавить счёт' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новый банковский счёт' });
    await dialog.getByLabel('БИК').fill(SBERBANK_BIK);
    await expect(dialog.getByRole('textbox', { name: 'Банк', exact: true })).toHaveValue(/Сбербанк/);
    await expect(dialog.getByRole('textbox', { name: 'Банк', exact: true })).toHaveValue('ПАО Сбербанк');
    await expect(dialog.getByRole('textbox', { name: 'Город', exact: true })).toHaveValue('Москва');
    await expect(dialog.getByRole('textbox', { name: 'Корр. счёт', exact: true })).toHaveValue('30101810400000000225');
    const account = accountFor(SBERBANK_BIK);
    await dialog.getByLabel('Расчётный счёт').fill(account);
    await dialog.getByRole('button', { name: 'Добавить счёт' }).click();

    await expect(dialog).toBeHidden();
    const row = counterparty.getByRole('row').filter({ hasText: account });
    await expect(row).toContainText('ПАО Сбербанк');
    await expect(row).toContainText('30101810400000000225');
  });

  test('edits a counterparty: a bad KPP is refused at the field, a good edit is saved', async ({ page }) => {
    const name = `ООО «Правка ${runTag()}»`;
    const manager = await apiAs('manager@demo.local');
    const client = await seedClient(manager, {
      name,
      person_kind: 'legal',
      counterparty: { kind: 'legal_entity', name, inn: legalInn(), kpp: '773601001' },
    });
    await page.goto(`/clients/${client.id}?tab=counterparties`);
    const counterparty = page.getByRole('region', { name });
    await counterparty.getByRole('button', { name: 'Изменить' }).click();
    const dialog = page.getByRole('dialog', { name: 'Изменить контрагента' });
    await dialog.getByLabel('КПП').fill('77360');
    await dialog.getByLabel('Юридический адрес').fill('Москва, ул. Тестовая, 5');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await expect(dialog.getByLabel('КПП')).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByLabel('Юридический адрес')).toHaveValue('Москва, ул. Тестовая, 5');
    await dialog.getByLabel('КПП').fill('7736AB001');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await expect(dialog).toBeHidden();
    await expect(counterparty.getByText('7736AB001')).toBeVisible();
    await expect(counterparty.getByText('Москва, ул. Тестовая, 5')).toBeVisible();
  });

  test('an unknown BIK is shown as an error of the BIK field', async ({ page }) => {
    const manager = await apiAs('manager@demo.local');
    const client = await seedClient(manager, {
      name: `ООО «БИК ${runTag()}»`,
      person_kind: 'legal',
      counterparty: { kind: 'legal_entity', name: 'ООО «БИК»', inn: legalInn(), kpp: '773601001' },
    });
    await page.goto(`/clients/${client.id}?tab=counterparties`);
    await page.getByRole('button', { name: 'Добавить счёт' }).click();
    const dialog = page.getByRole('dialog');
    // The field by its role: while the bank is looked up, a spinner labelled «Ищем банк по БИК…» sits beside it.
    await dialog.getByRole('textbox', { name: 'БИК', exact: true }).fill('049999999');
    await expect(dialog.getByText('Банк с таким БИК не найден')).toBeVisible();
    await expect(dialog.getByRole('textbox', { name: 'БИК', exact: true })).toHaveAttribute('aria-invalid', 'true');

    // Not knowing the BIK, the manager finds the bank by its city.
    await dialog.getByRole('combobox', { name: 'Найти банк по названию или городу' }).fill('екатеринбург');
    await page.getByRole('option', { name: /Уральский банк ПАО Сбербанк, Екатеринбург — 046577674/ }).click();
    await expect(dialog.getByRole('textbox', { name: 'БИК', exact: true })).toHaveValue('046577674');
    await expect(dialog.getByLabel('Банк', { exact: true })).toHaveValue('Уральский банк ПАО Сбербанк');
  });

  test('an INN with a wrong check digit is refused next to the INN field, nothing typed is lost', async ({ page }) => {
    const name = `ООО «Ошибка ${runTag()}»`;
    await page.goto('/clients/new');
    await page.getByRole('textbox', { name: 'Наименование', exact: true }).fill(name);
    await page.getByLabel('Указать контрагента (реквизиты)').check();
    await page.getByLabel('Наименование контрагента').fill(name);
    await page.getByLabel('ИНН').fill(breakCheckDigit(legalInn()));
    await page.getByLabel('КПП').fill('773601001');
    await page.getByRole('button', { name: 'Создать клиента' }).click();

    const inn = page.getByLabel('ИНН');
    await expect(inn).toHaveAttribute('aria-invalid', 'true');
    const describedBy = await inn.getAttribute('aria-describedby');
    const errorId = describedBy?.split(' ').find((id) => id.includes('error'));
    expect(errorId, 'the INN input points at its error text').toBeTruthy();
    await expect(page.locator(`[id="${errorId}"]`)).toContainText(/контрольн/i);
    await expect(page).toHaveURL(/\/clients\/new$/);
    await expect(page.getByRole('textbox', { name: 'Наименование', exact: true })).toHaveValue(name);
    await expect(page.getByLabel('КПП')).toHaveValue('773601001');
  });

  test('a second client with the same phone brings up the similar-clients warning', async ({ page }) => {
    const phone = uniquePhone();
    const manager = await apiAs('manager@demo.local');
    const first = await seedClient(manager, { name: `ИП Первый ${runTag()}`, person_kind: 'person', phone });

    await page.goto('/clients/new');
    await page.getByRole('textbox', { name: 'Наименование', exact: true }).fill(`Совсем другое имя ${runTag()}`);
    await page.getByLabel('Телефон').fill(phone);

    const warning = page.getByRole('status').filter({ hasText: 'Найдены похожие клиенты' });
    await expect(warning).toBeVisible();
    await expect(warning).toContainText(first.name);
    await expect(warning).toContainText('тот же телефон');
    await expect(warning.getByRole('link', { name: /Открыть/ })).toHaveAttribute('href', `/clients/${first.id}`);

    // Creating next to it needs a «yes, another client» first.
    await page.getByRole('button', { name: 'Создать клиента' }).click();
    await expect(warning.getByText('Отметьте «Это другой клиент — создать нового» или откройте найденного клиента')).toBeVisible();
    await expect(page).toHaveURL(/\/clients\/new$/);
    await warning.getByLabel('Это другой клиент — создать нового').check();
    await page.getByRole('button', { name: 'Создать клиента' }).click();
    await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}\?tab=counterparties$/);
  });
});

test.describe('the client with its whole story', () => {
  test('a phone pasted into search opens the client, whose card lists its deals with their totals', async ({ page }) => {
    const manager = await apiAs('manager@demo.local');
    const digits = `9${String(Date.now()).slice(-9)}`;
    const name = `ИП Звонков ${runTag()}`;
    const client = await seedClient(manager, { name, person_kind: 'person', phone: `+7${digits}` });
    const deal = await manager.client.POST('/api/v1/deals', { body: { title: 'Плитка во двор', client_id: client.id, expected_revenue: '125000.50' } });
    expect(deal.response.status).toBe(201);

    await signIn(page, 'manager@demo.local');
    await page.getByRole('link', { name: 'Клиенты' }).click();
    // Pasted the way people write it: 8 (9xx) xxx-xx-xx.
    const pasted = `8 (${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6, 8)}-${digits.slice(8)}`;
    await page.getByLabel('Поиск').fill(pasted);
    await page.getByRole('link', { name, exact: true }).click();

    await expect(page.getByRole('heading', { name })).toBeVisible();
    await expect(page.getByRole('link', { name: /^\+7 \(9\d\d\) / })).toHaveAttribute('href', `tel:+7${digits}`);
    const deals = page.getByRole('table', { name: 'Сделки' });
    await expect(deals.getByRole('row').filter({ hasText: 'Плитка во двор' })).toContainText('125 000,50');
    await expect(page.getByLabel('Итоги по сделкам')).toContainText('Сделок: 1');
  });
});
