import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Metadata, Sharp, SharpOptions } from 'sharp';
import type { PhotoMime } from '../../shared/audits/limits.js';
import { AppError } from '../errors.js';

/*
 * Photo storage outside any public folder. An upload is streamed to `<key>.part` (sha256 and size
 * counted on the way, the size limit enforced exactly), fsynced, checked by sharp (format, size and a
 * pixel-flood guard from the header, then a full decode — the only check that catches a truncated or
 * broken image — producing the thumbnail on the way), then renamed into place. Files come first and the database row last; on any failure every file of the upload is
 * removed, so a `stored` row always has its original with the sha256 it records. Leftover `*.part`
 * files from a crash are removed at start-up (`cleanupPartialUploads`).
 *
 * The ≈1280 px preview and ≈320 px thumbnail are EXIF-oriented JPEGs without metadata (no GPS). They
 * are derived data: the thumbnail comes out of the upload's decode, the preview is made on first
 * request (`ensureVariant`, one image at a time, cached on disk, written atomically but without fsync —
 * lost ones are simply made again). Decoding every upload costs ≈ 15 ms per MB of JPEG; accepting a
 * broken photo to save it would break the promise that a stored photo is a real image (DESIGN §3).
 */

export const THUMB_SIZE = 320;
export const PREVIEW_SIZE = 1280;

type SharpFactory = (input: string, options?: SharpOptions) => Sharp;
let sharpLoading: Promise<SharpFactory> | undefined;

/**
 * sharp (libvips and its threads, ≈ 15 MB resident) is loaded with the first photo, not at start: a
 * server that has not handled a photo since it started does not pay for it. libvips keeps up to 50 MB /
 * 100 operations of decoded images cached by default and runs a thread pool per image: for a server
 * that touches each photo once, that is only resident memory — both off.
 */
function loadSharp(): Promise<SharpFactory> {
  sharpLoading ??= import('sharp').then(({ default: sharp }) => {
    sharp.cache(false);
    sharp.concurrency(1);
    return sharp;
  });
  return sharpLoading;
}

const FORMATS: Record<string, { mime: PhotoMime; ext: string }> = {
  jpeg: { mime: 'image/jpeg', ext: 'jpg' },
  png: { mime: 'image/png', ext: 'png' },
  webp: { mime: 'image/webp', ext: 'webp' },
};

export type MediaVariant = 'original' | 'thumb' | 'preview';

export interface StoredImage {
  /** Relative to the media dir: `originals/ab/<id>.jpg`; thumb and preview keys derive from it. */
  storageKey: string;
  mime: PhotoMime;
  size: number;
  sha256: string;
  width: number;
  height: number;
}

export interface MediaStorageOptions {
  mediaDir: string;
  ids: () => string;
  maxBytes: number;
  maxPixels: number;
}

/** Key of a stored variant: `thumbs/…/<id>.jpg`, `previews/…/<id>.jpg`, or the original key. */
export function variantKey(storageKey: string, variant: MediaVariant): string {
  if (variant === 'original') return storageKey;
  const folder = variant === 'thumb' ? 'thumbs/' : 'previews/';
  return storageKey.replace(/^originals\//, folder).replace(/\.[a-z0-9]+$/, '.jpg');
}

async function writeFully(handle: FileHandle, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Derived files: atomic (part + rename) but not fsynced — they can always be made again. */
async function writeAtomic(target: string, data: Buffer): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const part = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.part`;
  try {
    const handle = await open(part, 'wx');
    try {
      await writeFully(handle, data);
    } finally {
      await handle.close();
    }
    await rename(part, target);
  } catch (error) {
    await rm(part, { force: true });
    throw error;
  }
}

const isAppError = (e: unknown): e is AppError => e instanceof AppError;

export function createMediaStorage(options: MediaStorageOptions) {
  const { mediaDir, maxBytes, maxPixels } = options;
  const abs = (key: string) => path.join(mediaDir, key);

  /** Streams the body to a part file; throws 413 media.too_large past `maxBytes` (draining the rest). */
  async function receive(source: Readable, partPath: string): Promise<{ size: number; sha256: string }> {
    await mkdir(path.dirname(partPath), { recursive: true });
    const hash = createHash('sha256');
    let size = 0;
    const handle = await open(partPath, 'wx');
    try {
      // destroyOnReturn: false keeps the connection alive when we stop early, so the 413 reaches the client.
      for await (const chunk of source.iterator({ destroyOnReturn: false })) {
        const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
        size += buf.length;
        if (size > maxBytes) {
          source.resume(); // discard the rest
          throw new AppError('media.too_large', 413, `Фотография больше ${maxBytes / 1024 / 1024} МБ.`, {
            limit: maxBytes,
          });
        }
        hash.update(buf);
        await writeFully(handle, buf);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    return { size, sha256: hash.digest('hex') };
  }

  async function inspect(file: string) {
    const sharp = await loadSharp();
    let meta: Metadata;
    try {
      meta = await sharp(file, { limitInputPixels: false }).metadata();
    } catch {
      throw new AppError('media.not_image', 415);
    }
    const format = meta.format ? FORMATS[meta.format] : undefined;
    if (!format || !meta.width || !meta.height) throw new AppError('media.not_image', 415);
    if (meta.width * meta.height > maxPixels) {
      throw new AppError('media.too_many_pixels', 422, undefined, { limit: maxPixels });
    }
    const rotated = (meta.orientation ?? 1) >= 5;
    return {
      format,
      width: rotated ? meta.height : meta.width,
      height: rotated ? meta.width : meta.height,
    };
  }

  /** One derived JPEG from an image file: EXIF orientation applied, no metadata (GPS stripped). */
  async function derive(file: string, variant: 'thumb' | 'preview'): Promise<Buffer> {
    const size = variant === 'thumb' ? THUMB_SIZE : PREVIEW_SIZE;
    const sharp = await loadSharp();
    return sharp(file, { limitInputPixels: maxPixels, failOn: 'error' })
      .rotate()
      .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: variant === 'thumb' ? 78 : 82 })
      .toBuffer();
  }

  /** Derived files being made, by key: one job per file, and one decode at a time overall. */
  const making = new Map<string, Promise<boolean>>();
  let queue: Promise<unknown> = Promise.resolve();

  async function makeVariant(storageKey: string, variant: 'thumb' | 'preview', target: string) {
    const original = abs(storageKey);
    let data: Buffer;
    try {
      data = await derive(original, variant);
    } catch {
      return false; // original missing (removed meanwhile) or not decodable
    }
    await writeAtomic(target, data);
    // Removed while we were decoding: do not leave an orphan behind.
    if (!(await stat(original).catch(() => null))) {
      await rm(target, { force: true });
      return false;
    }
    return true;
  }

  return {
    absolutePath: abs,

    /**
     * Makes sure a variant's file exists (thumb/preview are made on first request); false when the
     * original is gone or cannot be decoded.
     */
    async ensureVariant(storageKey: string, variant: MediaVariant): Promise<boolean> {
      const target = abs(variantKey(storageKey, variant));
      if (await stat(target).catch(() => null)) return true;
      if (variant === 'original') return false;
      const running = making.get(target);
      if (running) return running;
      const job = queue.then(() => makeVariant(storageKey, variant, target));
      queue = job.catch(() => undefined);
      making.set(target, job);
      try {
        return await job;
      } finally {
        making.delete(target);
      }
    },

    /** Receives, verifies and stores one image with its derived files; nothing is left on failure. */
    async storeImage(source: Readable): Promise<StoredImage> {
      const fileId = options.ids().replaceAll('-', '');
      const shard = fileId.slice(0, 2);
      const partPath = abs(`originals/${shard}/${fileId}.part`);
      const written: string[] = [partPath];
      try {
        const { size, sha256 } = await receive(source, partPath);
        const info = await inspect(partPath);
        const storageKey = `originals/${shard}/${fileId}.${info.format.ext}`;
        // The full decode is the real image check; its by-product is the thumbnail.
        let thumb: Buffer;
        try {
          thumb = await derive(partPath, 'thumb');
        } catch (error) {
          if (isAppError(error)) throw error;
          throw new AppError('media.not_image', 415);
        }
        const thumbPath = abs(variantKey(storageKey, 'thumb'));
        written.push(thumbPath);
        await writeAtomic(thumbPath, thumb);
        written.push(abs(storageKey));
        await rename(partPath, abs(storageKey));
        await syncDir(path.dirname(abs(storageKey)));
        return { storageKey, mime: info.format.mime, size, sha256, width: info.width, height: info.height };
      } catch (error) {
        await Promise.all(written.map((f) => rm(f, { force: true })));
        throw error;
      }
    },

    /** Removes an image and its derived files (missing files are fine). */
    async remove(storageKey: string): Promise<void> {
      await Promise.all(
        (['original', 'thumb', 'preview'] as const).map((v) =>
          rm(abs(variantKey(storageKey, v)), { force: true }),
        ),
      );
    },

    async statVariant(
      storageKey: string,
      variant: MediaVariant,
    ): Promise<{ path: string; size: number } | null> {
      const file = abs(variantKey(storageKey, variant));
      try {
        return { path: file, size: (await stat(file)).size };
      } catch {
        return null;
      }
    },
  };
}

export type MediaStorage = ReturnType<typeof createMediaStorage>;

/** Removes `*.part` files an interrupted upload left under the media dir; returns how many. */
export async function cleanupPartialUploads(mediaDir: string): Promise<number> {
  let entries: string[];
  try {
    entries = await readdir(mediaDir, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  const parts = entries.filter((e) => e.endsWith('.part'));
  await Promise.all(parts.map((p) => unlink(path.join(mediaDir, p)).catch(() => undefined)));
  return parts.length;
}
