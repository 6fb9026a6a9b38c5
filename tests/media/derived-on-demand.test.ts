import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestApp } from '../helpers/app.js';
import { createTestApp } from '../helpers/app.js';
import {
  buildElevator,
  createAudit,
  hasGps,
  publishChecklist,
  uploadPhoto,
} from '../helpers/audit-factories.js';
import { buildUser, loggedIn } from '../helpers/factories.js';

// Every upload is fully decoded (the real image check) and its thumbnail comes out of that decode;
// previews are made on first request.

let t: TestApp;
let auditor: ApiClient;
let elevatorId: number;
let questionId: number;
let big: Buffer;

/** A noise JPEG of a few MB (compresses badly), with GPS in its EXIF. */
async function bigJpeg(): Promise<Buffer> {
  const side = 1400;
  return sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } })
    .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '55/1 45/1 0/1' } })
    .jpeg({ quality: 100 })
    .toBuffer();
}

beforeAll(async () => {
  t = await createTestApp();
  const publisher = await buildUser(t.ctx, { role: 'admin' });
  questionId = (await publishChecklist(t.ctx, publisher.id)).questions[0]!.id;
  elevatorId = (await buildElevator(t.ctx)).elevator.id;
  auditor = (await loggedIn(t)).client;
  big = await bigJpeg();
});
afterAll(() => t.close());

const storageKeyOf = async (uuid: string) =>
  (
    await t.ctx.db
      .selectFrom('auditAttachments')
      .select(['storageKey', 'sha256', 'status'])
      .where('uuid', '=', uuid)
      .executeTakeFirstOrThrow()
  ).storageKey;
const file = (key: string) => path.join(t.config.mediaDir, key);

describe('derived photo files', () => {
  it('stores a large photo with its thumbnail and makes the preview, GPS-free, on first request', async () => {
    expect(big.length).toBeGreaterThan(2 * 1024 * 1024);
    const uuid = await createAudit(auditor, elevatorId);
    const res = await uploadPhoto(auditor, uuid, big, { questionId });
    expect(res.statusCode).toBe(201);
    const attachment = res.json().attachment;
    const key = await storageKeyOf(attachment.uuid);
    const thumbKey = key.replace('originals/', 'thumbs/');
    const previewKey = key.replace('originals/', 'previews/');
    expect(existsSync(file(key))).toBe(true);
    expect(existsSync(file(thumbKey))).toBe(true);
    expect(existsSync(file(previewKey))).toBe(false);

    // Two concurrent first requests make the file once and both get it.
    const [p1, p2] = await Promise.all([
      auditor.get(attachment.previewUrl),
      auditor.get(attachment.previewUrl),
    ]);
    expect([p1.statusCode, p2.statusCode]).toEqual([200, 200]);
    expect(p1.rawPayload.equals(p2.rawPayload)).toBe(true);
    const preview = await sharp(p1.rawPayload).metadata();
    expect(Math.max(preview.width!, preview.height!)).toBe(1280);
    expect(await hasGps(p1.rawPayload)).toBe(false);
    expect(existsSync(file(previewKey))).toBe(true);

    const thumb = await auditor.get(attachment.thumbUrl);
    expect(thumb.statusCode).toBe(200);
    expect(Math.max((await sharp(thumb.rawPayload).metadata()).width!)).toBe(320);
    expect(await hasGps(thumb.rawPayload)).toBe(false);
    expect(existsSync(file(thumbKey))).toBe(true);
    // The original is kept exactly as sent.
    expect((await auditor.get(attachment.url)).rawPayload.equals(big)).toBe(true);
  });

  it('makes the thumbnail of a small photo during the upload (its full decode is the image check)', async () => {
    const uuid = await createAudit(auditor, elevatorId);
    const small = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#336699' } })
      .jpeg()
      .toBuffer();
    const res = await uploadPhoto(auditor, uuid, small, { questionId });
    expect(res.statusCode).toBe(201);
    const key = await storageKeyOf(res.json().attachment.uuid);
    expect(existsSync(file(key.replace('originals/', 'thumbs/')))).toBe(true);
    expect(existsSync(file(key.replace('originals/', 'previews/')))).toBe(false);
  });

  it('refuses a truncated large JPEG with 415 media.not_image and stores nothing', async () => {
    const uuid = await createAudit(auditor, elevatorId);
    const broken = big.subarray(0, Math.floor(big.length * 0.6));
    const before = await t.ctx.db.selectFrom('auditAttachments').select('id').execute();
    const res = await uploadPhoto(auditor, uuid, broken, { questionId });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('media.not_image');
    const after = await t.ctx.db.selectFrom('auditAttachments').select('id').execute();
    expect(after).toHaveLength(before.length);
  });
});
