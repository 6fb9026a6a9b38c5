import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkJpeg, checkPng, checkStructure, checkWebp } from './image-structure.js';

/** Noise compresses badly: a few hundred pixels give scans of tens of kilobytes with many FF00. */
const noise = (side: number) =>
  sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } });

/** Offsets of every marker a JPEG's segments name (SOS, DHT…), walking by the length fields. */
function markerOffsets(jpeg: Buffer, code: number): number[] {
  const found: number[] = [];
  let at = 2;
  while (at < jpeg.length - 1) {
    const marker = jpeg[at + 1] ?? 0;
    if (marker === code) found.push(at);
    if (marker === 0xd9) break;
    at += 2 + jpeg.readUInt16BE(at + 2);
    if (marker === 0xda) {
      // Hop over the entropy-coded data to the next real marker.
      while (
        !(
          jpeg[at] === 0xff &&
          jpeg[at + 1] !== 0x00 &&
          !((jpeg[at + 1] ?? 0) >= 0xd0 && (jpeg[at + 1] ?? 0) <= 0xd7)
        )
      )
        at += 1;
    }
  }
  return found;
}

let baseline: Buffer;
let progressive: Buffer;
let tiny: Buffer;
let png: Buffer;
let tinyPng: Buffer;
let webp: Buffer;

beforeAll(async () => {
  baseline = await noise(400).jpeg({ quality: 90 }).toBuffer();
  progressive = await noise(400).jpeg({ quality: 90, progressive: true }).toBuffer();
  tiny = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } })
    .jpeg()
    .toBuffer();
  png = await noise(200).png().toBuffer();
  tinyPng = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#a37' } })
    .png()
    .toBuffer();
  webp = await noise(200).webp().toBuffer();
});

describe('checkJpeg', () => {
  it('accepts whole baseline and progressive JPEGs (a progressive one has several scans)', () => {
    expect(markerOffsets(baseline, 0xda)).toHaveLength(1);
    expect(markerOffsets(progressive, 0xda).length).toBeGreaterThan(3);
    expect(checkJpeg(baseline)).toEqual({ complete: true });
    expect(checkJpeg(progressive)).toEqual({ complete: true });
    expect(checkJpeg(tiny)).toEqual({ complete: true });
  });

  it('refuses a JPEG cut anywhere: in the headers, mid-scan, between scans and just before EOI', () => {
    const [sos] = markerOffsets(baseline, 0xda);
    const cuts = [3, 20, sos!, sos! + 5, sos! + 1000, Math.floor(baseline.length / 2), baseline.length - 3];
    for (const cut of [...cuts, baseline.length - 2, baseline.length - 1]) {
      expect(checkJpeg(baseline.subarray(0, cut)), `cut at ${cut}`).toMatchObject({ complete: false });
    }
    const scans = markerOffsets(progressive, 0xda);
    for (const at of scans.slice(1)) {
      for (const cut of [at, at + 1, at + 12, at + 400]) {
        expect(checkJpeg(progressive.subarray(0, cut)), `cut at ${cut}`).toMatchObject({ complete: false });
      }
    }
    // Cut inside EOI itself: the last scan never ends.
    expect(checkJpeg(progressive.subarray(0, progressive.length - 1))).toEqual({
      complete: false,
      problem: `scan ${scans.length} runs past the end`,
    });
  });

  it('refuses every prefix of a small JPEG', () => {
    for (let cut = 0; cut < tiny.length; cut += 1) {
      expect(checkJpeg(tiny.subarray(0, cut)).complete, `cut at ${cut}`).toBe(false);
    }
  });

  it('refuses a JPEG whose tail was lost as zeros (same length, no EOI)', () => {
    const zeroed = Buffer.from(baseline);
    zeroed.fill(0, Math.floor(zeroed.length * 0.7));
    expect(checkJpeg(zeroed)).toMatchObject({ complete: false });
  });

  it('refuses a segment whose length runs past the end of the file', () => {
    const [dht] = markerOffsets(baseline, 0xc4);
    const cut = baseline.subarray(0, dht! + 10);
    expect(checkJpeg(cut)).toEqual({ complete: false, problem: 'segment c4 runs past the end' });
  });

  it('accepts bytes after EOI (a camera trailer or an appended second image)', () => {
    const trailer = Buffer.concat([baseline, Buffer.from('SEFT trailer\x00\x00'), tiny]);
    expect(checkJpeg(trailer)).toEqual({ complete: true });
  });

  it('skips segments by their length: an EXIF thumbnail with its own EOI does not end the walk', () => {
    const payload = Buffer.concat([Buffer.from('Exif\0\0'), tiny]);
    const app1 = Buffer.alloc(4);
    app1.writeUInt16BE(0xffe1, 0);
    app1.writeUInt16BE(payload.length + 2, 2);
    const withExif = Buffer.concat([baseline.subarray(0, 2), app1, payload, baseline.subarray(2)]);
    expect(checkJpeg(withExif)).toEqual({ complete: true });
    // Cut inside the real scan, the thumbnail's EOI must not make it look whole.
    expect(checkJpeg(withExif.subarray(0, withExif.length - 100))).toMatchObject({ complete: false });
  });

  it('continues a scan over restart markers and stuffed bytes, and accepts fill bytes before EOI', () => {
    const [sos] = markerOffsets(baseline, 0xda);
    const dataStart = sos! + 2 + baseline.readUInt16BE(sos! + 2);
    const at = dataStart + 500;
    const withRst = Buffer.concat([
      baseline.subarray(0, at),
      Buffer.from([0xff, 0xd3]),
      baseline.subarray(at),
    ]);
    expect(checkJpeg(withRst)).toEqual({ complete: true });
    const filled = Buffer.concat([
      baseline.subarray(0, baseline.length - 2),
      Buffer.from([0xff, 0xff, 0xff]),
      baseline.subarray(baseline.length - 1),
    ]);
    expect(checkJpeg(filled)).toEqual({ complete: true });
    // A marker of another kind inside the data ends the scan: a DHT claiming more bytes than exist.
    const withDht = Buffer.concat([baseline.subarray(0, at), Buffer.from([0xff, 0xc4, 0xff, 0xf0])]);
    expect(checkJpeg(withDht)).toMatchObject({ complete: false });
  });

  it('refuses what is not a JPEG at all and a JPEG without any scan', () => {
    expect(checkJpeg(Buffer.from('not a jpeg'))).toEqual({ complete: false, problem: 'no SOI' });
    expect(checkJpeg(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toEqual({
      complete: false,
      problem: 'EOI before any scan',
    });
  });
});

describe('checkPng', () => {
  it('accepts whole PNGs and refuses every prefix of a small one', () => {
    expect(checkPng(png)).toEqual({ complete: true });
    expect(checkPng(tinyPng)).toEqual({ complete: true });
    for (let cut = 0; cut < tinyPng.length; cut += 1) {
      expect(checkPng(tinyPng.subarray(0, cut)).complete, `cut at ${cut}`).toBe(false);
    }
  });

  it('refuses a PNG cut inside its image data', () => {
    expect(checkPng(png.subarray(0, Math.floor(png.length / 2)))).toEqual({
      complete: false,
      problem: 'chunk IDAT runs past the end',
    });
  });

  it('refuses a PNG without IEND', () => {
    // The 12-byte IEND chunk is the last thing in the file.
    expect(checkPng(png.subarray(0, png.length - 12))).toEqual({ complete: false, problem: 'no IEND' });
  });
});

describe('checkWebp', () => {
  it('accepts a whole WebP and one pad byte after it', () => {
    expect(checkWebp(webp)).toEqual({ complete: true });
    expect(checkWebp(Buffer.concat([webp, Buffer.alloc(1)]))).toEqual({ complete: true });
  });

  it('refuses a WebP whose RIFF size does not match the file', () => {
    expect(checkWebp(webp.subarray(0, webp.length - 100))).toMatchObject({ complete: false });
    expect(checkWebp(Buffer.concat([webp, Buffer.alloc(2)]))).toMatchObject({ complete: false });
    const lying = Buffer.from(webp);
    lying.writeUInt32LE(webp.length, 4);
    expect(checkWebp(lying)).toMatchObject({ complete: false });
    expect(checkWebp(Buffer.from('RIFF\x04\x00\x00\x00WAVE', 'latin1'))).toEqual({
      complete: false,
      problem: 'no RIFF WEBP header',
    });
  });
});

describe('checkStructure', () => {
  it('checks by the format the header reported', () => {
    expect(checkStructure('jpeg', baseline).complete).toBe(true);
    expect(checkStructure('png', png).complete).toBe(true);
    expect(checkStructure('webp', webp).complete).toBe(true);
    expect(checkStructure('png', baseline).complete).toBe(false);
    expect(checkStructure('jpeg', webp).complete).toBe(false);
  });
});
