import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestApp } from '../helpers/app.js';
import { createTestApp } from '../helpers/app.js';
import { buildElevator, createAudit, publishChecklist } from '../helpers/audit-factories.js';
import { buildUser, loggedIn } from '../helpers/factories.js';

/** The read cache (plugins/read-cache.ts) must never answer with data older than the database. */
let t: TestApp;
let anna: ApiClient;
let boris: ApiClient;
let admin: ApiClient;
let q: number[];
let uuid: string;
let elevatorId: number;

beforeAll(async () => {
  t = await createTestApp();
  const publisher = await buildUser(t.ctx, { role: 'admin' });
  q = (await publishChecklist(t.ctx, publisher.id)).questions.map((x) => x.id);
  elevatorId = (await buildElevator(t.ctx, { street: 'ул. Кешевая' })).elevator.id;
  anna = (await loggedIn(t, { fullName: 'Анна Петрова' })).client;
  boris = (await loggedIn(t, { fullName: 'Борис Иванов' })).client;
  admin = (await loggedIn(t, { role: 'admin' })).client;
  uuid = await createAudit(anna, elevatorId);
});
afterAll(() => t.close());

describe('read cache of lists, the audit card and catalog search', () => {
  it('answers a repeated request from the cache with the same body and headers', async () => {
    const first = await anna.get('/api/audits?pageSize=20');
    const second = await anna.get('/api/audits?pageSize=20');
    expect(first.headers['x-read-cache']).toBe('miss');
    expect(second.headers['x-read-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    expect(second.headers['x-content-type-options']).toBe('nosniff');
    for (const path of [`/api/audits/${uuid}`, '/api/elevators?q=кешевая']) {
      await anna.get(path);
      const again = await anna.get(path);
      expect(again.statusCode).toBe(200);
      expect(again.headers['x-read-cache']).toBe('hit');
    }
  });

  it('keeps each user to their own answers for the same URL', async () => {
    await createAudit(boris, elevatorId);
    const annas = (await anna.get('/api/audits?pageSize=20')).json();
    const boriss = (await boris.get('/api/audits?pageSize=20')).json();
    expect(annas.items.map((a: { uuid: string }) => a.uuid)).toEqual([uuid]);
    expect(boriss.items).toHaveLength(1);
    expect(boriss.items[0].uuid).not.toBe(uuid);
    expect((await admin.get('/api/audits?pageSize=20')).json().total).toBe(2);
  });

  it('drops everything after a write by the application', async () => {
    const before = (await anna.get(`/api/audits/${uuid}`)).json().audit;
    expect(before.commentCount).toBe(0);
    await anna.put(`/api/audits/${uuid}/responses/${q[0]}`, { score: 0, comment: 'Трещина' });
    const after = await anna.get(`/api/audits/${uuid}`);
    expect(after.headers['x-read-cache']).toBe('miss');
    expect(after.json().audit.commentCount).toBe(1);
  });

  it('drops everything after a commit by another process (CLI, import, restore)', async () => {
    await admin.get('/api/audits?pageSize=20');
    expect((await admin.get('/api/audits?pageSize=20')).headers['x-read-cache']).toBe('hit');
    const other = new SQLite(t.ctx.config.databasePath);
    other.prepare('update audits set planned_date = ? where uuid = ?').run('2031-01-15', uuid);
    other.close();
    const list = await admin.get('/api/audits?pageSize=20');
    expect(list.headers['x-read-cache']).toBe('miss');
    const item = list.json().items.find((a: { uuid: string }) => a.uuid === uuid);
    expect(item.plannedDate).toBe('2031-01-15');
  });

  it('answers from the cache only while the user may still see the answer', async () => {
    // The cache answers before the route's guards and validation run (plugins/read-cache.ts).
    const { user: clara, client } = await loggedIn(t, { fullName: 'Клара Сидорова' });
    const url = '/api/audits?pageSize=20';
    expect((await client.get(url)).json().total).toBe(0);
    expect((await client.get(url)).headers['x-read-cache']).toBe('hit');
    expect((await client.get('/api/audits?pageSize=0')).statusCode).toBe(400);
    expect((await admin.patch(`/api/users/${clara.id}`, { role: 'admin' })).statusCode).toBe(200);
    const asAdmin = await client.get(url);
    expect(asAdmin.headers['x-read-cache']).toBe('miss');
    expect(asAdmin.json().total).toBeGreaterThan(0);
    expect((await admin.post(`/api/users/${clara.id}/reset-password`)).statusCode).toBe(200);
    const afterReset = await client.get(url);
    expect([401, 403]).toContain(afterReset.statusCode);
    expect(afterReset.headers['x-read-cache']).toBeUndefined();
  });

  it('does not keep errors, and stays within its memory bound', async () => {
    const missing = `/api/audits/${crypto.randomUUID()}`;
    expect((await anna.get(missing)).statusCode).toBe(404);
    expect((await anna.get(missing)).headers['x-read-cache']).toBeUndefined();
    expect(t.ctx.readCache.size().bytes).toBeLessThanOrEqual(8 * 2 ** 20);
    expect(t.ctx.readCache.size().entries).toBeGreaterThan(0);
  });
});
