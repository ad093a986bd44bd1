// The one HTTP client of the app: openapi-fetch typed by the generated schema.
// - every request carries `Authorization: Bearer <access>`;
// - a 401 triggers exactly one refresh (shared by concurrent requests and, through
//   navigator.locks, by other tabs — refresh tokens rotate and a reused one revokes the
//   whole family) and the request is retried once with the new token;
// - when refreshing fails the session is cleared, and the app shell sends the user to /login.
// Requests the typed client cannot make (file bytes by URL, uploads with progress) go through
// `sendWithSession`, which applies the same two steps.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '../../api/schema';
import { ApiProblem } from './problem';
import { clearTokens, getTokens, readFreshTokens, setTokens } from './session';

/** Same origin as the page (an absolute URL so it also works under jsdom in unit tests). */
const baseUrl = typeof location !== 'undefined' && location.origin !== 'null' ? location.origin : '';

const AUTH_FREE = new Set(['/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/logout']);

/** A sent request: a copy to send again after a refresh, and the token it went with. */
interface Sent {
  retry: Request;
  access: string;
}
const pending = new Map<string, Sent>();
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

/** Adds the access token to the request; null without a session. */
function authorize(request: Request): Sent | null {
  const tokens = getTokens();
  if (!tokens) return null;
  request.headers.set('Authorization', `Bearer ${tokens.access}`);
  return { retry: request.clone(), access: tokens.access };
}

/** After a 401: refreshes once and sends the request again; undefined when the response stands. */
async function retryAfterRefresh(
  response: Response,
  sent: Sent | null | undefined,
  send: (request: Request) => Promise<Response>,
): Promise<Response | undefined> {
  if (response.status !== 401 || !sent) return undefined;
  if (!(await refreshSession(sent.access))) return undefined;
  const tokens = getTokens();
  if (!tokens) return undefined;
  sent.retry.headers.set('Authorization', `Bearer ${tokens.access}`);
  return send(sent.retry);
}

export const authMiddleware: Middleware = {
  onRequest({ request, schemaPath, id }) {
    if (AUTH_FREE.has(schemaPath)) return undefined;
    const sent = authorize(request);
    if (!sent) return undefined;
    pending.set(id, sent);
    return request;
  },
  async onResponse({ response, id, options }) {
    const sent = pending.get(id);
    pending.delete(id);
    return retryAfterRefresh(response, sent, options.fetch);
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

/** An absolute URL for an API path (`/api/v1/…`) or a URL the API returned. */
export function apiUrl(path: string): string {
  return baseUrl ? new URL(path, baseUrl).href : path;
}

/**
 * Sends a request the typed client cannot describe with the session, as every API call is sent:
 * the bearer token, and on 401 one shared refresh and one retry. `send` is the transport
 * (fetch by default; an XMLHttpRequest one reports upload progress). Returns the response as it
 * is — turning a failure into an {@link ApiProblem} is the caller's job; network errors reject.
 */
export async function sendWithSession(
  request: Request,
  send: (request: Request) => Promise<Response> = (r) => globalThis.fetch(r),
): Promise<Response> {
  const sent = authorize(request);
  const response = await send(request);
  return (await retryAfterRefresh(response, sent, send)) ?? response;
}

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
