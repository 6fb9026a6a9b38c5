import { ApiError, getCsrfToken } from '../api/request';

/** The run cannot go on now (offline, server busy): retry later with a backoff. */
export class TryLater extends Error {}

/** Network failure, 401 or 5xx: "try later", nothing local changes. */
export function isTransient(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status === 401 || error.status >= 500);
}

/**
 * fetch for the engine: CSRF on unsafe methods, no HTTP cache; a network failure, 401 and 5xx throw
 * an ApiError (transient), other answers are returned for the caller to read.
 */
export async function http(
  method: string,
  url: string,
  init: { body?: BodyInit; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { Accept: 'application/json', ...init.headers };
  const csrf = getCsrfToken();
  if (csrf && method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = csrf;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: init.body,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network.unavailable', 'Network error');
  }
  if (response.status === 401 || response.status >= 500) {
    throw new ApiError(response.status, `http.${response.status}`, response.statusText);
  }
  return response;
}

/** The API error of a refused answer. */
export async function errorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as {
    error?: { code?: string; message?: string };
  } | null;
  return new ApiError(
    response.status,
    body?.error?.code ?? `http.${response.status}`,
    body?.error?.message ?? response.statusText,
  );
}
