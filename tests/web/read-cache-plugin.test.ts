import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../src/server/db/connect.js';
import { createReadCache, type ReadCache } from '../../src/server/plugins/read-cache.js';

/** The plugin on its own: a bare Fastify app, a real SQLite file, a handler that counts its runs. */
describe('read cache plugin', () => {
  let dir: string;
  let handle: DatabaseHandle;
  let app: FastifyInstance;
  let cache: ReadCache;
  let runs: number;

  const build = async (limits?: { maxBytes: number; maxEntryBytes: number }) => {
    cache = createReadCache(handle.db, limits);
    app = Fastify();
    app.decorateRequest('auth', null);
    app.addHook('onRequest', async (request) => {
      const id = Number(request.headers['x-user'] ?? 0);
      request.auth = id ? ({ user: { id } } as never) : null;
    });
    cache.register(app);
    app.get('/items', { onRequest: cache.lookup }, async (request) => {
      runs += 1;
      const { rows } = await sql<{ n: number }>`select count(*) as n from items`.execute(handle.db);
      return {
        user: request.auth?.user.id,
        items: rows[0]?.n,
        pad: 'я'.repeat(Number((request.query as { pad?: string }).pad ?? 0)),
      };
    });
  };
  const get = (user: number, url = '/items') => app.inject({ url, headers: { 'x-user': String(user) } });

  beforeEach(async () => {
    runs = 0;
    dir = mkdtempSync(path.join(tmpdir(), 'souzlift-cache-'));
    handle = connectDatabase(path.join(dir, 'db.sqlite3'));
    handle.sqlite.exec('create table items (id integer primary key)');
  });
  afterEach(async () => {
    await app.close();
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the handler once for repeated requests, and again after any write', async () => {
    await build();
    expect((await get(1)).json()).toMatchObject({ items: 0 });
    expect((await get(1)).json()).toMatchObject({ items: 0 });
    expect(runs).toBe(1);
    await sql`insert into items default values`.execute(handle.db);
    expect((await get(1)).json()).toMatchObject({ items: 1 });
    expect(runs).toBe(2);
    expect((await get(2)).json()).toMatchObject({ user: 2, items: 1 }); // another user: own entry
    expect(runs).toBe(3);
  });

  it('never answers anonymous requests from the cache', async () => {
    await build();
    await get(0);
    await get(0);
    expect(runs).toBe(2);
  });

  it('keeps within its byte bound, dropping the least recently used entry first', async () => {
    await build({ maxBytes: 2 * 2 * 1200, maxEntryBytes: 2 * 5000 });
    await get(1, '/items?pad=1000');
    await get(1, '/items?pad=1001');
    await get(1, '/items?pad=1000'); // hit: now the most recently used
    expect(runs).toBe(2);
    await get(1, '/items?pad=1002'); // over the bound: ?pad=1001 goes
    expect(cache.size().bytes).toBeLessThanOrEqual(2 * 2 * 1200);
    await get(1, '/items?pad=1001');
    expect(runs).toBe(4);
    await get(1, '/items?pad=6000'); // larger than one entry may be: served, never kept
    await get(1, '/items?pad=6000');
    expect(runs).toBe(6);
  });

  it('sends gzip to a client that takes it, compressed once and the same JSON as plain', async () => {
    await build();
    const browser = { 'x-user': '1', 'accept-encoding': 'gzip, deflate, br' };
    const plain = await get(1, '/items?pad=3000');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const miss = await app.inject({ url: '/items?pad=3001', headers: browser });
    const hit = await app.inject({ url: '/items?pad=3001', headers: browser });
    expect(runs).toBe(2);
    for (const res of [miss, hit]) {
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(res.headers.vary).toMatch(/accept-encoding/);
      expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
      expect(res.rawPayload.length).toBeLessThan(1000);
      expect(JSON.parse(gunzipSync(res.rawPayload).toString('utf8'))).toMatchObject({ user: 1, items: 0 });
    }
    expect(hit.headers['x-read-cache']).toBe('hit');
    // The plain-text client of the same URL gets the kept bytes as they are.
    const again = await get(1, '/items?pad=3001');
    expect(again.headers['content-encoding']).toBeUndefined();
    expect(again.json().pad).toHaveLength(3001);
  });

  it('keeps small answers and clients that refuse gzip plain, and counts gzipped bytes in its bound', async () => {
    await build();
    const small = await app.inject({ url: '/items', headers: { 'x-user': '1', 'accept-encoding': 'gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
    const refused = { 'x-user': '1', 'accept-encoding': 'gzip;q=0, identity' };
    await app.inject({ url: '/items?pad=2000', headers: refused });
    const plain = await app.inject({ url: '/items?pad=2000', headers: refused });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const before = cache.size().bytes;
    await app.inject({ url: '/items?pad=2000', headers: { 'x-user': '1', 'accept-encoding': 'gzip' } });
    expect(cache.size().bytes).toBeGreaterThan(before);
    expect(runs).toBe(2);
  });
});
