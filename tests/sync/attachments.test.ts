import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SnapshotQuestion } from '../../src/shared/checklists/snapshot.schema.js';
import type { ApiClient, TestApp } from '../helpers/app.js';
import { createTestApp } from '../helpers/app.js';
import { buildElevator, publishChecklist } from '../helpers/audit-factories.js';
import { buildUser, loggedIn } from '../helpers/factories.js';
import { noiseJpeg, undecodableJpeg, waitFor } from '../helpers/media-factories.js';
import {
  attachmentOf,
  auditBatch,
  completeResponses,
  headPhoto,
  type PhotoSpec,
  photoSpec,
  putPhoto,
  seededJpeg,
  sha256,
} from '../helpers/sync-factories.js';

let t: TestApp;
let auditor: ApiClient;
let other: ApiClient;
let admin: ApiClient;
let versionId: number;
let questions: SnapshotQuestion[];
let elevatorUuid: string;

const originals = () => {
  const dir = path.join(t.config.mediaDir, 'originals');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
};

/** A submitted audit announcing `perQuestion` photos on each of the 4 questions. */
async function submittedWithPhotos(perQuestion: number) {
  const photos: PhotoSpec[][] = [];
  let seed = Math.floor(Math.random() * 10_000);
  for (const _q of questions) {
    const list: PhotoSpec[] = [];
    for (let i = 0; i < perQuestion; i += 1) {
      seed += 1;
      list.push(await photoSpec(seed));
    }
    photos.push(list);
  }
  const responses = completeResponses(questions).map((r, i) => ({
    ...r,
    attachments: photos[i]!.map(attachmentOf),
  }));
  const batch = auditBatch({ elevatorRef: elevatorUuid, versionId, status: 'submitted', responses });
  const res = await auditor.post('/api/offline-sync/', batch);
  expect(res.statusCode).toBe(200);
  return { batch, result: res.json(), photos: photos.flat(), auditUuid: batch.audits[0]!.uuid };
}

/** What the sync engine does for each photo: HEAD first, PUT only when the server lacks it. */
async function uploadMissing(photos: PhotoSpec[]) {
  let puts = 0;
  for (const p of photos) {
    if ((await headPhoto(auditor, p.uuid)).statusCode === 200) continue;
    const res = await putPhoto(auditor, p.uuid, p.data);
    expect(res.statusCode).toBe(201);
    puts += 1;
  }
  return puts;
}

beforeAll(async () => {
  t = await createTestApp();
  const publisher = await buildUser(t.ctx, { role: 'admin' });
  ({ versionId, questions } = await publishChecklist(t.ctx, publisher.id));
  elevatorUuid = (await buildElevator(t.ctx)).elevator.uuid;
  auditor = (await loggedIn(t)).client;
  other = (await loggedIn(t)).client;
  admin = (await loggedIn(t, { role: 'admin' })).client;
});
afterAll(() => t.close());

describe('photos of a batch', () => {
  it('after 20 of 40 photos, the retry uploads only the missing 20 (HEAD), and the last one submits the audit', async () => {
    const { result, photos, auditUuid } = await submittedWithPhotos(10);
    expect(result.missingAttachments).toHaveLength(40);
    expect(result.audits[0]).toEqual({ uuid: auditUuid, status: 'in_progress', submitPending: true });

    for (const p of photos.slice(0, 20))
      expect((await putPhoto(auditor, p.uuid, p.data)).statusCode).toBe(201);
    // The connection drops here; the engine starts again from the beginning.
    const heads = await Promise.all(photos.map((p) => headPhoto(auditor, p.uuid)));
    expect(heads.filter((h) => h.statusCode === 200)).toHaveLength(20);
    expect(heads.filter((h) => h.statusCode === 404)).toHaveLength(20);
    let detail = (await auditor.get(`/api/audits/${auditUuid}`)).json().audit;
    expect(detail.status).toBe('in_progress');

    const before = originals().length;
    expect(await uploadMissing(photos)).toBe(20);
    expect(originals().length).toBe(before + 20);

    detail = (await admin.get(`/api/audits/${auditUuid}`)).json().audit;
    expect(detail.status).toBe('submitted');
    expect(detail.attachments).toHaveLength(40);
    // Each photo hangs on the answer written by the same batch (answers go in one statement).
    const links = await t.ctx.db
      .selectFrom('auditAttachments as p')
      .innerJoin('audits as a', 'a.id', 'p.auditId')
      .leftJoin('auditResponses as r', 'r.id', 'p.responseId')
      .select([
        'p.questionId',
        'r.questionId as answeredQuestion',
        'r.auditId as answerAudit',
        'a.id as auditId',
      ])
      .where('a.uuid', '=', auditUuid)
      .execute();
    expect(links).toHaveLength(40);
    for (const link of links) {
      expect(link.answeredQuestion).toBe(link.questionId);
      expect(link.answerAudit).toBe(link.auditId);
    }
    const resend = await auditor.post(
      '/api/offline-sync/',
      auditBatch({ elevatorRef: elevatorUuid, versionId }),
    );
    expect(resend.statusCode).toBe(200);
  });

  it('a stored photo sent again answers 200 without storing anything', async () => {
    const { photos } = await submittedWithPhotos(1);
    const [first] = photos;
    expect((await putPhoto(auditor, first!.uuid, first!.data)).statusCode).toBe(201);
    const before = originals().length;
    const again = await putPhoto(auditor, first!.uuid, first!.data);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ uuid: first!.uuid, status: 'stored' });
    expect(originals().length).toBe(before);
  });

  it('answers 409 sync.hash_mismatch when the body does not match the announced hash, and stores nothing', async () => {
    const { photos } = await submittedWithPhotos(1);
    const p = photos[0]!;
    const before = originals().length;
    const corrupted = await seededJpeg(99_999);
    const wrongBody = await putPhoto(auditor, p.uuid, corrupted, sha256(p.data));
    expect(wrongBody.statusCode).toBe(409);
    expect(wrongBody.json().error.code).toBe('sync.hash_mismatch');
    const wrongHeader = await putPhoto(auditor, p.uuid, p.data, sha256(corrupted));
    expect(wrongHeader.statusCode).toBe(409);
    expect(originals().length).toBe(before);
    expect((await headPhoto(auditor, p.uuid)).statusCode).toBe(404);
    expect((await putPhoto(auditor, p.uuid, p.data)).statusCode).toBe(201);
  });

  it('answers 415 for bytes that are not an image and 400 without X-Content-SHA256', async () => {
    const p = (await submittedWithPhotos(1)).photos[0]!;
    const text = Buffer.from('это не фотография');
    const notImage = await putPhoto(auditor, p.uuid, text);
    expect(notImage.statusCode).toBe(409); // announced hash differs from the text's
    const announcedText = await submittedWithPhotosOf(text);
    const res = await putPhoto(auditor, announcedText, text);
    expect(res.statusCode).toBe(415);
    const noHash = await auditor.request({
      method: 'PUT',
      url: `/api/offline-sync/attachments/${p.uuid}`,
      payload: p.data,
      headers: { 'content-type': 'image/jpeg' },
    });
    expect(noHash.statusCode).toBe(400);
  });

  it('makes the thumbnail of a synced photo in the background, without a request', async () => {
    const p = (await submittedWithPhotos(1)).photos[0]!;
    expect((await putPhoto(auditor, p.uuid, p.data)).statusCode).toBe(201);
    const row = await t.ctx.db
      .selectFrom('auditAttachments')
      .select('storageKey')
      .where('uuid', '=', p.uuid)
      .executeTakeFirstOrThrow();
    const thumb = path.join(t.config.mediaDir, (row.storageKey ?? '').replace('originals/', 'thumbs/'));
    await waitFor('the background thumbnail', () => existsSync(thumb));
  });

  it('answers 415 media.incomplete for a photo cut short on the device, 409 for one cut on the way, and stores neither', async () => {
    const whole = await noiseJpeg(400, 300);
    const cut = whole.subarray(0, Math.floor(whole.length * 0.7));
    const before = originals().length;
    // The device's own file is cut: the hash matches what it announced, the image is not whole.
    const cutOnDevice = await submittedWithPhotosOf(cut);
    const incomplete = await putPhoto(auditor, cutOnDevice, cut);
    expect(incomplete.statusCode).toBe(415);
    expect(incomplete.json().error.code).toBe('media.incomplete');
    expect((await headPhoto(auditor, cutOnDevice)).statusCode).toBe(404);
    // A whole photo whose body lost its end on the way: the hash says so before the image is looked at.
    const cutOnTheWay = await submittedWithPhotosOf(whole);
    const damaged = await putPhoto(auditor, cutOnTheWay, cut, sha256(whole));
    expect(damaged.statusCode).toBe(409);
    expect(damaged.json().error.code).toBe('sync.hash_mismatch');
    expect(originals().length).toBe(before);
    expect((await putPhoto(auditor, cutOnTheWay, whole)).statusCode).toBe(201);
  });

  it('stores a photo that arrived intact but does not decode, and answers its thumbnail with 422 media.not_decodable', async () => {
    const broken = await undecodableJpeg();
    const uuid = await submittedWithPhotosOf(broken);
    expect((await putPhoto(auditor, uuid, broken)).statusCode).toBe(201);
    expect((await headPhoto(auditor, uuid)).statusCode).toBe(200);
    const thumb = await auditor.get(`/api/attachments/${uuid}/thumb`);
    expect(thumb.statusCode).toBe(422);
    expect(thumb.json().error.code).toBe('media.not_decodable');
    const original = await auditor.get(`/api/attachments/${uuid}`);
    expect(original.rawPayload.equals(broken)).toBe(true);
  });

  it('photos of another auditor are unknown (404) to PUT and HEAD', async () => {
    const p = (await submittedWithPhotos(1)).photos[0]!;
    expect((await putPhoto(other, p.uuid, p.data)).statusCode).toBe(404);
    expect((await putPhoto(auditor, p.uuid, p.data)).statusCode).toBe(201);
    expect((await headPhoto(other, p.uuid)).statusCode).toBe(404);
    expect((await headPhoto(auditor, p.uuid)).statusCode).toBe(200);
  });

  it('refuses more than 10 photos on one question in the batch (422 with the path)', async () => {
    const photos = await Promise.all(Array.from({ length: 11 }, (_v, i) => photoSpec(500 + i)));
    const responses = completeResponses(questions).map((r, i) =>
      i === 0 ? { ...r, attachments: photos.map(attachmentOf) } : r,
    );
    const res = await auditor.post(
      '/api/offline-sync/',
      auditBatch({ elevatorRef: elevatorUuid, versionId, responses }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({
      path: 'audits[0].responses[0].attachments',
      code: 'media.limit_reached',
    });
  });
});

/** An in-progress audit announcing one "photo" with the given bytes; returns its uuid. */
async function submittedWithPhotosOf(data: Buffer): Promise<string> {
  const spec = { uuid: crypto.randomUUID(), data };
  const responses = completeResponses(questions).map((r, i) =>
    i === 0 ? { ...r, attachments: [attachmentOf(spec)] } : r,
  );
  const res = await auditor.post(
    '/api/offline-sync/',
    auditBatch({ elevatorRef: elevatorUuid, versionId, responses }),
  );
  expect(res.statusCode).toBe(200);
  return spec.uuid;
}
