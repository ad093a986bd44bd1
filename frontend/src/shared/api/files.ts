// File bytes to and from the API: an upload (optionally with progress) and a download saved under
// the server's file name. Both go with the session as every API call does (`sendWithSession`: the
// token, one shared refresh and one retry on 401) and fail with a typed ApiProblem.
import type { paths } from '../../api/schema';
import { apiUrl, sendWithSession } from './client';
import { ApiProblem } from './problem';
import type { Ok } from './types';

/** The API paths that take a file's bytes as the body and its name as `?name=` (from the spec). */
export type UploadPath = {
  [P in keyof paths]: paths[P] extends {
    post: { parameters: { query: { name: string } }; requestBody: { content: { 'application/octet-stream': unknown } } };
  }
    ? P
    : never;
}[keyof paths];

type PathParams<P extends UploadPath> = paths[P]['post']['parameters']['path'];

export interface UploadOptions {
  /** Called with 0…1 while the bytes go up (then the upload uses XMLHttpRequest: fetch cannot report it). */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * Uploads a file: POST `path` (its `{id}` filled from `params`) with the bytes as the body, the
 * file's type as Content-Type and its name as `?name=`. Returns the stored file (with its `url`).
 * Throws {@link ApiProblem} (422 with field errors, 404, network_error…); an abort rejects with
 * an AbortError.
 */
export async function uploadFile<P extends UploadPath>(
  path: P,
  params: PathParams<P>,
  file: File,
  { onProgress, signal }: UploadOptions = {},
): Promise<Ok<P, 'post'>> {
  const filled = path.replace(/\{(\w+)\}/g, (_, key: string) =>
    encodeURIComponent(String((params as Record<string, string>)[key])),
  );
  const request = new Request(apiUrl(`${filled}?name=${encodeURIComponent(file.name)}`), {
    method: 'POST',
    body: file,
    headers: {
      'Content-Type': file.type || 'application/octet-stream',
      Accept: 'application/json, application/problem+json',
    },
    signal,
  });
  const response = await send(request, onProgress ? withProgress(onProgress) : undefined);
  if (!response.ok) throw await problemOf(response);
  return (await response.json()) as Ok<P, 'post'>;
}

/**
 * Downloads a file by its API url (a stored file's `url`, e.g. `/api/v1/files/{id}`) and hands it
 * to the browser under the name the server gives (Content-Disposition), else `fallbackName`.
 * Throws {@link ApiProblem}.
 */
export async function downloadFile(url: string, fallbackName?: string, onBytes?: (received: number) => void): Promise<void> {
  const response = await send(new Request(apiUrl(url)));
  if (!response.ok) throw await problemOf(response);
  const blob = onBytes && response.body ? await readCounting(response, onBytes) : await response.blob();
  save(blob, fileNameOf(response.headers.get('Content-Disposition')) ?? fallbackName ?? 'file');
}

/** Reads a body to its end, telling how many bytes have come so far (a streamed export's progress). */
async function readCounting(response: Response, onBytes: (received: number) => void): Promise<Blob> {
  const reader = response.body!.getReader();
  const parts: BlobPart[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    received += value.byteLength;
    onBytes(received);
  }
  return new Blob(parts, { type: response.headers.get('Content-Type') ?? undefined });
}

/** The file name of a Content-Disposition header: `filename*=UTF-8''…` first, then `filename=`. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*([\w-]*)'[^']*'([^;\s]+)/i.exec(disposition);
  if (extended?.[2]) {
    try {
      return decodeURIComponent(extended[2]);
    } catch {
      // a malformed escape: try the plain name
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(disposition);
  const name = plain ? (plain[1]?.replace(/\\(.)/g, '$1') ?? plain[2]?.trim()) : undefined;
  return name || null;
}

async function send(request: Request, transport?: (request: Request) => Promise<Response>): Promise<Response> {
  try {
    return await sendWithSession(request, transport);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw ApiProblem.network(e);
  }
}

async function problemOf(response: Response): Promise<ApiProblem> {
  const text = await response.text().catch(() => '');
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return ApiProblem.fromResponse(response, body);
}

/** A fetch-like transport over XMLHttpRequest that reports upload progress. */
function withProgress(onProgress: (fraction: number) => void) {
  return async (request: Request): Promise<Response> => {
    const body = await request.blob();
    return new Promise<Response>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(request.method, request.url);
      request.headers.forEach((value, name) => xhr.setRequestHeader(name, value));
      xhr.responseType = 'arraybuffer';
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
      };
      xhr.onload = () => {
        const empty = [204, 205, 304].includes(xhr.status);
        resolve(
          new Response(empty ? null : (xhr.response as ArrayBuffer), {
            status: xhr.status,
            statusText: xhr.statusText,
            headers: parseHeaders(xhr.getAllResponseHeaders()),
          }),
        );
      };
      xhr.onerror = () => reject(new TypeError('upload failed'));
      xhr.onabort = () => reject(new DOMException('The upload was aborted', 'AbortError'));
      if (request.signal.aborted) {
        reject(new DOMException('The upload was aborted', 'AbortError'));
        return;
      }
      request.signal.addEventListener('abort', () => xhr.abort(), { once: true });
      onProgress(0);
      xhr.send(body);
    });
  };
}

function parseHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.trim().split(/[\r\n]+/)) {
    const at = line.indexOf(':');
    if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return headers;
}

/** Hands a blob to the browser as a download. */
function save(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: the browser may still be reading it when click() returns.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
