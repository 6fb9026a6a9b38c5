import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { variantKey } from '../../src/server/media/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createAudit, uploadPhoto } from '../helpers/audit-factories.js';
import { viewAllThumbnails } from '../helpers/media-factories.js';
import { attachmentOf, photoSpec, putPhoto } from '../helpers/sync-factories.js';
import { filesUnder } from '../security/support/db-state.js';
import { buildWorld, clientOf, type World } from '../security/support/world.js';

/*
 * A phone on a flaky network retries: the same photo arrives several times at once. Whatever the
 * interleaving, exactly one copy is stored, every answer is 2xx or a coded 4xx, and no file is left
 * on disk that no database row points to.
 */

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
afterAll(() => t.close());

/**
 * Files under the media dir that no attachment row (original, thumb or preview) accounts for, once
 * the background thumbnails are made (a half-written one has a temporary name).
 */
async function orphanFiles(): Promise<string[]> {
  await viewAllThumbnails(t, clientOf(t, w.sessions.admin));
  const rows = await t.ctx.db.selectFrom('auditAttachments').select('storageKey').execute();
  const known = new Set(
    rows.flatMap((r) =>
      r.storageKey
        ? (['original', 'thumb', 'preview'] as const).map((v) => variantKey(r.storageKey ?? '', v))
        : [],
    ),
  );
  return filesUnder(t.config.mediaDir).filter((f) => !known.has(f));
}

describe('duplicate photo uploads racing each other', () => {
  it('stores a photo announced by a batch once when six PUTs of it arrive together', async () => {
    const a = clientOf(t, w.sessions.auditorA);
    for (let round = 0; round < 3; round++) {
      const photo = await photoSpec(100 + round);
      const batch = await a.post('/api/offline-sync/', {
        batchId: randomUUID(),
        deviceId: 'flaky-phone',
        audits: [
          {
            uuid: randomUUID(),
            elevatorRef: w.elevator.uuid,
            checklistVersion: w.version.id,
            status: 'in_progress',
            responses: [
              {
                questionId: w.version.questionId,
                score: 2,
                updatedAt: '2026-03-01T09:00:00.000Z',
                attachments: [attachmentOf(photo)],
              },
            ],
          },
        ],
      });
      expect(batch.statusCode, batch.body).toBe(200);
      const answers = await Promise.all(Array.from({ length: 6 }, () => putPhoto(a, photo.uuid, photo.data)));
      expect(answers.map((r) => r.statusCode).every((s) => s === 200 || s === 201)).toBe(true);
      expect(answers.filter((r) => r.statusCode === 201).length).toBeLessThanOrEqual(1);
      const rows = await t.ctx.db
        .selectFrom('auditAttachments')
        .selectAll()
        .where('uuid', '=', photo.uuid)
        .execute();
      expect(rows.map((r) => r.status)).toEqual(['stored']);
    }
    expect(await orphanFiles()).toEqual([]);
  });

  it('answers six simultaneous form uploads with the same client uuid like retries: one 201, five 200, one row', async () => {
    const a = clientOf(t, w.sessions.auditorA);
    const audit = await createAudit(a, w.elevator.id);
    const uuid = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        uploadPhoto(a, audit, w.jpeg, { questionId: w.version.questionId, uuid }),
      ),
    );
    // Idempotent like a sequential retry: one 201, the others 200 with the same attachment.
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((r) => r.json().attachment.uuid))).toEqual(new Set([uuid]));
    const rows = await t.ctx.db
      .selectFrom('auditAttachments')
      .select('uuid')
      .where('uuid', '=', uuid)
      .execute();
    expect(rows).toHaveLength(1);
    expect(await orphanFiles()).toEqual([]);
  });
});
