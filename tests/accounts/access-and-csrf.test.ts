import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../helpers/app.js';
import { loggedIn } from '../helpers/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('access control', () => {
  it('answers an anonymous call to a protected API with 401 auth.unauthenticated', async () => {
    const res = await new ApiClient(t.app).get('/api/users');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.unauthenticated');
  });

  it('answers an auditor calling an admin API with 403 auth.forbidden', async () => {
    const { client } = await loggedIn(t, { role: 'auditor' });
    const res = await client.get('/api/users');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.forbidden');
    const create = await client.post('/api/users', { username: 'sneaky', role: 'admin', fullName: 'X' });
    expect(create.statusCode).toBe(403);
  });

  it('marks authenticated API answers Cache-Control: no-store', async () => {
    const { client } = await loggedIn(t);
    expect((await client.get('/api/auth/me')).headers['cache-control']).toBe('no-store');
  });
});

describe('CSRF', () => {
  it('refuses an unsafe request without the CSRF token with 403 csrf.invalid and changes nothing', async () => {
    const { client } = await loggedIn(t, { role: 'admin' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: client.cookie },
      payload: { username: 'no-token-user', role: 'auditor', fullName: 'Без токена' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf.invalid');
    const list = await client.get('/api/users?search=no-token-user');
    expect(list.json().total).toBe(0);
  });

  it('refuses an unsafe request with a wrong CSRF token', async () => {
    const { client } = await loggedIn(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: client.cookie, 'x-csrf-token': 'forged' },
    });
    expect(res.statusCode).toBe(403);
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('refuses unsafe requests the same way once the session lookup is kept (no lookup, no wait)', async () => {
    const { client } = await loggedIn(t);
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: client.cookie, 'x-csrf-token': 'forged' },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('csrf.invalid');
    const foreign = await client.request({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.json().error.code).toBe('csrf.origin_mismatch');
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('refuses an unsafe request from a foreign Origin even with the token', async () => {
    const { client } = await loggedIn(t);
    const res = await client.request({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { origin: 'https://evil.example' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf.origin_mismatch');
  });

  it('accepts a same-origin request carrying the token', async () => {
    const { client } = await loggedIn(t);
    const res = await client.request({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { origin: t.config.publicUrl },
    });
    expect(res.statusCode).toBe(204);
  });
});
