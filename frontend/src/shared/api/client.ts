// The one HTTP client of the app: openapi-fetch typed by the generated schema.
// - every request carries `Authorization: Bearer <access>`;
// - a 401 triggers exactly one refresh (shared by concurrent requests and, through
//   navigator.locks, by other tabs — refresh tokens rotate and a reused one revokes the
//   whole family) and the request is retried once with the new token;
// - when refreshing fails the session is cleared, and the app shell sends the user to /login.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '../../api/schema';
import { ApiProblem } from './problem';
import { clearTokens, getTokens, readFreshTokens, setTokens } from './session';

/** Same origin as the page (an absolute URL so it also works under jsdom in unit tests). */
const baseUrl = typeof location !== 'undefined' && location.origin !== 'null' ? location.origin : '';

const AUTH_FREE = new Set(['/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/logout']);

interface Pending {
  retry: Request;
  access: string;
}
const pending = new Map<string, Pending>();
let refreshing: Promise<boolean> | null = null;

/** Refreshes the session unless someone already did since `usedAccess` was sent. */
export function refreshSession(usedAccess: string): Promise<boolean> {
  refreshing ??= withRefreshLock(() => doRefresh(usedAccess)).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function withRefreshLock(run: () => Promise<boolean>): Promise<boolean> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? await locks.request('tessera-refresh', run) : await run();
}

async function doRefresh(usedAccess: string): Promise<boolean> {
  const current = readFreshTokens();
  if (!current) return false;
  if (current.access !== usedAccess) return true; // rotated meanwhile (another request or tab)
  try {
    const response = await globalThis.fetch(`${baseUrl}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refresh_token: current.refresh }),
    });
    if (!response.ok) {
      clearTokens();
      return false;
    }
    const pair = (await response.json()) as { access_token: string; refresh_token: string };
    setTokens({ access: pair.access_token, refresh: pair.refresh_token });
    return true;
  } catch {
    return false; // network trouble: keep the session, the request fails as it is
  }
}

export const authMiddleware: Middleware = {
  onRequest({ request, schemaPath, id }) {
    if (AUTH_FREE.has(schemaPath)) return undefined;
    const tokens = getTokens();
    if (!tokens) return undefined;
    request.headers.set('Authorization', `Bearer ${tokens.access}`);
    pending.set(id, { retry: request.clone(), access: tokens.access });
    return request;
  },
  async onResponse({ response, id, options }) {
    const sent = pending.get(id);
    pending.delete(id);
    if (response.status !== 401 || !sent) return undefined;
    if (!(await refreshSession(sent.access))) return undefined;
    const tokens = getTokens();
    if (!tokens) return undefined;
    sent.retry.headers.set('Authorization', `Bearer ${tokens.access}`);
    return options.fetch(sent.retry);
  },
  onError({ id }) {
    pending.delete(id);
    return undefined;
  },
};

export const api = createClient<paths>({
  baseUrl,
  // Looked up on every call so tests can stub the global fetch.
  fetch: (request: Request) => globalThis.fetch(request),
  headers: { Accept: 'application/json, application/problem+json' },
});
api.use(authMiddleware);

type Result<D> = { data?: D; error?: unknown; response: Response };

/**
 * Awaits an openapi-fetch call and returns its data, or throws an {@link ApiProblem}
 * (network failures included, as `network_error`).
 */
export async function unwrap<D>(call: Promise<Result<D>>): Promise<D> {
  let result: Result<D>;
  try {
    result = await call;
  } catch (e) {
    throw ApiProblem.network(e);
  }
  if (!result.response.ok) throw ApiProblem.fromResponse(result.response, result.error);
  return result.data as D;
}

/** Ends the session on the server (best effort) and locally. */
export async function logout(): Promise<void> {
  const tokens = getTokens();
  if (tokens) {
    try {
      await api.POST('/api/v1/auth/logout', { body: { refresh_token: tokens.refresh } });
    } catch {
      // the local session ends anyway
    }
  }
  clearTokens();
}
