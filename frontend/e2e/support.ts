// Seeding through the typed API client, plus generators of valid Russian requisites so
// reruns against the same database never collide.
import { expect, type Page } from '@playwright/test';
import createClient from 'openapi-fetch';
import type { paths } from '../src/api/schema';

export const PASSWORD = 'demo12345';
export const baseUrl = process.env.E2E_BASE_URL ?? `http://127.0.0.1:${process.env.E2E_PORT ?? '8099'}`;

/** A typed API client signed in as `email`. */
export async function apiAs(email: string) {
  const anon = createClient<paths>({ baseUrl });
  const { data, error } = await anon.POST('/api/v1/auth/login', { body: { email, password: PASSWORD } });
  if (!data) throw new Error(`login ${email} failed: ${JSON.stringify(error)}`);
  const client = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${data.access_token}` } });
  const me = await client.GET('/api/v1/me');
  if (!me.data) throw new Error(`GET /me as ${email} failed: ${JSON.stringify(me.error)}`);
  return { client, me: me.data };
}

type CreateClientBody = NonNullable<paths['/api/v1/clients']['post']['requestBody']>['content']['application/json'];

export async function seedClient(api: Awaited<ReturnType<typeof apiAs>>, body: CreateClientBody) {
  const { data, error, response } = await api.client.POST('/api/v1/clients', { body });
  if (!data) throw new Error(`POST /clients → ${response.status} ${JSON.stringify(error)}`);
  return data;
}

export async function signIn(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('textbox', { name: 'Пароль', exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

/** Something unique to this run, to find our own records among everyone else's. */
export const runTag = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;

const randomDigits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

/** A 10-digit INN of a legal entity with a correct check digit. */
export function legalInn(): string {
  const head = `77${randomDigits(7)}`;
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const sum = weights.reduce((s, w, i) => s + w * Number(head[i]), 0);
  return head + ((sum % 11) % 10);
}

/** The same INN with a wrong check digit. */
export function breakCheckDigit(inn: string): string {
  const last = Number(inn.at(-1));
  return inn.slice(0, -1) + ((last + 1) % 10);
}

/** A 20-digit settlement account whose control key matches the BIK (weights 7,1,3). */
export function accountFor(bik: string): string {
  const body = `40702810_${randomDigits(11)}`;
  const digits = bik.slice(-3) + body;
  const weights = [7, 1, 3];
  let sum = 0;
  for (let i = 0; i < digits.length; i++) if (digits[i] !== '_') sum += Number(digits[i]) * weights[i % 3]!;
  // The key sits at position 12 of the 23 digits (weight 3; 3·7 ≡ 1 mod 10).
  const key = (((10 - (sum % 10)) % 10) * 7) % 10;
  return body.replace('_', String(key));
}

/** A Moscow mobile number nobody else uses. */
export const uniquePhone = () => `+7916${randomDigits(7)}`;

/** A 12-digit INN of an individual (a sole trader) with correct check digits. */
export function personInn(): string {
  const digits = `50${randomDigits(8)}`.split('').map(Number);
  const check = (weights: number[]) => (weights.reduce((s, w, i) => s + w * digits[i]!, 0) % 11) % 10;
  digits.push(check([7, 2, 4, 10, 3, 5, 9, 4, 6, 8]));
  digits.push(check([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]));
  return digits.join('');
}
