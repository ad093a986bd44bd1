// RFC 9457 problem responses as a typed error. Never collapse one into a plain message: the
// UI needs `code` to translate it and `errors` to put each message next to its field.

export interface FieldError {
  /** Dotted path into the request body, e.g. `counterparty.inn`. */
  field: string;
  code: string;
  message: string;
}

export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string | null;
  code?: string;
  request_id?: string | null;
  errors?: FieldError[] | null;
}

export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | null;
  readonly errors: FieldError[];
  readonly requestId: string | null;
  /** Seconds from the `Retry-After` header (429 responses). */
  readonly retryAfter: number | null;

  constructor(init: {
    status: number;
    code: string;
    title?: string;
    detail?: string | null;
    errors?: FieldError[];
    requestId?: string | null;
    retryAfter?: number | null;
  }) {
    super(init.detail || init.title || init.code);
    this.name = 'ApiProblem';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title ?? '';
    this.detail = init.detail ?? null;
    this.errors = init.errors ?? [];
    this.requestId = init.requestId ?? null;
    this.retryAfter = init.retryAfter ?? null;
  }

  /** Builds the error from a non-2xx response and its already parsed body. */
  static fromResponse(response: Response, body: unknown): ApiProblem {
    const p: ProblemBody = body && typeof body === 'object' ? (body as ProblemBody) : {};
    const retry = response.headers.get('Retry-After');
    const retryAfter = retry !== null && /^\d+$/.test(retry.trim()) ? Number(retry.trim()) : null;
    return new ApiProblem({
      status: response.status,
      code: typeof p.code === 'string' && p.code ? p.code : fallbackCode(response.status),
      title: p.title,
      detail: p.detail ?? (typeof body === 'string' && body ? body : null),
      errors: Array.isArray(p.errors) ? p.errors.filter(isFieldError) : [],
      requestId: p.request_id ?? response.headers.get('X-Request-Id'),
      retryAfter,
    });
  }

  static network(cause: unknown): ApiProblem {
    const problem = new ApiProblem({ status: 0, code: 'network_error', detail: String(cause) });
    return problem;
  }

  fieldErrors(field: string): FieldError[] {
    return this.errors.filter((e) => e.field === field);
  }
}

export function isApiProblem(e: unknown): e is ApiProblem {
  return e instanceof ApiProblem;
}

export function isProblemCode(e: unknown, code: string): boolean {
  return e instanceof ApiProblem && e.code === code;
}

function isFieldError(e: unknown): e is FieldError {
  return !!e && typeof e === 'object' && typeof (e as FieldError).field === 'string';
}

function fallbackCode(status: number): string {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 422:
      return 'validation_failed';
    case 429:
      return 'too_many_attempts';
    default:
      return status >= 500 ? 'internal' : 'bad_request';
  }
}
