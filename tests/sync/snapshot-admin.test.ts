import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestApp } from '../helpers/app.js';
import { createTestApp } from '../helpers/app.js';
import { buildElevator, publishChecklist } from '../helpers/audit-factories.js';
import { buildUser, loggedIn } from '../helpers/factories.js';
import { attachmentOf, auditBatch, completeResponses, photoSpec } from '../helpers/sync-factories.js';

let t: TestApp;
let auditor: ApiClient;
let auditorId: number;
let other: ApiClient;
let otherId: number;
let admin: ApiClient;
let publisherId: number;

const snapshot = (client: ApiClient, etag?: string) =>
  client.request({
    method: 'GET',
    url: '/api/offline/snapshot',
    headers: etag ? { 'if-none-match': etag } : {},
  });

beforeAll(async () => {
  t = await createTestApp();
  publisherId = (await buildUser(t.ctx, { role: 'admin' })).id;
  ({
    client: auditor,
    user: { id: auditorId },
  } = await loggedIn(t));
  ({
    client: other,
    user: { id: otherId },
  } = await loggedIn(t));
  admin = (await loggedIn(t, { role: 'admin' })).client;
});
afterAll(() => t.close());

describe('GET /api/offline/snapshot', () => {
  it('holds the approved catalog, the own pending records and the published checklist, with an ETag and 304', async () => {
    const approved = await buildElevator(t.ctx);
    const mine = await buildElevator(t.ctx, { reviewStatus: 'pending', createdBy: auditorId });
    const theirs = await buildElevator(t.ctx, { reviewStatus: 'pending', createdBy: otherId });
    const first = await snapshot(auditor);
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.checklist).toBeNull();
    const uuids = body.catalog.elevators.map((e: { uuid: string }) => e.uuid);
    expect(uuids).toContain(approved.elevator.uuid);
    expect(uuids).toContain(mine.elevator.uuid);
    expect(uuids).not.toContain(theirs.elevator.uuid);
    const etag = first.headers.etag as string;
    expect(etag).toBe(`"${body.version}"`);

    const unchanged = await snapshot(auditor, etag);
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.body).toBe('');

    // A new lift in the catalog changes the ETag.
    await buildElevator(t.ctx);
    const afterCatalog = await snapshot(auditor, etag);
    expect(afterCatalog.statusCode).toBe(200);
    const etag2 = afterCatalog.headers.etag as string;
    expect(etag2).not.toBe(etag);

    // An approval (an update, same counts) changes it too.
    await t.ctx.db
      .updateTable('buildings')
      .set({ reviewStatus: 'approved', updatedAt: '2026-04-01T00:00:00.000Z' })
      .where('id', '=', theirs.building.id)
      .execute();
    await t.ctx.db
      .updateTable('elevators')
      .set({ reviewStatus: 'approved', updatedAt: '2026-04-01T00:00:00.000Z' })
      .where('id', '=', theirs.elevator.id)
      .execute();
    const afterApproval = await snapshot(auditor, etag2);
    expect(afterApproval.statusCode).toBe(200);
    expect(afterApproval.json().catalog.elevators.map((e: { uuid: string }) => e.uuid)).toContain(
      theirs.elevator.uuid,
    );
    const etag3 = afterApproval.headers.etag as string;

    // Publishing a checklist version changes it and the snapshot carries the version.
    const { versionId } = await publishChecklist(t.ctx, publisherId);
    const afterPublish = await snapshot(auditor, etag3);
    expect(afterPublish.statusCode).toBe(200);
    expect(afterPublish.json().checklist).toMatchObject({ id: versionId });
    expect(afterPublish.json().checklist.snapshot.objectInfoFields.length).toBeGreaterThan(0);

    // ETags are per user (pending records differ).
    const otherEtag = (await snapshot(other)).headers.etag as string;
    expect(otherEtag).not.toBe(afterPublish.headers.etag);
  });

  it('requires a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/offline/snapshot' })).statusCode).toBe(401);
  });
});

describe('admin «Синхронизация» API', () => {
  it('lists batches by auditor and device with errors, last syncs and pending photos; auditors get 403', async () => {
    const { elevator } = await buildElevator(t.ctx);
    const { versionId, questions } = await publishChecklist(t.ctx, publisherId);
    const photo = await photoSpec(7);
    const responses = completeResponses(questions).map((r, i) =>
      i === 0 ? { ...r, attachments: [attachmentOf(photo)] } : r,
    );
    const good = auditBatch({ elevatorRef: elevator.uuid, versionId, responses, deviceId: 'phone-A' });
    expect((await auditor.post('/api/offline-sync/', good)).statusCode).toBe(200);
    const bad = auditBatch({ elevatorRef: randomUUID(), versionId, deviceId: 'phone-B' });
    expect((await auditor.post('/api/offline-sync/', bad)).statusCode).toBe(422);

    const list = await admin.get(`/api/admin/sync/batches?userId=${auditorId}`);
    expect(list.statusCode).toBe(200);
    const items = list.json().items;
    const refused = items.find((b: { batchId: string }) => b.batchId === bad.batchId);
    expect(refused).toMatchObject({
      status: 'error',
      deviceId: 'phone-B',
      auditUuids: [bad.audits[0]!.uuid],
    });
    expect(refused.errors[0]).toMatchObject({
      path: 'audits[0].elevatorRef',
      code: 'sync.elevator_not_found',
    });
    expect(items.find((b: { batchId: string }) => b.batchId === good.batchId)).toMatchObject({
      status: 'applied',
      missingAttachments: 1,
    });
    const errorsOnly = (await admin.get('/api/admin/sync/batches?status=error')).json();
    expect(errorsOnly.items.every((b: { status: string }) => b.status === 'error')).toBe(true);

    const overview = (await admin.get('/api/admin/sync/overview')).json();
    const devices = overview.devices.filter((d: { user: { id: number } }) => d.user.id === auditorId);
    expect(devices.map((d: { deviceId: string }) => d.deviceId).sort()).toEqual(['phone-A', 'phone-B']);
    expect(devices.find((d: { deviceId: string }) => d.deviceId === 'phone-B')).toMatchObject({
      lastStatus: 'error',
      errors: 1,
    });
    expect(overview.pendingAttachments.map((p: { uuid: string }) => p.uuid)).toContain(photo.uuid);

    expect((await auditor.get('/api/admin/sync/overview')).statusCode).toBe(403);
    expect((await auditor.get('/api/admin/sync/batches')).statusCode).toBe(403);
  });
});
