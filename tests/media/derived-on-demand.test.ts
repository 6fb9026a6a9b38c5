import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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
import { undecodableJpeg, waitFor } from '../helpers/media-factories.js';

// An upload is checked by its header and structure, not decoded; its thumbnail is made in the
// background right after it is stored, the preview on first request.

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
const rowCount = async () => (await t.ctx.db.selectFrom('auditAttachments').select('id').execute()).length;
/** Every file under the media dir's originals (a refused upload must leave none, not even a part). */
const originals = () =>
  existsSync(file('originals'))
    ? readdirSync(file('originals'), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
        .sort()
    : [];

describe('derived photo files', () => {
  it('makes the thumbnail of a large photo in the background without a request, and the preview, GPS-free, on first request', async () => {
    expect(big.length).toBeGreaterThan(2 * 1024 * 1024);
    const uuid = await createAudit(auditor, elevatorId);
    const res = await uploadPhoto(auditor, uuid, big, { questionId });
    expect(res.statusCode).toBe(201);
    const attachment = res.json().attachment;
    const key = await storageKeyOf(attachment.uuid);
    const thumbKey = key.replace('originals/', 'thumbs/');
    const previewKey = key.replace('originals/', 'previews/');
    expect(existsSync(file(key))).toBe(true);
    // Nobody asks for it: the thumbnail appears by itself; the preview does not.
    await waitFor('the background thumbnail', () => existsSync(file(thumbKey)));
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
    // The original is kept exactly as sent.
    expect((await auditor.get(attachment.url)).rawPayload.equals(big)).toBe(true);
  });

  it('serves a thumbnail asked for at once after the upload (made on demand or by the same background job)', async () => {
    const uuid = await createAudit(auditor, elevatorId);
    const res = await uploadPhoto(auditor, uuid, big, { questionId });
    expect(res.statusCode).toBe(201);
    const thumb = await auditor.get(res.json().attachment.thumbUrl);
    expect(thumb.statusCode).toBe(200);
    expect(Math.max((await sharp(thumb.rawPayload).metadata()).width!)).toBe(320);
  });

  it('refuses a large JPEG cut short (mid-scan, or just before EOI) with 415 media.incomplete and stores nothing', async () => {
    const uuid = await createAudit(auditor, elevatorId);
    const rows = await rowCount();
    const files = originals();
    for (const cut of [Math.floor(big.length * 0.6), big.length - 2]) {
      const res = await uploadPhoto(auditor, uuid, big.subarray(0, cut), { questionId });
      expect(res.statusCode, `cut at ${cut}`).toBe(415);
      expect(res.json().error.code).toBe('media.incomplete');
      expect(res.json().error.message).toMatch(/оборван или повреждён/);
    }
    expect(await rowCount()).toBe(rows);
    expect(originals()).toEqual(files);
  });

  it('stores a structurally whole JPEG that does not decode; its thumbnail and preview answer 422 media.not_decodable, the original is served, a warning names it', async () => {
    const warn = vi.spyOn(t.ctx.log, 'warn');
    try {
      const broken = await undecodableJpeg();
      expect(await sharp(broken).metadata()).toMatchObject({ format: 'jpeg', width: 400, height: 300 });
      await expect(sharp(broken).toBuffer()).rejects.toThrow(/Huffman table/);
      const uuid = await createAudit(auditor, elevatorId);
      const res = await uploadPhoto(auditor, uuid, broken, { questionId });
      expect(res.statusCode).toBe(201);
      const attachment = res.json().attachment;
      const warningsAbout = () =>
        warn.mock.calls.filter(([obj]) => (obj as { attachment?: string }).attachment === attachment.uuid);
      // The background thumbnail fails without anyone asking, and says so.
      const [logged] = await waitFor('the warning of the background decode', () => warningsAbout()[0]);
      expect(logged).toMatchObject({ storageKey: await storageKeyOf(attachment.uuid), variant: 'thumb' });

      for (const url of [attachment.thumbUrl, attachment.previewUrl]) {
        const view = await auditor.get(url);
        expect(view.statusCode).toBe(422);
        expect(view.json().error.code).toBe('media.not_decodable');
        expect(view.json().error.message).toMatch(/оригинал можно скачать/);
      }
      const original = await auditor.get(attachment.url);
      expect(original.statusCode).toBe(200);
      expect(original.rawPayload.equals(broken)).toBe(true);
      // The failed decode is remembered, not repeated on every view.
      expect(warningsAbout()).toHaveLength(1);
      const key = await storageKeyOf(attachment.uuid);
      expect(existsSync(file(key.replace('originals/', 'thumbs/')))).toBe(false);
      expect(existsSync(file(key.replace('originals/', 'previews/')))).toBe(false);
    } finally {
      warn.mockRestore();
    }
  });
});
