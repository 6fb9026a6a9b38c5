import SQLite from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ApiClient, createTestApp, type TestApp } from '../helpers/app.js';
import { loggedIn } from '../helpers/factories.js';

/**
 * Resolved sessions are reused while the database is unchanged (accounts/sessions.service.ts). Each
 * test first uses the session (so it is remembered), then changes what the session depends on, and
 * expects the very next request to see it.
 */
let t: TestApp;
let other: SQLite.Database; // a second connection: another process, like the CLI or sqlite3
beforeAll(async () => {
  t = await createTestApp({ SESSION_TTL_DAYS: '30' });
});
afterAll(() => t.close());
beforeEach(() => {
  other = new SQLite(t.config.databasePath);
  other.pragma('busy_timeout = 5000');
});
afterEach(() => other.close());

const me = (client: ApiClient) => client.get('/api/auth/me');

describe('remembered sessions', () => {
  it('stop working at once when another process deletes them (souzlift clearsessions, sqlite3)', async () => {
    const { user, client } = await loggedIn(t);
    expect((await me(client)).statusCode).toBe(200);
    expect((await me(client)).statusCode).toBe(200);
    other.prepare('delete from sessions where user_id = ?').run(user.id);
    const res = await me(client);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.unauthenticated');
  });

  it('see a role taken away by another process on the next request', async () => {
    const { user, client } = await loggedIn(t, { role: 'admin' });
    expect((await client.get('/api/users')).statusCode).toBe(200);
    other.prepare("update users set role = 'auditor' where id = ?").run(user.id);
    const res = await client.get('/api/users');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.forbidden');
    expect((await me(client)).json().user.role).toBe('auditor');
  });

  it('end for a user an administrator deactivates, on that user’s next request', async () => {
    const { user, client } = await loggedIn(t);
    const { client: admin } = await loggedIn(t, { role: 'admin' });
    expect((await me(client)).statusCode).toBe(200);
    expect((await admin.post(`/api/users/${user.id}/deactivate`)).statusCode).toBe(200);
    expect((await me(client)).statusCode).toBe(401);
  });

  it('still expire by the clock when nothing is written in between', async () => {
    const { client } = await loggedIn(t);
    expect((await me(client)).statusCode).toBe(200);
    t.clock.advanceDays(31);
    expect((await me(client)).statusCode).toBe(401);
  });

  it('keep one user’s cookie from ever answering as another user', async () => {
    const a = await loggedIn(t);
    const b = await loggedIn(t);
    for (let i = 0; i < 3; i++) {
      expect((await me(a.client)).json().user.username).toBe(a.user.username);
      expect((await me(b.client)).json().user.username).toBe(b.user.username);
    }
  });
});
