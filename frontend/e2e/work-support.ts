// Seeding for the work and pipelines browser tests, through the typed API client.
import type { paths } from '../src/api/schema';
import { apiAs } from './support';

type Api = Awaited<ReturnType<typeof apiAs>>;
type NewDeal = NonNullable<paths['/api/v1/deals']['post']['requestBody']>['content']['application/json'];
type NewTask = NonNullable<paths['/api/v1/tasks']['post']['requestBody']>['content']['application/json'];

function must<T>(what: string, r: { data?: T; error?: unknown; response: Response }): T {
  if (r.data === undefined) throw new Error(`${what} → ${r.response.status} ${JSON.stringify(r.error)}`);
  return r.data;
}

/** A demo client of the caller's organization (the demo data has several). */
export async function demoClient(api: Api) {
  const page = must('GET /clients', await api.client.GET('/api/v1/clients', { params: { query: { limit: 50 } } }));
  const client = page.items.find((c) => c.organization_id === api.me.organization.id) ?? page.items[0];
  if (!client) throw new Error('no demo clients');
  return client;
}

/** A deal on a pipeline's first stage, with what that stage opens (the tile sale's delivery-cost request). */
export async function seedDeal(api: Api, body: Omit<NewDeal, 'client_id'> & { client_id?: string }) {
  const client_id = body.client_id ?? (await demoClient(api)).id;
  return must('POST /deals', await api.client.POST('/api/v1/deals', { body: { ...body, client_id } }));
}

export async function openRequest(api: Api, dealId: string, kind: 'delivery_cost' | 'design', details: string) {
  return must(
    'POST /deals/{id}/requests',
    await api.client.POST('/api/v1/deals/{id}/requests', { params: { path: { id: dealId } }, body: { kind, details } }),
  );
}

export async function getDeal(api: Api, id: string) {
  return must('GET /deals/{id}', await api.client.GET('/api/v1/deals/{id}', { params: { path: { id } } }));
}

export async function getRequest(api: Api, id: string) {
  return must('GET /requests/{id}', await api.client.GET('/api/v1/requests/{id}', { params: { path: { id } } }));
}

export async function seedTask(api: Api, body: NewTask) {
  return must('POST /tasks', await api.client.POST('/api/v1/tasks', { body }));
}

export async function pipelines(api: Api) {
  return must('GET /pipelines', await api.client.GET('/api/v1/pipelines', { params: { query: { include_inactive: true } } })).items;
}

export async function board(api: Api, pipelineId: string) {
  return must('GET /pipelines/{id}/board', await api.client.GET('/api/v1/pipelines/{id}/board', { params: { path: { id: pipelineId } } }));
}

/** `YYYY-MM-DD`, `days` from today in the browser's (and the test's) time zone. */
export function dateIn(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The same day as a person types it: `дд.мм.гггг`. */
export function ruDateIn(days: number): string {
  const [y, m, d] = dateIn(days).split('-');
  return `${d}.${m}.${y}`;
}

/** A small PNG (a 1×1 pixel), as a designer's mock-up. */
export const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
