import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, createTestApp, type TestApp } from '../helpers/app.js';
import { createAudit, pngImage } from '../helpers/audit-factories.js';
import { viewAllThumbnails } from '../helpers/media-factories.js';
import { filesUnder } from './support/db-state.js';
import { createGuard, FUZZ_SEED } from './support/fuzz.js';
import { buildWorld, clientOf, type World } from './support/world.js';

/*
 * Photo uploads (the audit form's POST and the offline PUT) with random bytes, truncated and
 * bit-flipped JPEGs, headers claiming a pixel flood, empty bodies, markup and wrong content types:
 * never a 5xx, a coded JSON refusal, no row and no file left behind by a refusal, and whatever is
 * accepted is stored byte for byte under the hash the database records, its thumbnail served or
 * refused with a code.
 */

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

let t: TestApp;
let w: World;
let jpeg: Buffer;
let png: Buffer;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  // The world's photos get their thumbnails in the background: let them land before any comparison.
  await viewAllThumbnails(t, clientOf(t, w.sessions.admin));
  jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } })
    .jpeg()
    .toBuffer();
  png = await pngImage(40, 30);
});
afterAll(() => t.close());

/** A JPEG whose frame header (SOF0) claims `width × height` pixels. */
function jpegClaiming(width: number, height: number): Buffer {
  const copy = Buffer.from(jpeg);
  for (let i = 2; i < copy.length - 9; i++) {
    if (copy[i] === 0xff && copy[i + 1] !== undefined && copy[i + 1]! >= 0xc0 && copy[i + 1]! <= 0xc2) {
      copy.writeUInt16BE(height, i + 5);
      copy.writeUInt16BE(width, i + 7);
      return copy;
    }
  }
  throw new Error('no SOF marker');
}

function pngClaiming(width: number, height: number): Buffer {
  const copy = Buffer.from(png);
  copy.writeUInt32BE(width, 16);
  copy.writeUInt32BE(height, 20);
  copy.writeUInt32BE(crc32(copy.subarray(12, 29)), 29);
  return copy;
}

function hostilePhoto(): fc.Arbitrary<Buffer> {
  return fc.oneof(
    fc.uint8Array({ minLength: 0, maxLength: 4096 }).map((a) => Buffer.from(a)),
    fc.nat().map((n) => jpeg.subarray(0, n % jpeg.length)),
    fc
      .array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 })
      .map((flips) => {
        const copy = Buffer.from(jpeg);
        for (const [at, value] of flips) copy[at % copy.length] = value;
        return copy;
      }),
    fc
      .tuple(fc.integer({ min: 1, max: 65_535 }), fc.integer({ min: 1, max: 65_535 }))
      .map(([x, y]) => jpegClaiming(x, y)),
    fc.constantFrom(60_000, 1_000_000, 2_147_483_647).map((n) => pngClaiming(n, n)),
    fc.constantFrom(
      Buffer.alloc(0),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      Buffer.from('<html><script>alert(1)</script></html>'),
      Buffer.from(
        'GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;',
        'latin1',
      ),
      Buffer.from('%PDF-1.4\n%âãÏÓ\n'),
      Buffer.from('{"not":"an image"}'),
    ),
    fc.constant(null).map(() => Buffer.concat([jpeg, Buffer.from('<script>alert(1)</script>')])),
  );
}

/**
 * An accepted photo's thumbnail (made in the background, or now — the view waits for the same job) is
 * an image, or a coded 422 when the stored bytes do not decode; never a 5xx. Waiting for it also keeps
 * the media dir still for the next case's comparison.
 */
async function expectThumbnailServedOrRefused(client: ApiClient, uuid: string) {
  const thumb = await client.get(`/api/attachments/${uuid}/thumb`);
  if (thumb.statusCode === 200) expect(thumb.headers['content-type']).toBe('image/jpeg');
  else expect([thumb.statusCode, thumb.json().error.code]).toEqual([422, 'media.not_decodable']);
}

const contentTypes = fc.constantFrom(
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/svg+xml',
  'text/html',
  'application/json',
  'application/octet-stream',
  'multipart/form-data; boundary=xyz',
  '',
);

describe('fuzzing photo uploads', () => {
  it('POST /api/audits/:uuid/attachments: coded refusals leave no row and no file; accepted photos are stored exactly', async () => {
    const a = clientOf(t, w.sessions.auditorA);
    const guard = createGuard(t);
    let audit = await createAudit(a, w.elevator.id);
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(hostilePhoto(), contentTypes, async (body, contentType) => {
        if (accepted >= 8) {
          audit = await createAudit(a, w.elevator.id);
          accepted = 0;
        }
        const files = filesUnder(t.config.mediaDir);
        const headers: Record<string, string> = {
          cookie: w.sessions.auditorA.cookie,
          'x-csrf-token': w.sessions.auditorA.csrf,
        };
        if (contentType) headers['content-type'] = contentType;
        const { res, problem } = await guard.send(
          {
            method: 'POST',
            url: `/api/audits/${audit}/attachments?questionId=${w.version.questionId}`,
            payload: body,
            headers,
          },
          `upload ${body.length} bytes as ${contentType}`,
        );
        if (problem) throw new Error(problem);
        if (res.statusCode >= 400) {
          expect(filesUnder(t.config.mediaDir)).toEqual(files);
          return;
        }
        accepted += 1;
        const uuid = res.json<{ attachment: { uuid: string } }>().attachment.uuid;
        const row = await t.ctx.db
          .selectFrom('auditAttachments')
          .selectAll()
          .where('uuid', '=', uuid)
          .executeTakeFirstOrThrow();
        expect(row.sha256).toBe(sha256(body));
        const stored = readFileSync(path.join(t.config.mediaDir, row.storageKey ?? ''));
        expect(sha256(stored)).toBe(row.sha256);
        expect(['image/jpeg', 'image/png', 'image/webp']).toContain(row.mime);
        await expectThumbnailServedOrRefused(a, uuid);
      }),
      { seed: FUZZ_SEED, numRuns: 80, endOnFailure: true },
    );
    expect(filesUnder(t.config.mediaDir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('PUT /api/offline-sync/attachments/:uuid: hostile bodies and hash headers are refused cleanly', async () => {
    const a = clientOf(t, w.sessions.auditorA);
    const guard = createGuard(t, { except: ['sync_batches'] });
    await fc.assert(
      fc.asyncProperty(
        hostilePhoto(),
        contentTypes,
        fc.constantFrom('match', 'other', 'missing', 'upper', 'garbage'),
        async (body, contentType, hashHeader) => {
          // Announce the photo first, as a device does, so the upload reaches the decoder.
          const uuid = randomUUID();
          const batch = await a.post('/api/offline-sync/', {
            batchId: randomUUID(),
            deviceId: 'fuzz-phone',
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
                    attachments: [
                      { uuid, sha256: sha256(body), size: Math.max(1, body.length), mime: 'image/jpeg' },
                    ],
                  },
                ],
              },
            ],
          });
          expect(batch.statusCode, batch.body).toBe(200);
          const files = filesUnder(t.config.mediaDir);
          const headers: Record<string, string> = {
            cookie: w.sessions.auditorA.cookie,
            'x-csrf-token': w.sessions.auditorA.csrf,
          };
          if (contentType) headers['content-type'] = contentType;
          const hashes: Record<string, string | undefined> = {
            match: sha256(body),
            other: sha256(Buffer.from('другое')),
            missing: undefined,
            upper: sha256(body).toUpperCase(),
            garbage: '../../etc/passwd',
          };
          const hash = hashes[hashHeader];
          if (hash !== undefined) headers['x-content-sha256'] = hash;
          const { res, problem } = await guard.send(
            { method: 'PUT', url: `/api/offline-sync/attachments/${uuid}`, payload: body, headers },
            `PUT ${body.length} bytes as ${contentType}, hash ${hashHeader}`,
          );
          if (problem) throw new Error(problem);
          const row = await t.ctx.db
            .selectFrom('auditAttachments')
            .selectAll()
            .where('uuid', '=', uuid)
            .executeTakeFirstOrThrow();
          if (res.statusCode >= 400) {
            expect(filesUnder(t.config.mediaDir)).toEqual(files);
            expect(row.status).toBe('expected');
            return;
          }
          expect(row.status).toBe('stored');
          const stored = readFileSync(path.join(t.config.mediaDir, row.storageKey ?? ''));
          expect(sha256(stored)).toBe(sha256(body));
          await expectThumbnailServedOrRefused(a, uuid);
        },
      ),
      { seed: FUZZ_SEED, numRuns: 50, endOnFailure: true },
    );
    expect(filesUnder(t.config.mediaDir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });
});
