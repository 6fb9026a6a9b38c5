import { existsSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupPartialUploads } from '../../src/server/media/index.js';
import type { ApiClient, TestApp } from '../helpers/app.js';
import { createTestApp } from '../helpers/app.js';
import {
  buildElevator,
  createAudit,
  hasGps,
  jpegImage,
  noisePng,
  pngImage,
  publishChecklist,
  uploadPhoto,
} from '../helpers/audit-factories.js';
import { buildUser, loggedIn } from '../helpers/factories.js';
import { viewAllThumbnails } from '../helpers/media-factories.js';

let t: TestApp;
let auditorA: ApiClient;
let auditorB: ApiClient;
let admin: ApiClient;
let elevatorId: number;
let questionId: number;
let otherQuestionId: number;
let photo: Buffer;

/**
 * Every file under the media dir (relative), to prove nothing partial is left behind. Thumbnails are
 * made in the background after an upload: wait for them (`settled`) before taking a snapshot.
 */
function mediaFiles(): string[] {
  if (!existsSync(t.config.mediaDir)) return [];
  return readdirSync(t.config.mediaDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(t.config.mediaDir, path.join(e.parentPath, e.name)))
    .sort();
}

beforeAll(async () => {
  t = await createTestApp();
  const publisher = await buildUser(t.ctx, { role: 'admin' });
  const { questions } = await publishChecklist(t.ctx, publisher.id);
  questionId = questions[0]!.id;
  otherQuestionId = questions[1]!.id;
  elevatorId = (await buildElevator(t.ctx)).elevator.id;
  auditorA = (await loggedIn(t)).client;
  auditorB = (await loggedIn(t)).client;
  admin = (await loggedIn(t, { role: 'admin' })).client;
  photo = await jpegImage(1600, 1200, { gps: true });
});
afterAll(() => t.close());

/** The media dir once every stored photo's thumbnail is made (each view waits for its job). */
async function settledMediaFiles(): Promise<string[]> {
  expect(Object.values(await viewAllThumbnails(t, admin)).every((s) => s === 200)).toBe(true);
  return mediaFiles();
}

describe('uploading a photo', () => {
  it('stores the original, a ≈320 px thumbnail and a ≈1280 px preview under server-generated names', async () => {
    const uuid = await createAudit(auditorA, elevatorId);
    const res = await uploadPhoto(auditorA, uuid, photo, { questionId, caption: 'Дверь шахты' });
    expect(res.statusCode).toBe(201);
    const attachment = res.json().attachment;
    expect(attachment).toMatchObject({
      mime: 'image/jpeg',
      width: 1600,
      height: 1200,
      caption: 'Дверь шахты',
      questionId,
    });
    const row = await t.ctx.db
      .selectFrom('auditAttachments')
      .selectAll()
      .where('uuid', '=', attachment.uuid)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('stored');
    expect(row.size).toBe(photo.length);
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(row.storageKey).toMatch(/^originals\/[0-9a-f]{2}\/[0-9a-f]{32}\.jpg$/);
    expect(row.responseId).not.toBeNull();

    const thumb = await auditorA.get(attachment.thumbUrl);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect(thumb.headers['x-content-type-options']).toBe('nosniff');
    expect(thumb.headers['content-disposition']).toMatch(/^inline; filename=/);
    expect(thumb.headers['cache-control']).toMatch(/^private/);
    const thumbMeta = await sharp(thumb.rawPayload).metadata();
    expect(Math.max(thumbMeta.width!, thumbMeta.height!)).toBe(320);
    const preview = await sharp((await auditorA.get(attachment.previewUrl)).rawPayload).metadata();
    expect(Math.max(preview.width!, preview.height!)).toBe(1280);
    const original = await auditorA.get(attachment.url);
    expect(original.rawPayload.equals(photo)).toBe(true);

    const card = (await auditorA.get(`/api/audits/${uuid}`)).json().audit;
    expect(card.attachments.map((a: { uuid: string }) => a.uuid)).toEqual([attachment.uuid]);
    expect(card.status).toBe('in_progress');
  });

  it('strips EXIF GPS from thumbnails and previews and applies the EXIF orientation', async () => {
    const uuid = await createAudit(auditorA, elevatorId);
    expect(await hasGps(photo)).toBe(true);
    const rotated = await jpegImage(800, 400, { gps: true, orientation: 6 });
    const res = await uploadPhoto(auditorA, uuid, rotated, { questionId });
    const attachment = res.json().attachment;
    expect(attachment).toMatchObject({ width: 400, height: 800 });
    const thumb = (await auditorA.get(attachment.thumbUrl)).rawPayload;
    const preview = (await auditorA.get(attachment.previewUrl)).rawPayload;
    expect(await hasGps(thumb)).toBe(false);
    expect(await hasGps(preview)).toBe(false);
    const meta = await sharp(thumb).metadata();
    expect(meta.exif).toBeUndefined();
    expect([meta.width, meta.height]).toEqual([160, 320]);
  });

  it('accepts a PNG and records its real type', async () => {
    const uuid = await createAudit(auditorA, elevatorId);
    const res = await uploadPhoto(auditorA, uuid, await pngImage(), { questionId }, 'image/jpeg');
    expect(res.statusCode).toBe(201);
    expect(res.json().attachment.mime).toBe('image/png');
  });

  it('rejects a photo over 8 MB with 413 media.too_large and leaves no file behind', async () => {
    const uuid = await createAudit(auditorA, elevatorId);
    const before = await settledMediaFiles();
    const big = await noisePng(9 * 1024 * 1024);
    expect(big.length).toBeGreaterThan(8 * 1024 * 1024);
    const res = await uploadPhoto(auditorA, uuid, big, { questionId }, 'image/png');
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('media.too_large');
    expect(mediaFiles()).toEqual(before);
  });

  it('accepts exactly 8 MB and refuses one byte more', async () => {
    const uuid = await createAudit(auditorA, elevatorId);
    const base = await jpegImage(64, 64);
    const exact = Buffer.concat([base, Buffer.alloc(8 * 1024 * 1024 - base.length)]);
    expect((await uploadPhoto(auditorA, uuid, exact, { questionId })).statusCode).toBe(201);
    const over = Buffer.concat([exact, Buffer.alloc(1)]);
    expect((await uploadPhoto(auditorA, uuid, over, { questionId })).statusCode).toBe(413);
  });

  it('rejects a text file named .jpg with 415 media.not_image and leaves no file behind', async () => {
    const uuid = await createAudit(auditorA, elevatorId);
    const before = await settledMediaFiles();
    const res = await uploadPhoto(auditorA, uuid, Buffer.from('это не картинка, а текст\n'.repeat(50)), {
      questionId,
      caption: 'photo.jpg',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('media.not_image');
    expect(mediaFiles()).toEqual(before);
    const rows = await t.ctx.db
      .selectFrom('auditAttachments')
      .select('id')
      .where('caption', '=', 'photo.jpg')
      .execute();
    expect(rows).toEqual([]);
  });

  it('refuses the 11th photo on one question with 422 naming the limit', async () => {
    const uuid = await createAudit(auditorA, elevatorId);
    const small = await jpegImage(200, 150);
    for (let i = 0; i < 10; i += 1) {
      expect((await uploadPhoto(auditorA, uuid, small, { questionId })).statusCode).toBe(201);
    }
    const eleventh = await uploadPhoto(auditorA, uuid, small, { questionId });
    expect(eleventh.statusCode).toBe(422);
    expect(eleventh.json().error).toMatchObject({
      code: 'media.limit_reached',
      details: { limit: 'per_question', max: 10 },
    });
    expect(eleventh.json().error.message).toContain('10');
    expect((await uploadPhoto(auditorA, uuid, small, { questionId: otherQuestionId })).statusCode).toBe(201);
    const list = (await auditorA.get('/api/audits'))
      .json()
      .items.find((a: { uuid: string }) => a.uuid === uuid);
    expect(list.photoCount).toBe(11);
  });

  it('reuses a client uuid: the same upload again answers 200 without storing twice', async () => {
    const uuid = await createAudit(auditorA, elevatorId);
    const clientUuid = crypto.randomUUID();
    const first = await uploadPhoto(auditorA, uuid, photo, { questionId, uuid: clientUuid });
    expect(first.statusCode).toBe(201);
    expect(first.json().attachment.uuid).toBe(clientUuid);
    const files = await settledMediaFiles();
    const again = await uploadPhoto(auditorA, uuid, photo, { questionId, uuid: clientUuid });
    expect(again.statusCode).toBe(200);
    expect(mediaFiles()).toEqual(files);
  });
});

describe('access to photos', () => {
  it("answers 404 to auditor B for reading, uploading to or deleting auditor A's photos", async () => {
    const uuid = await createAudit(auditorA, elevatorId);
    const attachment = (await uploadPhoto(auditorA, uuid, photo, { questionId })).json().attachment;
    for (const url of [attachment.url, attachment.thumbUrl, attachment.previewUrl]) {
      const res = await auditorB.get(url);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('media.not_found');
    }
    const upload = await uploadPhoto(auditorB, uuid, photo, { questionId });
    expect(upload.statusCode).toBe(404);
    expect(upload.json().error.code).toBe('audit.not_found');
    expect((await auditorB.delete(attachment.url)).statusCode).toBe(404);
    expect((await auditorA.get(attachment.thumbUrl)).statusCode).toBe(200);
    expect((await admin.get(attachment.thumbUrl)).statusCode).toBe(200);
    expect((await new (auditorA.constructor as typeof ApiClient)(t.app).get(attachment.url)).statusCode).toBe(
      401,
    );
  });

  it('lets the auditor delete a photo before submit, with its files, and never after', async () => {
    const uuid = await createAudit(auditorA, elevatorId);
    const first = (await uploadPhoto(auditorA, uuid, photo, { questionId })).json().attachment;
    // The preview is made on first request: view both so the photo has all three files.
    expect((await auditorA.get(first.thumbUrl)).statusCode).toBe(200);
    expect((await auditorA.get(first.previewUrl)).statusCode).toBe(200);
    const before = await settledMediaFiles();
    expect((await auditorA.delete(first.url)).statusCode).toBe(204);
    expect(mediaFiles()).toHaveLength(before.length - 3);
    expect((await auditorA.get(first.url)).statusCode).toBe(404);
    expect(
      (await admin.delete((await uploadPhoto(auditorA, uuid, photo, { questionId })).json().attachment.url))
        .statusCode,
    ).toBe(403);
  });

  it('refuses photos on a submitted audit with 409 audit.locked', async () => {
    const uuid = await createAudit(auditorA, elevatorId);
    const kept = (await uploadPhoto(auditorA, uuid, photo, { questionId })).json().attachment;
    await t.ctx.db.updateTable('audits').set({ status: 'submitted' }).where('uuid', '=', uuid).execute();
    const upload = await uploadPhoto(auditorA, uuid, photo, { questionId });
    expect(upload.statusCode).toBe(409);
    expect(upload.json().error.code).toBe('audit.locked');
    expect((await auditorA.delete(kept.url)).json().error.code).toBe('audit.locked');
  });
});

describe('X-Accel-Redirect', () => {
  it('answers with the nginx internal location and no body when configured', async () => {
    const accel = await createTestApp({ MEDIA_ACCEL_REDIRECT: '/protected-media/' });
    try {
      const publisher = await buildUser(accel.ctx, { role: 'admin' });
      const { questions } = await publishChecklist(accel.ctx, publisher.id);
      const { elevator } = await buildElevator(accel.ctx);
      const { client } = await loggedIn(accel);
      const uuid = await createAudit(client, elevator.id);
      const attachment = (await uploadPhoto(client, uuid, photo, { questionId: questions[0]!.id })).json()
        .attachment;
      const row = await accel.ctx.db
        .selectFrom('auditAttachments')
        .selectAll()
        .where('uuid', '=', attachment.uuid)
        .executeTakeFirstOrThrow();
      const res = await client.get(attachment.url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-accel-redirect']).toBe(`/protected-media/${row.storageKey}`);
      expect(res.headers['content-type']).toBe('image/jpeg');
      expect(res.rawPayload.length).toBe(0);
      const thumb = await client.get(attachment.thumbUrl);
      expect(thumb.headers['x-accel-redirect']).toBe(
        `/protected-media/${row.storageKey.replace('originals/', 'thumbs/')}`,
      );
    } finally {
      await accel.close();
    }
  });
});

describe('cleanupPartialUploads', () => {
  it('empties the incoming directory and leaves stored photos alone', async () => {
    const incoming = path.join(t.config.mediaDir, 'incoming');
    const stored = path.join(t.config.mediaDir, 'originals', 'zz');
    await mkdir(incoming, { recursive: true });
    await mkdir(stored, { recursive: true });
    await writeFile(path.join(incoming, 'crashed.part'), 'half an upload');
    await writeFile(path.join(incoming, 'thumb-1234.part'), 'half a thumbnail');
    await writeFile(path.join(stored, 'kept.jpg'), 'x');
    expect(await cleanupPartialUploads(t.config.mediaDir)).toBe(2);
    expect(readdirSync(incoming)).toEqual([]);
    expect(existsSync(path.join(stored, 'kept.jpg'))).toBe(true);
  });

  it('writes uploads and thumbnails through the incoming directory and leaves nothing there', async () => {
    const uuid = await createAudit(auditorA, elevatorId);
    const res = await uploadPhoto(auditorA, uuid, photo, { questionId });
    expect(res.statusCode).toBe(201);
    const incoming = path.join(t.config.mediaDir, 'incoming');
    expect(existsSync(incoming)).toBe(true);
    expect((await auditorA.get(res.json().attachment.thumbUrl)).statusCode).toBe(200);
    expect((await auditorA.get(res.json().attachment.previewUrl)).statusCode).toBe(200);
    expect(readdirSync(incoming)).toEqual([]);
    expect(mediaFiles().filter((f) => f.startsWith('incoming'))).toEqual([]);
  });
});
