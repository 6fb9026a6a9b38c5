import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import sharp, { type Metadata } from 'sharp';
import type { PhotoMime } from '../../shared/audits/limits.js';
import { AppError } from '../errors.js';

/*
 * Photo storage outside any public folder. An upload is streamed to `<key>.part` (sha256 and size
 * counted on the way, the size limit enforced exactly), fsynced, decoded by sharp (a real image check
 * with a pixel-flood guard), then renamed into place; a ≈1280 px preview and a ≈320 px thumbnail are
 * written as EXIF-oriented JPEGs without metadata (no GPS), the original is kept as sent. Files come
 * first and the database row last; on any failure every file of the upload is removed. Leftover
 * `*.part` files from a crash are removed at start-up (`cleanupPartialUploads`).
 */

export const THUMB_SIZE = 320;
export const PREVIEW_SIZE = 1280;

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

async function writeDurably(target: string, data: Buffer): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const part = `${target}.part`;
  const handle = await open(part, 'wx');
  try {
    await writeFully(handle, data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(part, target);
  await syncDir(path.dirname(target));
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

  async function derive(file: string): Promise<{ preview: Buffer; thumb: Buffer }> {
    try {
      // rotate() applies the EXIF orientation; JPEG output carries no metadata (GPS stripped).
      const preview = await sharp(file, { limitInputPixels: maxPixels, failOn: 'error' })
        .rotate()
        .resize({ width: PREVIEW_SIZE, height: PREVIEW_SIZE, fit: 'inside', withoutEnlargement: true })
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: 82 })
        .toBuffer();
      const thumb = await sharp(preview)
        .resize({ width: THUMB_SIZE, height: THUMB_SIZE, fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 78 })
        .toBuffer();
      return { preview, thumb };
    } catch (error) {
      if (isAppError(error)) throw error;
      throw new AppError('media.not_image', 415);
    }
  }

  return {
    absolutePath: abs,

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
        const { preview, thumb } = await derive(partPath);
        for (const [variant, data] of [
          ['preview', preview],
          ['thumb', thumb],
        ] as const) {
          const key = variantKey(storageKey, variant);
          written.push(abs(key), `${abs(key)}.part`);
          await writeDurably(abs(key), data);
        }
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
