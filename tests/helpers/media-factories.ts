import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import type { ApiClient, TestApp } from './app.js';

/** Offset of the first SOS marker of a JPEG, walking its segments by their length fields. */
export function firstScanOffset(jpeg: Buffer): number {
  let at = 2;
  while (at < jpeg.length - 3) {
    if (jpeg[at] !== 0xff) throw new Error(`no marker at ${at}`);
    if (jpeg[at + 1] === 0xda) return at;
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  throw new Error('no SOS');
}

/** A noise JPEG (compresses badly, so a few hundred pixels give a scan of tens of kilobytes). */
export function noiseJpeg(width: number, height: number, options: { progressive?: boolean } = {}) {
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90, progressive: options.progressive ?? false })
    .toBuffer();
}

/**
 * A JPEG that is structurally whole (segments, scan, EOI) with a readable header, whose scan names
 * a Huffman table that was never defined: libjpeg refuses to decode it («Huffman table 0x03 was not
 * defined»). What a bit flip in the compressed part of a photo can do.
 */
export async function undecodableJpeg(width = 400, height = 300): Promise<Buffer> {
  const jpeg = Buffer.from(await noiseJpeg(width, height));
  const sos = firstScanOffset(jpeg);
  // SOS: FF DA, length (2), component count (1), then per component its id and table selectors.
  jpeg[sos + 6] = 0x33;
  return jpeg;
}

/**
 * Polls `check` until it returns a value other than undefined/false, at most `timeoutMs`: for work the
 * server does after answering (background thumbnails), without guessing a sleep.
 */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Views the thumbnail of every stored photo (a view of one still queued waits for that same job), so
 * the media dir no longer changes under a test that compares it; the statuses, by attachment uuid.
 */
export async function viewAllThumbnails(t: TestApp, viewer: ApiClient): Promise<Record<string, number>> {
  const rows = await t.ctx.db
    .selectFrom('auditAttachments')
    .select('uuid')
    .where('status', '=', 'stored')
    .execute();
  const statuses: Record<string, number> = {};
  for (const { uuid } of rows)
    statuses[uuid] = (await viewer.get(`/api/attachments/${uuid}/thumb`)).statusCode;
  return statuses;
}
