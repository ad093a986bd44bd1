import { File as NodeFile } from 'node:buffer';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { downloadFile, fileNameOf, uploadFile } from './files';
import { ApiProblem } from './problem';
import { getTokens, setTokens } from './session';

const stored = {
  id: 'f1',
  name: 'Макет площадки.png',
  content_type: 'image/png',
  size: 4,
  created_at: '2026-01-01T00:00:00Z',
  url: '/api/v1/files/f1',
};

// Node's File, as fetch and Request here are Node's (jsdom's File is from another realm; a browser has one).
const file = (bytes: (string | Uint8Array)[], name: string, type?: string) => new NodeFile(bytes, name, { type }) as unknown as File;
const png = () => file([new Uint8Array([137, 80, 78, 71])], 'Макет площадки.png', 'image/png');
const refreshed = () => Response.json({ access_token: 'new-access', refresh_token: 'new-refresh', token_type: 'Bearer', expires_in: 900 });
const problem = (status: number, body: object) =>
  new Response(JSON.stringify({ type: 'about:blank', title: 't', status, ...body }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

const fetchMock = vi.fn<(input: Request | string, init?: RequestInit) => Promise<Response>>();
const requestAt = (call: number) => fetchMock.mock.calls[call]![0] as Request;

beforeEach(() => {
  fetchMock.mockReset();
  vi.stubGlobal('fetch', fetchMock);
  setTokens({ access: 'old-access', refresh: 'old-refresh' });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('uploadFile', () => {
  it('posts the bytes with the file’s type, its name and the session', async () => {
    fetchMock.mockResolvedValueOnce(Response.json(stored, { status: 201 }));

    const saved = await uploadFile('/api/v1/requests/{id}/files', { id: 'r 1' }, png());

    expect(saved).toEqual(stored);
    const request = requestAt(0);
    expect(request.method).toBe('POST');
    const url = new URL(request.url);
    expect(url.pathname).toBe('/api/v1/requests/r%201/files');
    expect(url.searchParams.get('name')).toBe('Макет площадки.png');
    expect(request.headers.get('Content-Type')).toBe('image/png');
    expect(request.headers.get('Authorization')).toBe('Bearer old-access');
    expect([...new Uint8Array(await request.arrayBuffer())]).toEqual([137, 80, 78, 71]);
  });

  it('sends a file of unknown type as application/octet-stream', async () => {
    fetchMock.mockResolvedValueOnce(Response.json(stored, { status: 201 }));
    await uploadFile('/api/v1/leads/{id}/files', { id: 'l1' }, file(['x'], 'notes'));
    expect(requestAt(0).headers.get('Content-Type')).toBe('application/octet-stream');
  });

  it('turns a 422 into an ApiProblem with its field errors', async () => {
    fetchMock.mockResolvedValueOnce(
      problem(422, { code: 'validation_failed', errors: [{ field: 'file', code: 'required', message: 'Файл пустой' }] }),
    );

    const error = await uploadFile('/api/v1/deals/{id}/files', { id: 'd1' }, png()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).status).toBe(422);
    expect((error as ApiProblem).code).toBe('validation_failed');
    expect((error as ApiProblem).fieldErrors('file')).toEqual([{ field: 'file', code: 'required', message: 'Файл пустой' }]);
  });

  it('refreshes the session once on 401 and sends the same bytes again', async () => {
    fetchMock
      .mockResolvedValueOnce(problem(401, { code: 'unauthorized' }))
      .mockResolvedValueOnce(refreshed())
      .mockResolvedValueOnce(Response.json(stored, { status: 201 }));

    const saved = await uploadFile('/api/v1/deals/{id}/files', { id: 'd1' }, png());

    expect(saved.id).toBe('f1');
    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect(String(fetchMock.mock.calls[1]![0])).toMatch(/\/api\/v1\/auth\/refresh$/);
    expect(JSON.parse(String(fetchMock.mock.calls[1]![1]?.body))).toEqual({ refresh_token: 'old-refresh' });
    const retry = requestAt(2);
    expect(retry.headers.get('Authorization')).toBe('Bearer new-access');
    expect(new URL(retry.url).searchParams.get('name')).toBe('Макет площадки.png');
    expect([...new Uint8Array(await retry.arrayBuffer())]).toEqual([137, 80, 78, 71]);
    expect(getTokens()).toEqual({ access: 'new-access', refresh: 'new-refresh' });
  });

  it('gives up after a refused refresh: the 401 is the problem and the session ends', async () => {
    fetchMock
      .mockResolvedValueOnce(problem(401, { code: 'unauthorized' }))
      .mockResolvedValueOnce(problem(401, { code: 'invalid_refresh_token' }));

    const error = await uploadFile('/api/v1/deals/{id}/files', { id: 'd1' }, png()).catch((e: unknown) => e);

    expect((error as ApiProblem).status).toBe(401);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(getTokens()).toBeNull();
  });

  it('reports a failed connection as network_error', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const error = await uploadFile('/api/v1/deals/{id}/files', { id: 'd1' }, png()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).code).toBe('network_error');
  });
});

/** Enough of XMLHttpRequest for uploads: answers each send with the next queued response. */
class FakeXhr {
  static sent: { method: string; url: string; headers: Record<string, string>; body: Blob }[] = [];
  static replies: { status: number; body: string; headers?: string }[] = [];
  method = '';
  url = '';
  headers: Record<string, string> = {};
  status = 0;
  statusText = '';
  response: ArrayBuffer | null = null;
  responseType = '';
  private responseHeaders = '';
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }
  getAllResponseHeaders() {
    return this.responseHeaders;
  }
  abort() {
    this.onabort?.();
  }
  send(body: Blob) {
    FakeXhr.sent.push({ method: this.method, url: this.url, headers: this.headers, body });
    const reply = FakeXhr.replies.shift()!;
    queueMicrotask(() => {
      this.upload.onprogress?.({ lengthComputable: true, loaded: body.size / 2, total: body.size });
      this.upload.onprogress?.({ lengthComputable: true, loaded: body.size, total: body.size });
      this.status = reply.status;
      this.response = new TextEncoder().encode(reply.body).buffer as ArrayBuffer;
      this.responseHeaders = reply.headers ?? 'content-type: application/json\r\n';
      this.onload?.();
    });
  }
}

describe('uploadFile with progress', () => {
  beforeEach(() => {
    FakeXhr.sent = [];
    FakeXhr.replies = [];
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
  });

  it('reports progress and sends the same request over XMLHttpRequest', async () => {
    FakeXhr.replies.push({ status: 201, body: JSON.stringify(stored) });
    const progress: number[] = [];

    const saved = await uploadFile('/api/v1/requests/{id}/files', { id: 'r1' }, png(), { onProgress: (p) => progress.push(p) });

    expect(saved).toEqual(stored);
    expect(progress).toEqual([0, 0.5, 1]);
    const [sent] = FakeXhr.sent;
    expect(sent!.method).toBe('POST');
    expect(new URL(sent!.url).searchParams.get('name')).toBe('Макет площадки.png');
    expect(sent!.headers['content-type']).toBe('image/png');
    expect(sent!.headers.authorization).toBe('Bearer old-access');
    expect(sent!.body.size).toBe(4);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('refreshes once on 401 and uploads again with the new token', async () => {
    FakeXhr.replies.push(
      { status: 401, body: JSON.stringify({ code: 'unauthorized' }), headers: 'content-type: application/problem+json\r\n' },
      { status: 201, body: JSON.stringify(stored) },
    );
    fetchMock.mockResolvedValueOnce(refreshed());

    await uploadFile('/api/v1/requests/{id}/files', { id: 'r1' }, png(), { onProgress: () => {} });

    expect(fetchMock).toHaveBeenCalledTimes(1); // the refresh
    expect(FakeXhr.sent.map((s) => s.headers.authorization)).toEqual(['Bearer old-access', 'Bearer new-access']);
    expect(FakeXhr.sent[1]!.body.size).toBe(4);
  });

  it('keeps a 422 typed, Retry-After included', async () => {
    FakeXhr.replies.push({
      status: 422,
      body: JSON.stringify({ code: 'validation_failed', errors: [{ field: 'status', code: 'not_allowed', message: 'Запрос уже выполнен' }] }),
      headers: 'content-type: application/problem+json\r\nretry-after: 3\r\n',
    });

    const error = (await uploadFile('/api/v1/requests/{id}/files', { id: 'r1' }, png(), { onProgress: () => {} }).catch(
      (e: unknown) => e,
    )) as ApiProblem;

    expect(error).toBeInstanceOf(ApiProblem);
    expect(error.fieldErrors('status')[0]?.code).toBe('not_allowed');
    expect(error.retryAfter).toBe(3);
  });
});

describe('downloadFile', () => {
  // jsdom has no object URLs.
  beforeEach(() => {
    URL.createObjectURL = vi.fn(() => 'blob:file');
    URL.revokeObjectURL = vi.fn();
  });
  afterEach(() => {
    Reflect.deleteProperty(URL, 'createObjectURL');
    Reflect.deleteProperty(URL, 'revokeObjectURL');
  });

  function captureSave() {
    const saved: { name: string; href: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, href: this.getAttribute('href') ?? '' });
    });
    return saved;
  }

  it('saves the file under the name the server gives, with the session', async () => {
    const saved = captureSave();
    fetchMock.mockResolvedValueOnce(
      new Response('hello', {
        headers: { 'Content-Disposition': "attachment; filename*=UTF-8''%D0%9C%D0%B0%D0%BA%D0%B5%D1%82%20x.txt" },
      }),
    );

    await downloadFile('/api/v1/files/f1', 'other.txt');

    expect(new URL(requestAt(0).url).pathname).toBe('/api/v1/files/f1');
    expect(requestAt(0).headers.get('Authorization')).toBe('Bearer old-access');
    expect(saved).toEqual([{ name: 'Макет x.txt', href: 'blob:file' }]);
  });

  it('tells how many bytes of a streamed export have come, and saves all of them', async () => {
    captureSave();
    const blobs: Blob[] = [];
    (URL.createObjectURL as ReturnType<typeof vi.fn>).mockImplementation((b: Blob) => {
      blobs.push(b);
      return 'blob:file';
    });
    const chunks = ['Номер;Название\r\n', '1;Первая\r\n', '2;Вторая\r\n'].map((c) => new TextEncoder().encode(c));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks) controller.enqueue(c);
        controller.close();
      },
    });
    fetchMock.mockResolvedValueOnce(new Response(body, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } }));
    const seen: number[] = [];

    await downloadFile('/api/v1/deals/export', 'deals.csv', (n) => seen.push(n));

    const total = chunks.reduce((n, c) => n + c.byteLength, 0);
    expect(seen.at(-1)).toBe(total);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    expect(blobs[0]!.size).toBe(total);
    expect(blobs[0]!.type).toBe('text/csv; charset=utf-8');
  });

  it('falls back to the given name without Content-Disposition', async () => {
    const saved = captureSave();
    fetchMock.mockResolvedValueOnce(new Response('hello'));
    await downloadFile('/api/v1/files/f1', 'КП.txt');
    expect(saved.map((s) => s.name)).toEqual(['КП.txt']);
  });

  it('refreshes once on 401 and downloads with the new token', async () => {
    captureSave();
    fetchMock
      .mockResolvedValueOnce(problem(401, { code: 'unauthorized' }))
      .mockResolvedValueOnce(refreshed())
      .mockResolvedValueOnce(new Response('hello'));
    await downloadFile('/api/v1/files/f1', 'a.txt');
    expect(requestAt(2).headers.get('Authorization')).toBe('Bearer new-access');
  });

  it('throws a typed problem and saves nothing when the file is gone', async () => {
    const saved = captureSave();
    fetchMock.mockResolvedValueOnce(problem(404, { code: 'not_found' }));

    const error = await downloadFile('/api/v1/files/f1', 'a.txt').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).code).toBe('not_found');
    expect(saved).toEqual([]);
  });
});

describe('fileNameOf', () => {
  it.each([
    ["attachment; filename*=UTF-8''%D0%9A%D0%9F.pdf", 'КП.pdf'],
    ['attachment; filename="a \\"b\\".txt"', 'a "b".txt'],
    ['attachment; filename=plain.txt', 'plain.txt'],
    ["attachment; filename=\"fallback.txt\"; filename*=UTF-8''%D0%9A%D0%9F.pdf", 'КП.pdf'],
    ['attachment', null],
    [null, null],
  ])('%s → %s', (header, name) => {
    expect(fileNameOf(header)).toBe(name);
  });
});
