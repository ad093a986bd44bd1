import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, unwrap } from './client';
import { ApiProblem } from './problem';
import { getTokens, setTokens } from './session';

const me = { id: 'u1', email: 'a@b', full_name: 'A', role: 'manager', locale: 'ru', organization: { id: 'o', name: 'O', kind: 'head' }, permissions: [] };

function problem(status: number, code: string) {
  return new Response(JSON.stringify({ type: 'about:blank', title: code, status, code }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

describe('api client', () => {
  const fetchMock = vi.fn<(input: Request | string, init?: RequestInit) => Promise<Response>>();
  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    setTokens({ access: 'old-access', refresh: 'old-refresh' });
  });
  afterEach(() => vi.unstubAllGlobals());

  const authOf = (call: number) => (fetchMock.mock.calls[call]![0] as Request).headers.get('Authorization');

  it('sends the access token', async () => {
    fetchMock.mockResolvedValueOnce(Response.json(me));
    await unwrap(api.GET('/api/v1/me'));
    expect(authOf(0)).toBe('Bearer old-access');
  });

  it('refreshes once on 401 and retries with the new token', async () => {
    fetchMock
      .mockResolvedValueOnce(problem(401, 'unauthorized'))
      .mockResolvedValueOnce(Response.json({ access_token: 'new-access', refresh_token: 'new-refresh', token_type: 'Bearer', expires_in: 900 }))
      .mockResolvedValueOnce(Response.json(me));

    const result = await unwrap(api.GET('/api/v1/me'));

    expect(result.full_name).toBe('A');
    const refreshCall = fetchMock.mock.calls[1]!;
    expect(String(refreshCall[0])).toMatch(/\/api\/v1\/auth\/refresh$/);
    expect(JSON.parse(String(refreshCall[1]?.body))).toEqual({ refresh_token: 'old-refresh' });
    expect(authOf(2)).toBe('Bearer new-access');
    expect(getTokens()).toEqual({ access: 'new-access', refresh: 'new-refresh' });
  });

  it('replays the request body on the retry', async () => {
    fetchMock
      .mockResolvedValueOnce(problem(401, 'unauthorized'))
      .mockResolvedValueOnce(Response.json({ access_token: 'a2', refresh_token: 'r2', token_type: 'Bearer', expires_in: 900 }))
      .mockResolvedValueOnce(Response.json({ id: 'c1' }, { status: 201 }));

    await api.POST('/api/v1/clients', { body: { name: 'ООО Ромашка', person_kind: 'legal' } });

    expect(await (fetchMock.mock.calls[2]![0] as Request).json()).toEqual({ name: 'ООО Ромашка', person_kind: 'legal' });
  });

  it('ends the session when the refresh token is refused', async () => {
    fetchMock.mockResolvedValueOnce(problem(401, 'unauthorized')).mockResolvedValueOnce(problem(401, 'invalid_refresh_token'));

    const error = await unwrap(api.GET('/api/v1/me')).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).status).toBe(401);
    expect(getTokens()).toBeNull();
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('shares one refresh between concurrent requests', async () => {
    let refreshes = 0;
    fetchMock.mockImplementation(async (input) => {
      const url = typeof input === 'string' ? input : input.url;
      if (url.endsWith('/auth/refresh')) {
        refreshes++;
        return Response.json({ access_token: 'fresh', refresh_token: 'r-fresh', token_type: 'Bearer', expires_in: 900 });
      }
      const auth = (input as Request).headers.get('Authorization');
      return auth === 'Bearer fresh' ? Response.json(me) : problem(401, 'unauthorized');
    });

    await Promise.all([unwrap(api.GET('/api/v1/me')), unwrap(api.GET('/api/v1/me')), unwrap(api.GET('/api/v1/me'))]);

    expect(refreshes).toBe(1);
  });

  it('keeps field errors of a 422 as a typed problem', async () => {
    fetchMock.mockResolvedValueOnce(
      new Response(
        JSON.stringify({
          type: 't',
          title: 'Ошибка проверки данных',
          status: 422,
          code: 'validation_failed',
          errors: [{ field: 'counterparty.inn', code: 'invalid_checksum', message: 'Неверное контрольное число ИНН' }],
        }),
        { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
      ),
    );
    const error = (await unwrap(api.POST('/api/v1/clients', { body: { name: 'x', person_kind: 'legal' } })).catch(
      (e: unknown) => e,
    )) as ApiProblem;
    expect(error.code).toBe('validation_failed');
    expect(error.fieldErrors('counterparty.inn')[0]?.code).toBe('invalid_checksum');
  });
});
