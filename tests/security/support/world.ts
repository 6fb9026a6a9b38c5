import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { ApiClient, type TestApp } from '../../helpers/app.js';
import { buildElevator, createAudit, jpegImage, uploadPhoto } from '../../helpers/audit-factories.js';
import { buildBuilding, buildElevator as buildCatalogElevator } from '../../helpers/catalog-factories.js';
import { buildSmallChecklist, publish } from '../../helpers/checklist-factories.js';
import { type BuiltUser, buildUser } from '../../helpers/factories.js';
import { attachmentOf, auditBatch, photoSpec, putPhoto } from '../../helpers/sync-factories.js';

/*
 * The little world the access matrix and the fuzzers work in: two auditors (A owns everything
 * object-level, B is the intruder), an admin, a user with a temporary password, a deactivated user,
 * and real objects made through the app's own write paths.
 */

export const ACTORS = ['anonymous', 'deactivated', 'temporary', 'auditorB', 'admin', 'auditorA'] as const;
export type Actor = (typeof ACTORS)[number];

export interface World {
  users: Record<Exclude<Actor, 'anonymous'> | 'spare', BuiltUser>;
  /** Session cookie and CSRF token per actor (`anonymous` has none). */
  sessions: Record<Actor, { cookie: string; csrf: string }>;
  version: { id: number; number: number; questionId: number };
  draft: { categoryId: number; sectionId: number; questionId: number; fieldId: number };
  /** Approved elevator audits are made on; another one an admin may decommission. */
  elevator: { id: number; uuid: string };
  spareElevatorId: number;
  approvedBuildingId: number;
  approvedElevatorId: number;
  /** A's own pending catalog records (B must not see them). */
  pendingBuildingA: number;
  pendingElevatorA: number;
  /** Pending records for the moderation routes. */
  moderationBuilding: number;
  moderationElevator: number;
  announcementId: number;
  /** A's audit, its photos, and the sync-announced photos of A's offline audit. */
  auditA: string;
  photoA: string;
  photoA2: string;
  syncAuditA: string;
  syncExpectedA: { uuid: string; data: Buffer };
  syncStoredA: string;
  jpeg: Buffer;
}

export async function login(t: TestApp, user: BuiltUser): Promise<{ cookie: string; csrf: string }> {
  const client = new ApiClient(t.app);
  const res = await client.login(user.username, user.password);
  if (res.statusCode !== 200) throw new Error(`login of ${user.username} failed: ${res.body}`);
  return { cookie: client.cookie, csrf: client.csrfToken };
}

export function clientOf(t: TestApp, session: { cookie: string; csrf: string }): ApiClient {
  const client = new ApiClient(t.app);
  client.cookie = session.cookie;
  client.csrfToken = session.csrf;
  return client;
}

export async function buildWorld(t: TestApp): Promise<World> {
  const { ctx } = t;
  const users = {
    admin: await buildUser(ctx, { role: 'admin' }),
    auditorA: await buildUser(ctx),
    auditorB: await buildUser(ctx),
    temporary: await buildUser(ctx, { mustChangePassword: true }),
    deactivated: await buildUser(ctx),
    spare: await buildUser(ctx),
  };
  const sessions = {
    anonymous: { cookie: '', csrf: '' },
    admin: await login(t, users.admin),
    auditorA: await login(t, users.auditorA),
    auditorB: await login(t, users.auditorB),
    temporary: await login(t, users.temporary),
    deactivated: await login(t, users.deactivated),
  };
  const admin = clientOf(t, sessions.admin);
  const a = clientOf(t, sessions.auditorA);
  // Deactivating ends every session of that user: the cookie kept above must stop working.
  expect((await admin.post(`/api/users/${users.deactivated.id}/deactivate`)).statusCode).toBe(200);

  const draft = await buildSmallChecklist(admin, 'SEC');
  const published = await publish(admin);
  expect(published.statusCode, published.body).toBe(201);
  const latest = (await admin.get('/api/checklists/versions/latest')).json<{ id: number; number: number }>();

  const { elevator } = await buildElevator(ctx);
  const spare = await buildElevator(ctx);
  const approvedBuilding = await buildBuilding(ctx, { id: users.admin.id, role: 'admin' });
  const approvedElevator = await buildCatalogElevator(
    ctx,
    { id: users.admin.id, role: 'admin' },
    approvedBuilding.id,
  );
  const actorA = { id: users.auditorA.id, role: 'auditor' as const };
  const pendingBuilding = await buildBuilding(ctx, actorA);
  const pendingElevator = await buildCatalogElevator(ctx, actorA, pendingBuilding.id);
  const modBuilding = await buildBuilding(ctx, actorA);
  const modElevator = await buildCatalogElevator(ctx, actorA, modBuilding.id);

  const announcement = await admin.post('/api/announcements', {
    message: 'Плановые работы: сервер будет недоступен ночью.',
    startsAt: '2026-01-01T00:00:00.000Z',
    endsAt: '2030-01-01T00:00:00.000Z',
  });
  expect(announcement.statusCode, announcement.body).toBe(201);
  const announcementId = announcement.json<{ announcement: { id: number } }>().announcement.id;

  const jpeg = await jpegImage(320, 240);
  const auditA = await createAudit(a, elevator.id);
  const photos: string[] = [];
  for (let i = 0; i < 2; i++) {
    const res = await uploadPhoto(a, auditA, jpeg, { questionId: draft.questionId });
    expect(res.statusCode, res.body).toBe(201);
    photos.push(res.json<{ attachment: { uuid: string } }>().attachment.uuid);
  }

  const expected = await photoSpec(1);
  const stored = await photoSpec(2);
  const batch = auditBatch({
    elevatorRef: elevator.uuid,
    versionId: latest.id,
    objectInfo: {},
    responses: [
      {
        questionId: draft.questionId,
        score: 1,
        comment: 'Реверс с задержкой',
        updatedAt: '2026-03-01T09:00:00.000Z',
        attachments: [attachmentOf(expected), attachmentOf(stored)],
      },
    ],
  });
  const synced = await a.post('/api/offline-sync/', batch);
  expect(synced.statusCode, synced.body).toBe(200);
  expect((await putPhoto(a, stored.uuid, stored.data)).statusCode).toBe(201);

  return {
    users,
    sessions,
    version: { id: latest.id, number: latest.number, questionId: draft.questionId },
    draft,
    elevator: { id: elevator.id, uuid: elevator.uuid },
    spareElevatorId: spare.elevator.id,
    approvedBuildingId: approvedBuilding.id,
    approvedElevatorId: approvedElevator.id,
    pendingBuildingA: pendingBuilding.id,
    pendingElevatorA: pendingElevator.id,
    moderationBuilding: modBuilding.id,
    moderationElevator: modElevator.id,
    announcementId,
    auditA,
    photoA: photos[0] ?? '',
    photoA2: photos[1] ?? '',
    syncAuditA: batch.audits[0]?.uuid ?? '',
    syncExpectedA: expected,
    syncStoredA: stored.uuid,
    jpeg,
  };
}

export const freshUuid = () => randomUUID();
