import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestApp } from '../helpers/app.js';
import { createTestApp } from '../helpers/app.js';
import { buildElevator, createAudit, publishChecklist, uploadPhoto } from '../helpers/audit-factories.js';
import { buildUser, loggedIn } from '../helpers/factories.js';
import { viewAllThumbnails } from '../helpers/media-factories.js';
import { seededJpeg } from '../helpers/sync-factories.js';

/*
 * The data directory on a 16 MB tmpfs (CI runs as root; so does this machine). Filling it must make
 * /readyz unready first, then uploads and sync batches fail with 507 server.disk_full, leaving no
 * partial file and no half-written row; everything stored before stays intact, and writes work
 * again as soon as space is freed. Without permission to mount, the test fails with that reason.
 */

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

let mountDir = '';
let filler = '';
let t: TestApp;
let auditor: ApiClient;
let versionId: number;
let questionIds: number[];
let elevator: { id: number; uuid: string };
let audit: string;
const stored: Array<{ uuid: string; sha: string }> = [];

function mountTmpfs(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'souzlift-diskfull-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmdirSync(dir);
    throw new Error(
      `disk-full test needs to mount a tmpfs (run as root, as CI does): ${(error as Error).message}`,
    );
  }
  return dir;
}

/** Writes zeros until the file system refuses (ENOSPC), keeping about `leaveKb` free. */
function fill(file: string, leaveKb = 0): void {
  const fd = openSync(file, 'a');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) {
      const free = Number(execFileSync('df', ['--output=avail', '-k', mountDir]).toString().split('\n')[1]);
      if (free <= leaveKb) return;
      const size = Math.min(chunk.length, Math.max(4096, (free - leaveKb) * 1024));
      writeSync(fd, chunk, 0, size);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

function batchOf(auditUuid: string, comment: string) {
  return {
    batchId: randomUUID(),
    deviceId: 'phone-full',
    catalogAdditions: {
      buildings: Array.from({ length: 40 }, (_, i) => ({
        uuid: randomUUID(),
        city: 'Москва',
        street: `ул. Переполненная ${randomUUID().slice(0, 8)}`,
        house: String(i + 1),
        notes: 'Заметка о здании '.repeat(100),
      })),
      elevators: [],
    },
    audits: [
      {
        uuid: auditUuid,
        elevatorRef: elevator.uuid,
        checklistVersion: versionId,
        objectInfo: { inventory: 'ЗАВ-1', capacity: 400 },
        status: 'in_progress' as const,
        responses: questionIds.map((questionId) => ({
          questionId,
          textValue: null,
          comment,
          updatedAt: '2026-03-01T09:00:00.000Z',
          attachments: [] as Array<{ uuid: string; sha256: string; size: number; mime: string }>,
        })),
      },
    ],
  };
}

const readyz = async () => {
  const res = await t.app.inject({ method: 'GET', url: '/readyz' });
  return { status: res.statusCode, failing: res.json<{ failing: string[] }>().failing };
};

const upload = async (seed: number) => uploadPhoto(auditor, audit, await seededJpeg(seed, 256));

const partFiles = () => (readdirRecursive(t.config.mediaDir) ?? []).filter((f) => f.endsWith('.part'));

function readdirRecursive(dir: string): string[] | null {
  try {
    return execFileSync('find', [dir, '-type', 'f']).toString().split('\n').filter(Boolean);
  } catch {
    return null;
  }
}

beforeAll(async () => {
  mountDir = mountTmpfs();
  filler = path.join(mountDir, 'filler.bin');
  // Unready below 3 MB free; the filler leaves 1 MB, then all of it.
  t = await createTestApp({ DATA_DIR: mountDir, DISK_MIN_FREE_MB: '3' });
  const admin = await buildUser(t.ctx, { role: 'admin' });
  const version = await publishChecklist(t.ctx, admin.id);
  versionId = version.versionId;
  questionIds = version.questions.filter((q) => q.type === 'text').map((q) => q.id);
  const built = await buildElevator(t.ctx);
  elevator = { id: built.elevator.id, uuid: built.elevator.uuid };
  auditor = (await loggedIn(t)).client;
  audit = await createAudit(auditor, elevator.id);
  for (const seed of [1, 2, 3]) {
    const res = await upload(seed);
    expect(res.statusCode, res.body).toBe(201);
    const uuid = res.json<{ attachment: { uuid: string } }>().attachment.uuid;
    stored.push({ uuid, sha: sha256(await seededJpeg(seed, 256)) });
  }
  // Their thumbnails are made in the background once uploads stop: have them made now, so none is
  // being written when the disk fills up below.
  expect(Object.values(await viewAllThumbnails(t, auditor))).toEqual([200, 200, 200]);
  const before = batchOf(randomUUID(), 'Сохранено до заполнения диска');
  const offline = await seededJpeg(20, 256);
  const first = before.audits[0]?.responses[0];
  if (first)
    first.attachments = [
      { uuid: offlinePhoto, sha256: sha256(offline), size: offline.length, mime: 'image/jpeg' },
    ];
  const synced = await auditor.post('/api/offline-sync/', before);
  expect(synced.statusCode, synced.body).toBe(200);
  expect(synced.json().missingAttachments).toEqual([offlinePhoto]);
});

const offlinePhoto = randomUUID();
const putOffline = async () => {
  const data = await seededJpeg(20, 256);
  return auditor.request({
    method: 'PUT',
    url: `/api/offline-sync/attachments/${offlinePhoto}`,
    payload: data,
    headers: { 'content-type': 'image/jpeg', 'x-content-sha256': sha256(data) },
  });
};

afterAll(async () => {
  await t?.close();
  // libvips keeps decoded originals memory-mapped in its operation cache: drop it, or umount is busy.
  sharp.cache(false);
  if (mountDir) {
    try {
      execFileSync('umount', [mountDir], { stdio: 'pipe' });
    } catch (error) {
      const maps = execFileSync('sh', [
        '-c',
        `grep ${mountDir} /proc/${process.pid}/maps || true`,
      ]).toString();
      throw new Error(`umount failed: ${String((error as { stderr?: Buffer }).stderr)} mapped here: ${maps}`);
    }
    rmSync(mountDir, { recursive: true, force: true });
  }
});

describe('a full disk under the data directory', () => {
  it('reports ready while space is plentiful and unready (503, disk) below DISK_MIN_FREE_MB', async () => {
    expect(await readyz()).toEqual({ status: 200, failing: [] });
    fill(filler, 1024);
    expect(await readyz()).toEqual({ status: 503, failing: ['disk'] });
  });

  it('refuses photo uploads (form and offline PUT) and sync batches with 507 server.disk_full and leaves nothing half-written', async () => {
    // A quiet night's checkpoint left an empty WAL: every new write now needs new disk blocks.
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(t.ctx.db);
    fill(filler);
    const before = await t.ctx.db
      .selectFrom('auditAttachments')
      .select(['uuid', 'status'])
      .orderBy('id')
      .execute();
    const audits = await t.ctx.db.selectFrom('audits').select('uuid').orderBy('id').execute();

    const photo = await upload(10);
    expect(photo.statusCode, photo.body).toBe(507);
    expect(photo.json().error.code).toBe('server.disk_full');
    expect(partFiles()).toEqual([]);

    const put = await putOffline();
    expect(put.statusCode, put.body).toBe(507);
    expect(put.json().error.code).toBe('server.disk_full');
    expect(partFiles()).toEqual([]);

    const lost = randomUUID();
    const batch = await auditor.post('/api/offline-sync/', batchOf(lost, 'Не поместится '.repeat(250)));
    expect(batch.statusCode, batch.body).toBe(507);
    expect(batch.json().error.code).toBe('server.disk_full');

    expect(
      await t.ctx.db.selectFrom('auditAttachments').select(['uuid', 'status']).orderBy('id').execute(),
    ).toEqual(before);
    expect(await t.ctx.db.selectFrom('audits').select('uuid').orderBy('id').execute()).toEqual(audits);
    // The app itself keeps answering.
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await readyz()).status).toBe(503);
  });

  it('keeps everything stored before intact', async () => {
    const check = await sql<{ integrityCheck: string }>`pragma integrity_check`.execute(t.ctx.db);
    expect(check.rows).toEqual([{ integrityCheck: 'ok' }]);
    for (const photo of stored) {
      const row = await t.ctx.db
        .selectFrom('auditAttachments')
        .select(['storageKey', 'sha256', 'status'])
        .where('uuid', '=', photo.uuid)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ sha256: photo.sha, status: 'stored' });
      expect(sha256(readFileSync(path.join(t.config.mediaDir, row.storageKey ?? '')))).toBe(photo.sha);
      const served = await auditor.get(`/api/attachments/${photo.uuid}`);
      expect(sha256(served.rawPayload)).toBe(photo.sha);
    }
    const comments = await t.ctx.db
      .selectFrom('auditResponses')
      .select('comment')
      .where('comment', '=', 'Сохранено до заполнения диска')
      .execute();
    expect(comments).toHaveLength(questionIds.length);
  });

  it('accepts uploads and batches again once space is freed, and turns ready', async () => {
    rmSync(filler);
    expect(await readyz()).toEqual({ status: 200, failing: [] });
    const photo = await upload(11);
    expect(photo.statusCode, photo.body).toBe(201);
    expect((await putOffline()).statusCode).toBe(201);
    const again = randomUUID();
    const batch = await auditor.post('/api/offline-sync/', batchOf(again, 'После очистки диска'));
    expect(batch.statusCode, batch.body).toBe(200);
    expect(
      await t.ctx.db.selectFrom('audits').select('uuid').where('uuid', '=', again).execute(),
    ).toHaveLength(1);
  });
});
