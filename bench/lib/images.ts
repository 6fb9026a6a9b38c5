import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { Prng } from './prng.js';

export interface JpegVariant {
  data: Buffer;
  sha256: string;
  size: number;
  width: number;
  height: number;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Coarse noise blown up to width×height: a real, decodable JPEG of a few kilobytes. */
export async function smallJpeg(rng: Prng, width = 320, height = 240): Promise<JpegVariant> {
  const cw = 16;
  const ch = 12;
  const raw = Buffer.alloc(cw * ch * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = rng.int(0, 255);
  const data = await sharp(raw, { raw: { width: cw, height: ch, channels: 3 } })
    .resize(width, height, { kernel: 'cubic' })
    .jpeg({ quality: 72 })
    .toBuffer();
  return { data, sha256: sha256(data), size: data.length, width, height };
}

/**
 * A photo-sized JPEG just under `maxBytes` (pixel noise compresses badly, so a few megapixels of it
 * reach the size of a real phone photo). Deterministic for a given seed.
 */
export async function largeJpeg(rng: Prng, maxBytes: number): Promise<JpegVariant> {
  let width = 2400;
  for (let attempt = 0; attempt < 12; attempt++) {
    const height = Math.round((width * 3) / 4);
    const raw = Buffer.alloc(width * height * 3);
    for (let i = 0; i < raw.length; i += 4) {
      const v = Math.floor(rng.next() * 4294967296);
      raw.writeUInt32LE(v >>> 0, Math.min(i, raw.length - 4));
    }
    const data = await sharp(raw, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 90 })
      .toBuffer();
    const ratio = data.length / maxBytes;
    if (ratio <= 1 && ratio > 0.9) return { data, sha256: sha256(data), size: data.length, width, height };
    width = Math.floor(width / Math.sqrt(ratio / 0.95));
  }
  throw new Error(`could not make a JPEG of about ${maxBytes} bytes`);
}
