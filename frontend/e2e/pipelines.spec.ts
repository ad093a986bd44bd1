import { expect, test, type Locator, type Page } from '@playwright/test';
import { apiAs, runTag, signIn } from './support';
import { board, pipelines, seedDeal } from './work-support';

/** Picks an option of a Mantine multi-select by its visible label. */
async function choose(page: Page, select: Locator, option: string | RegExp) {
  const item = page.getByRole('option', { name: option });
  // The text field sits under the pills box; a click while the editor re-renders can land before
  // the dropdown is wired, so open it until the option shows (focus + ArrowDown, then a click).
  await expect(async () => {
    await select.focus();
    await select.press('ArrowDown');
    if (!(await item.isVisible())) await select.click({ force: true });
    await expect(item).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await item.click();
}

test.describe('pipelines of an admin', () => {
  test('creates a pipeline in the editor: an error is shown at its stage, fixed, saved; deals land in the first column', async ({ page }) => {
    const tag = runTag();
    const code = `montazh_${tag}`;
    const name = `Монтаж покрытия ${tag}`;
    await signIn(page, 'admin@demo.local');
    await page.getByRole('navigation').getByRole('link', { name: 'Воронки' }).click();
    await expect(page.getByRole('row').filter({ hasText: 'Продажа плитки' })).toContainText('Встроенная');

    await page.getByRole('button', { name: 'Новая воронка' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новая воронка' });
    await dialog.getByLabel('Название (рус.)').fill(name);
    await dialog.getByLabel('Название (англ.)').fill(`Installation ${tag}`);
    await dialog.getByLabel('Код').fill(code);
    await expect(dialog.getByLabel('С чего начать')).toHaveValue(/Минимальный шаблон/);
    await dialog.getByRole('button', { name: 'Открыть редактор' }).click();

    await expect(page).toHaveURL(/\/admin\/pipelines\/new\?/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    const stages = page.getByRole('table', { name: 'Стадии' });
    await expect(stages.getByRole('row', { name: /^Стадия \d+:/ })).toHaveCount(3);

    // A new stage «Замер» with no way in or out.
    await page.getByRole('button', { name: 'Добавить стадию' }).click();
    await expect(stages.getByRole('row', { name: /^Стадия \d+:/ })).toHaveCount(4);
    await page.getByLabel('Название (рус.), стадия 2').fill('Замер на объекте');
    await page.getByLabel('Название (англ.), стадия 2').fill('Site survey');
    await expect(page.getByLabel('Код, стадия 2')).toHaveValue('zamer_na_obekte');

    await page.getByRole('button', { name: 'Сохранить' }).first().click();

    // The API's objections: at the stage they concern, and in the list at the top.
    const summary = page.getByRole('alert').filter({ hasText: 'Воронку не сохранить' });
    await expect(summary).toContainText('Стадия 2 «Замер на объекте»');
    await expect(summary).toContainText('нельзя попасть');
    const stageRow = stages.getByRole('row', { name: 'Стадия 2: Замер на объекте' });
    await expect(stageRow).toBeVisible();
    const stageError = stages.getByRole('alert').filter({ hasText: 'В стадию «Замер на объекте» нельзя попасть из «Новая»' });
    await expect(stageError).toBeVisible();
    await expect(page).toHaveURL(/\/admin\/pipelines\/new\?/);

    // Fix it: the first stage leads to the survey, the survey to «won».
    const transitions = page.getByRole('table', { name: 'Переходы' });
    await transitions.getByLabel('В стадию, переход 1').selectOption({ label: '2. Замер на объекте' });
    await page.getByRole('button', { name: 'Добавить переход' }).click();
    await transitions.getByLabel('Из стадии, переход 3').selectOption({ label: '2. Замер на объекте' });
    await transitions.getByLabel('В стадию, переход 3').selectOption({ label: '3. Успешно завершено' });
    await page.getByRole('button', { name: 'Добавить условие к переходу 3' }).click();
    await page.getByRole('menuitem', { name: 'Только роли' }).click();
    await choose(page, transitions.getByLabel('Только роли, переход 3'), 'Менеджер по продажам');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Сохранить' }).first().click();
    await expect(page.getByText(`Воронка «${name}» создана`)).toBeVisible();
    await expect(page).toHaveURL(/\/admin\/pipelines\/[0-9a-f-]{36}$/);
    await expect(summary).toBeHidden();
    const id = page.url().split('/').pop()!;

    // Saved as edited.
    const admin = await apiAs('admin@demo.local');
    const saved = (await pipelines(admin)).find((p) => p.id === id)!;
    expect(saved.code).toBe(code);
    expect(saved.definition.stages.map((s) => s.code)).toEqual(['new', 'zamer_na_obekte', 'won', 'lost']);
    expect(saved.definition.transitions.map((t) => `${t.from}→${t.to}`)).toEqual(['new→zamer_na_obekte', '*→lost', 'zamer_na_obekte→won']);
    expect(saved.definition.transitions[2]!.guards).toEqual([{ type: 'roles', roles: ['manager'] }]);

    // A deal on the new pipeline waits in its first column.
    const manager = await apiAs('manager@demo.local');
    const deal = await seedDeal(manager, { title: `Монтаж во дворе ${tag}`, pipeline_id: id });
    expect(deal.stage).toBe('new');
    const columns = (await board(manager, id)).columns;
    expect(columns.map((c) => c.stage)).toEqual(['new', 'zamer_na_obekte', 'won', 'lost']);
    expect(columns[0]!.cards.map((c) => c.id)).toContain(deal.id);
  });

  test('a built-in pipeline opens read-only and offers to create one from it', async ({ page }) => {
    await signIn(page, 'admin@demo.local');
    await page.goto('/admin/pipelines');
    await page.getByRole('row').filter({ hasText: 'Продажа плитки' }).getByRole('link', { name: 'Продажа плитки' }).click();
    await expect(page.getByRole('alert', { name: 'Встроенная воронка' })).toBeVisible();
    // Shown as text, nothing to type into.
    await expect(page.getByLabel('Код, стадия 1', { exact: true })).toHaveText('offer_task');
    await expect(page.getByRole('textbox', { name: 'Код, стадия 1', exact: true })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Сохранить' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Добавить стадию' })).toHaveCount(0);

    await page.getByRole('button', { name: 'Создать на основе' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новая воронка' });
    await expect(dialog.getByLabel('С чего начать')).toHaveValue('Копия воронки «Продажа плитки»');
    await expect(dialog.getByLabel('Название (рус.)')).toHaveValue('Продажа плитки (копия)');
    await dialog.getByRole('button', { name: 'Открыть редактор' }).click();
    await expect(page).toHaveURL(/\/admin\/pipelines\/new\?.*from=/);
    await expect(page.getByRole('textbox', { name: 'Код, стадия 1', exact: true })).toHaveValue('offer_task');
    await expect(page.getByRole('table', { name: 'Переходы' }).getByRole('row', { name: /^Переход \d+:/ })).toHaveCount(37);
  });
});
