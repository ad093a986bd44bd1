// The «documents» area's reference data: the catalogue (supply), exchange rates (accountant) and
// the organization's requisites with its stamp (admin).
import { deflateSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { accountFor, legalInn, runTag, signIn } from './support';

const SBERBANK_BIK = '044525225';

test('supply adds a tile with its attributes and finds it in the catalogue by search', async ({ page }) => {
  const tag = runTag();
  const name = `Плитка Гранит ${tag}`;
  await signIn(page, 'supply@demo.local');
  await page.getByRole('link', { name: 'Каталог' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Каталог' })).toBeVisible();

  await page.getByRole('button', { name: 'Новая позиция' }).click();
  const dialog = page.getByRole('dialog', { name: 'Новая позиция каталога' });
  await expect(dialog.getByLabel('Вид')).toHaveValue('tile');
  await dialog.getByLabel('Наименование').fill(name);
  await dialog.getByLabel('Артикул').fill(`GR-${tag}`);
  await expect(dialog.getByLabel('Единица измерения')).toHaveValue('m2');
  await dialog.getByLabel('Тип плитки').fill('Тротуарная');
  await dialog.getByLabel('Цвет').fill('Графит');
  await dialog.getByLabel('Размер, мм').fill('500x500');
  await dialog.getByLabel('Толщина, мм').fill('60');
  await dialog.getByRole('button', { name: 'Создать' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('searchbox', { name: 'Поиск' }).fill(tag);
  const list = page.getByRole('table', { name: 'Позиции каталога' });
  const row = list.getByRole('row').filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Тротуарная, Графит, 500×500 мм, 60 мм');
  await expect(row).toContainText('м²');
  await expect(list.getByRole('row')).toHaveCount(2); // the header and the one item found
});

test('the accountant enters a EUR rate', async ({ page }) => {
  // A day of 2024 of this run, so a rerun sees its own rate.
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
  const kopecks = String(Math.floor(Math.random() * 10_000)).padStart(4, '0');
  await signIn(page, 'accountant@demo.local');
  await page.getByRole('link', { name: 'Каталог' }).click();
  await page.getByRole('tab', { name: 'Курсы валют' }).click();
  await expect(page.getByRole('button', { name: 'Новая позиция' })).toHaveCount(0);

  await page.getByLabel('Валюта', { exact: true }).first().selectOption('EUR');
  await page.getByRole('textbox', { name: 'Дата' }).fill(`${day}.03.2024`);
  await page.getByLabel('Курс, ₽ за единицу').fill(`97,${kopecks}`);
  await page.getByRole('button', { name: 'Ввести курс' }).click();
  await expect(page.getByText(`Курс EUR на ${day}.03.2024 сохранён`)).toBeVisible();

  const row = page.getByRole('table', { name: 'Курсы валют' }).getByRole('row').filter({ hasText: `${day}.03.2024` });
  await expect(row).toContainText('EUR');
  await expect(row).toContainText(`97,${kopecks}`);
  await expect(row).toContainText('Вручную');
});

test('the admin fills the requisites: a wrong account is refused under its field, then a stamp is uploaded', async ({ page }) => {
  await signIn(page, 'admin@demo.local');
  await page.getByRole('link', { name: 'Реквизиты организации' }).click();
  const form = page.getByRole('form', { name: 'Реквизиты организации' });
  await form.getByLabel('Полное наименование').fill('Общество с ограниченной ответственностью «АртПрайм»');
  await form.getByLabel('Краткое наименование').fill('ООО «АртПрайм»');
  await form.getByLabel('ИНН').fill(legalInn());
  await form.getByLabel('Юридический адрес').fill('115114, г. Москва, ул. Летниковская, д. 10');
  await form.getByLabel('БИК').fill(SBERBANK_BIK);
  await expect(form.getByRole('textbox', { name: 'Банк', exact: true })).toHaveValue('ПАО Сбербанк');
  await expect(form.getByLabel('Корр. счёт')).toHaveValue('30101810400000000225');
  const good = accountFor(SBERBANK_BIK);
  const wrong = good.slice(0, -1) + ((Number(good.at(-1)) + 1) % 10);
  await form.getByLabel('Расчётный счёт').fill(wrong);
  await form.getByLabel('Руководитель (для подписи)').fill('Петров П. П.');
  await form.getByRole('button', { name: 'Сохранить реквизиты' }).click();

  const account = form.getByLabel('Расчётный счёт');
  await expect(account).toHaveAttribute('aria-invalid', 'true');
  // The server's message, under the field it names (Mantine ties it to the input).
  await expect(account).toHaveAccessibleDescription(/Номер счёта не соответствует БИК/);

  await account.fill(good);
  await form.getByRole('button', { name: 'Сохранить реквизиты' }).click();
  await expect(page.getByText('Реквизиты сохранены')).toBeVisible();
  await expect(account).not.toHaveAttribute('aria-invalid', 'true');

  const stamp = page.getByRole('group', { name: 'Печать' });
  const chooser = page.waitForEvent('filechooser');
  // The demo's organization may have a stamp already: then the button replaces it.
  await stamp.getByRole('button', { name: /^(Загрузить|Заменить): Печать$/ }).click();
  await (await chooser).setFiles({ name: 'stamp.png', mimeType: 'image/png', buffer: tinyPng() });
  await expect(page.getByText('Картинка «Печать» загружена')).toBeVisible();
  const preview = stamp.getByRole('img', { name: 'Предпросмотр: Печать' });
  await expect(preview).toBeVisible();
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(4);
});

/** A 4×4 PNG of one colour, made here: signature, IHDR, IDAT and IEND with their CRCs. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const size = 4;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter, no interlace
  const row = Buffer.from([0, ...Array.from({ length: size }, () => [0x1f, 0x4e, 0xb5]).flat()]);
  const pixels = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
