/**
 * The one way the client talks to the API: JSON over fetch with the session cookie and the session's
 * CSRF token. Failures become `ApiError` carrying the server's machine code; the client branches on
 * `code`, never on the message text.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly requestId: string | null;

  constructor(status: number, code: string, message: string, details?: unknown, requestId?: string | null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId ?? null;
  }
}

/** Status 0 / code `network.unavailable`: the request never got an HTTP answer (offline, server down). */
export const NETWORK_ERROR_CODE = 'network.unavailable';

export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Do not redirect on 401 / forced password change (the session probe and the login form). */
  skipAuthRedirect?: boolean;
}

export interface AuthRedirects {
  onUnauthenticated: () => void;
  onPasswordChangeRequired: () => void;
}

let csrfToken: string | null = null;
let redirects: AuthRedirects | null = null;

/** Set from the session answer (`/api/auth/me`, login); sent as X-CSRF-Token on unsafe requests. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The session's CSRF token, for the sync engine's own fetches (raw photo bodies, batch errors). */
export function getCsrfToken(): string | null {
  return csrfToken;
}

/** Wired once by the app shell: where to go on 401 and on `auth.password_change_required`. */
export function configureAuthRedirects(handlers: AuthRedirects | null): void {
  redirects = handlers;
}

/** Appends defined, non-empty parameters as a query string. */
export function withQuery(url: string, params: Record<string, string | number | boolean | null | undefined>) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${url}?${query}` : url;
}

function isRawBody(body: unknown): body is Blob | FormData | ArrayBuffer {
  return body instanceof Blob || body instanceof FormData || body instanceof ArrayBuffer;
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; details?: unknown };
  requestId?: unknown;
}

async function toApiError(response: Response): Promise<ApiError> {
  let parsed: ErrorBody | null = null;
  try {
    parsed = (await response.json()) as ErrorBody;
  } catch {
    parsed = null;
  }
  const error = parsed?.error;
  const code = typeof error?.code === 'string' ? error.code : `http.${response.status}`;
  const message = typeof error?.message === 'string' ? error.message : response.statusText;
  const requestId = typeof parsed?.requestId === 'string' ? parsed.requestId : null;
  return new ApiError(response.status, code, message, error?.details, requestId);
}

export async function request<T>(
  method: HttpMethod,
  url: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let payload: BodyInit | undefined;
  if (body !== undefined) {
    if (isRawBody(body)) payload = body;
    else {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, NETWORK_ERROR_CODE, 'Network error', undefined, null);
  }

  if (!response.ok) {
    const error = await toApiError(response);
    if (!options.skipAuthRedirect && redirects) {
      if (error.status === 401) redirects.onUnauthenticated();
      else if (error.status === 403 && error.code === 'auth.password_change_required')
        redirects.onPasswordChangeRequired();
    }
    throw error;
  }
  if (response.status === 204 || method === 'HEAD') return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
