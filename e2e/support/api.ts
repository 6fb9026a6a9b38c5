/**
 * API helpers for preparing e2e data: a logged-in caller per user (its own cookie jar, so several
 * sessions can be used side by side) and a ready-to-work auditor. Any non-2xx answer fails the test
 * with the method, URL and response body.
 */
import { request as apiRequest } from '@playwright/test';
import { type Credentials, expect } from './server.js';

/** Sends JSON `data`, or `raw` JPEG bytes (a photo upload); resolves to the parsed answer (null when empty). */
export type ApiCall<T> = (method: string, url: string, data?: unknown, raw?: Buffer) => Promise<T>;

/** The temporary password an administrator gives a new user in the e2e stories. */
export const TEMPORARY_PASSWORD = 'Временный-Пароль-31';

/** Logs `user` in through the API; `T` is the shape of the answers the spec reads. */
export async function apiAs<T>(baseURL: string, user: Credentials): Promise<ApiCall<T>> {
  const request = await apiRequest.newContext({ baseURL });
  const login = await request.post('/api/auth/login', {
    data: { username: user.username, password: user.password },
  });
  expect(login.ok(), await login.text()).toBe(true);
  const { csrfToken } = await login.json();
  return async (method, url, data, raw) => {
    const res = await request.fetch(url, {
      method,
      headers: { 'x-csrf-token': csrfToken, ...(raw ? { 'content-type': 'image/jpeg' } : {}) },
      ...(raw ? { data: raw } : data === undefined ? {} : { data }),
    });
    const text = await res.text();
    expect(res.ok(), `${method} ${url}: ${text}`).toBe(true);
    return text ? JSON.parse(text) : null;
  };
}

/** The administrator creates an auditor with a temporary password; the auditor then sets `password`. */
export async function createAuditor(
  admin: ApiCall<unknown>,
  baseURL: string,
  user: { username: string; fullName: string; password: string },
): Promise<Credentials> {
  await admin('POST', '/api/users', {
    username: user.username,
    role: 'auditor',
    fullName: user.fullName,
    temporaryPassword: TEMPORARY_PASSWORD,
  });
  const first = await apiAs<unknown>(baseURL, { username: user.username, password: TEMPORARY_PASSWORD });
  await first('POST', '/api/auth/password', {
    currentPassword: TEMPORARY_PASSWORD,
    newPassword: user.password,
  });
  return { username: user.username, password: user.password };
}
