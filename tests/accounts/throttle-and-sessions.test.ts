import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../helpers/app.js';
import { buildUser, loggedIn } from '../helpers/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ SESSION_TTL_DAYS: '30' });
});
afterAll(() => t.close());

describe('login throttling', () => {
  it('answers the 11th failed login for one username within a minute with 429, and again after a minute', async () => {
    const user = await buildUser(t.ctx);
    const client = new ApiClient(t.app);
    for (let i = 0; i < 10; i++) {
      expect((await client.login(user.username, `неверный-пароль-${i}`)).statusCode).toBe(401);
    }
    const blocked = await client.login(user.username, user.password);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('auth.too_many_attempts');
    t.clock.advance(61_000);
    expect((await client.login(user.username, user.password)).statusCode).toBe(200);
  });

  it('throttles guesses against a username that does not exist exactly like a real one', async () => {
    const client = new ApiClient(t.app);
    for (let i = 0; i < 10; i++) await client.login('ghost-user', `неверный-пароль-${i}`);
    expect((await client.login('ghost-user', 'неверный-пароль-x')).statusCode).toBe(429);
  });
});

describe('sessions', () => {
  it('rotates the session token at login: the old cookie stops working', async () => {
    const { user, client } = await loggedIn(t);
    const oldCookie = client.cookie;
    await client.login(user.username, user.password);
    expect(client.cookie).not.toBe(oldCookie);
    const stale = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: oldCookie } });
    expect(stale.statusCode).toBe(401);
  });

  it('expires a session left unused past its lifetime', async () => {
    const { client } = await loggedIn(t);
    t.clock.advanceDays(31);
    const res = await client.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.unauthenticated');
  });

  it('expires a session past its lifetime even right after it was looked up (no write since)', async () => {
    const { client } = await loggedIn(t);
    // The second request settles the session from the lookup kept by the first (sessions.resolveNow).
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advanceDays(31);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('renews a session that keeps being used (sliding expiry)', async () => {
    const { client } = await loggedIn(t);
    expect((await client.get('/api/auth/me')).statusCode).toBe(200); // the lookup is kept
    for (let day = 0; day < 4; day++) {
      t.clock.advanceDays(20);
      expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    }
  });

  it('logs out: the cookie no longer opens a session', async () => {
    const { client } = await loggedIn(t);
    const cookie = client.cookie;
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(res.statusCode).toBe(401);
  });

  it('gives 401 to the existing session of a user an admin deactivates', async () => {
    const { client: admin } = await loggedIn(t, { role: 'admin' });
    const { user, client: auditor } = await loggedIn(t);
    expect((await auditor.get('/api/auth/me')).statusCode).toBe(200);
    expect((await admin.post(`/api/users/${user.id}/deactivate`)).statusCode).toBe(200);
    expect((await auditor.get('/api/auth/me')).statusCode).toBe(401);
    expect((await new ApiClient(t.app).login(user.username, user.password)).statusCode).toBe(401);
  });
});
