import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  configureAuthRedirects,
  NETWORK_ERROR_CODE,
  request,
  setCsrfToken,
  withQuery,
} from '../../src/client/api/request.js';

interface Call {
  url: string;
  init: RequestInit;
}

function headersOf(call: Call | undefined): Record<string, string> {
  return (call?.init.headers ?? {}) as Record<string, string>;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('client request()', () => {
  let calls: Call[];
  let answer: () => Response | Promise<Response>;
  const redirects = { onUnauthenticated: vi.fn(), onPasswordChangeRequired: vi.fn() };

  beforeEach(() => {
    calls = [];
    answer = () => json(200, { ok: true });
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return answer();
    });
    setCsrfToken(null);
    configureAuthRedirects(redirects);
    redirects.onUnauthenticated.mockReset();
    redirects.onPasswordChangeRequired.mockReset();
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    configureAuthRedirects(null);
  });

  it('sends JSON with the session cookie and the CSRF token on unsafe methods only', async () => {
    setCsrfToken('csrf-123');
    await request('POST', '/api/users', { username: 'ivanov' });
    await request('GET', '/api/users');
    const [post, get] = calls;
    const postHeaders = headersOf(post);
    expect(post?.init.credentials).toBe('same-origin');
    expect(post?.init.body).toBe('{"username":"ivanov"}');
    expect(postHeaders['Content-Type']).toBe('application/json');
    expect(postHeaders['X-CSRF-Token']).toBe('csrf-123');
    expect(headersOf(get)['X-CSRF-Token']).toBeUndefined();
  });

  it('turns an error body into ApiError with status, code, message and details', async () => {
    const details = [{ path: 'password', code: 'too_short', message: 'Коротко' }];
    answer = () =>
      json(400, { error: { code: 'auth.weak_password', message: 'Слабый', details }, requestId: 'r1' });
    const error = await request('POST', '/api/auth/password', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'auth.weak_password', message: 'Слабый', details });
    expect((error as ApiError).requestId).toBe('r1');
  });

  it('reports a failed connection as status 0 network.unavailable', async () => {
    answer = () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(request('GET', '/api/auth/me')).rejects.toMatchObject({
      status: 0,
      code: NETWORK_ERROR_CODE,
    });
  });

  it('sends the user to the login page on 401 and to the password change on password_change_required', async () => {
    answer = () => json(401, { error: { code: 'auth.unauthenticated', message: 'x' }, requestId: 'r' });
    await request('GET', '/api/users').catch(() => undefined);
    expect(redirects.onUnauthenticated).toHaveBeenCalledTimes(1);

    answer = () =>
      json(403, { error: { code: 'auth.password_change_required', message: 'x' }, requestId: 'r' });
    await request('GET', '/api/users').catch(() => undefined);
    expect(redirects.onPasswordChangeRequired).toHaveBeenCalledTimes(1);

    answer = () => json(403, { error: { code: 'auth.forbidden', message: 'x' }, requestId: 'r' });
    await request('GET', '/api/users').catch(() => undefined);
    expect(redirects.onPasswordChangeRequired).toHaveBeenCalledTimes(1);
  });

  it('does not redirect when asked not to (the session probe and the login form)', async () => {
    answer = () => json(401, { error: { code: 'auth.invalid_credentials', message: 'x' }, requestId: 'r' });
    await request('POST', '/api/auth/login', {}, { skipAuthRedirect: true }).catch(() => undefined);
    expect(redirects.onUnauthenticated).not.toHaveBeenCalled();
  });

  it('returns undefined for 204 and sends a Blob body as it is', async () => {
    answer = () => new Response(null, { status: 204 });
    const blob = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' });
    await expect(request('PUT', '/api/offline-sync/attachments/u1', blob)).resolves.toBeUndefined();
    expect(calls[0]?.init.body).toBe(blob);
    expect(headersOf(calls[0])['Content-Type']).toBeUndefined();
  });

  it('builds query strings without empty parameters', () => {
    expect(withQuery('/api/users', { search: 'иван', role: null, isActive: false, page: 2, q: '' })).toBe(
      '/api/users?search=%D0%B8%D0%B2%D0%B0%D0%BD&isActive=false&page=2',
    );
    expect(withQuery('/api/users', {})).toBe('/api/users');
  });
});
