import { gunzipSync } from 'node:zlib';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestApp } from '../helpers/app.js';
import { createTestApp } from '../helpers/app.js';
import { buildElevator } from '../helpers/audit-factories.js';
import { loggedIn } from '../helpers/factories.js';

let t: TestApp;
let auditor: ApiClient;
let auditorId: number;
let other: ApiClient;

const snapshot = (client: ApiClient, headers: Record<string, string> = {}) =>
  client.request({ method: 'GET', url: '/api/offline/snapshot', headers });

beforeAll(async () => {
  t = await createTestApp();
  ({
    client: auditor,
    user: { id: auditorId },
  } = await loggedIn(t));
  ({ client: other } = await loggedIn(t));
});
afterAll(() => t.close());

describe('GET /api/offline/snapshot: cached body, gzip and a bare 304', () => {
  it('serves the same bytes per ETag, gzip on request, and a new body once the key changes', async () => {
    const approved = await buildElevator(t.ctx);
    const first = await snapshot(auditor);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(first.headers['content-encoding']).toBeUndefined();
    expect(first.headers.vary).toMatch(/accept-encoding/i);
    const etag = first.headers.etag as string;

    // Served from the cache: byte-identical (generatedAt included) for the same version key.
    const again = await snapshot(auditor);
    expect(again.headers.etag).toBe(etag);
    expect(again.body).toBe(first.body);

    const gz = await snapshot(auditor, { 'accept-encoding': 'gzip, deflate, br' });
    expect(gz.statusCode).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.etag).toBe(etag);
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(first.body);
    expect(Number(gz.headers['content-length'])).toBe(gz.rawPayload.length);
    expect(gz.rawPayload.length).toBeLessThan(Buffer.byteLength(first.body));

    // gzip refused with q=0: plain JSON.
    const refused = await snapshot(auditor, { 'accept-encoding': 'gzip;q=0, identity' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body).toBe(first.body);

    // 304: no body and no content-length.
    const hit = await snapshot(auditor, { 'if-none-match': etag });
    expect(hit.statusCode).toBe(304);
    expect(hit.body).toBe('');
    expect(hit.headers['content-length']).toBeUndefined();
    expect(hit.headers.etag).toBe(etag);

    // A new pending lift of this user changes the key, and the new body holds it.
    const mine = await buildElevator(t.ctx, { reviewStatus: 'pending', createdBy: auditorId });
    const after = await snapshot(auditor, { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(after.json().catalog.elevators.map((e: { uuid: string }) => e.uuid)).toContain(mine.elevator.uuid);

    // Another user has another key and a body without this user's pending lift.
    const otherBody = await snapshot(other);
    expect(otherBody.headers.etag).not.toBe(after.headers.etag);
    const otherUuids = otherBody.json().catalog.elevators.map((e: { uuid: string }) => e.uuid);
    expect(otherUuids).toContain(approved.elevator.uuid);
    expect(otherUuids).not.toContain(mine.elevator.uuid);
  });

  it('changes the ETag after a write by another connection (CLI, import) and after one by the app', async () => {
    const { elevator } = await buildElevator(t.ctx);
    const etag = (await snapshot(auditor)).headers.etag as string;
    expect((await snapshot(auditor, { 'if-none-match': etag })).statusCode).toBe(304);

    const other = new SQLite(t.config.databasePath);
    try {
      other
        .prepare('update elevators set updated_at = ? where id = ?')
        .run('2099-01-01T00:00:00.000Z', elevator.id);
    } finally {
      other.close();
    }
    const afterCli = await snapshot(auditor, { 'if-none-match': etag });
    expect(afterCli.statusCode).toBe(200);
    const etag2 = afterCli.headers.etag as string;
    expect(etag2).not.toBe(etag);
    expect((await snapshot(auditor, { 'if-none-match': etag2 })).statusCode).toBe(304);

    await t.ctx.db
      .updateTable('buildings')
      .set({ updatedAt: '2099-01-02T00:00:00.000Z' })
      .where('id', '=', elevator.buildingId)
      .execute();
    expect((await snapshot(auditor, { 'if-none-match': etag2 })).statusCode).toBe(200);
  });
});
