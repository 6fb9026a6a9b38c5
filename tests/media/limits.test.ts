import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestApp } from '../helpers/app.js';
import { createTestApp } from '../helpers/app.js';
import {
  buildElevator,
  createAudit,
  jpegImage,
  publishChecklist,
  uploadPhoto,
} from '../helpers/audit-factories.js';
import { buildUser, loggedIn } from '../helpers/factories.js';

let t: TestApp;
let auditor: ApiClient;
let auditorId: number;
let elevatorId: number;
let questionId: number;

beforeAll(async () => {
  t = await createTestApp();
  const publisher = await buildUser(t.ctx, { role: 'admin' });
  questionId = (await publishChecklist(t.ctx, publisher.id)).questions[0]!.id;
  elevatorId = (await buildElevator(t.ctx)).elevator.id;
  const a = await loggedIn(t);
  auditor = a.client;
  auditorId = a.user.id;
});
afterAll(() => t.close());

/** A tiny, valid PNG whose header claims `width × height` pixels (a decompression bomb's shape). */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
    .png()
    .toBuffer();
  // IHDR data starts at byte 16 (8 signature + 4 length + 4 type); its CRC follows the 13 data bytes.
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

describe('media limits', () => {
  it('refuses the 101st photo of an audit with 422 naming the per-audit limit', async () => {
    const uuid = await createAudit(auditor, elevatorId);
    const audit = await t.ctx.db
      .selectFrom('audits')
      .select('id')
      .where('uuid', '=', uuid)
      .executeTakeFirstOrThrow();
    // 100 photos already recorded (without questions, so the per-question limit is not what stops it).
    await t.ctx.db
      .insertInto('auditAttachments')
      .values(
        Array.from({ length: 100 }, (_, i) => ({
          uuid: crypto.randomUUID(),
          auditId: audit.id,
          responseId: null,
          questionId: null,
          storageKey: `originals/00/existing${i}.jpg`,
          mime: 'image/jpeg',
          size: 1,
          sha256: '0'.repeat(64),
          width: 1,
          height: 1,
          caption: null,
          status: 'stored' as const,
          createdBy: auditorId,
          createdAt: '2026-03-02T09:00:00.000Z',
          storedAt: '2026-03-02T09:00:00.000Z',
        })),
      )
      .execute();
    const res = await uploadPhoto(auditor, uuid, await jpegImage(100, 100), { questionId });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'media.limit_reached',
      details: { limit: 'per_audit', max: 100 },
    });
    expect(res.json().error.message).toContain('100');
  });

  it('refuses an image claiming more pixels than allowed before decoding it (pixel flood)', async () => {
    const uuid = await createAudit(auditor, elevatorId);
    const bomb = await pngClaiming(20_000, 20_000);
    expect(bomb.length).toBeLessThan(200);
    const res = await uploadPhoto(auditor, uuid, bomb, { questionId }, 'image/png');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('media.too_many_pixels');
  });

  it('decides by content, not by the declared type: text sent as text/plain is 415 media.not_image', async () => {
    const uuid = await createAudit(auditor, elevatorId);
    const res = await uploadPhoto(auditor, uuid, Buffer.from('hello'), { questionId }, 'text/plain');
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('media.not_image');
  });

  it('refuses a GIF, a real image of a type that is not allowed', async () => {
    const uuid = await createAudit(auditor, elevatorId);
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#f00' } })
      .gif()
      .toBuffer();
    const res = await uploadPhoto(auditor, uuid, gif, { questionId }, 'image/gif');
    expect(res.statusCode).toBe(415);
  });

  it('refuses a truncated JPEG with 415 media.incomplete (its header alone is readable)', async () => {
    const uuid = await createAudit(auditor, elevatorId);
    const jpeg = await jpegImage(800, 600);
    const half = jpeg.subarray(0, Math.floor(jpeg.length / 2));
    expect(await sharp(half).metadata()).toMatchObject({ format: 'jpeg', width: 800, height: 600 });
    const res = await uploadPhoto(auditor, uuid, half, { questionId });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('media.incomplete');
  });
});
