import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import type { Metadata, Sharp, SharpOptions } from 'sharp';
import type { PhotoMime } from '../../shared/audits/limits.js';
import { AppError } from '../errors.js';
import { fsyncPath } from '../ops/files.js';
import { createDecodeQueue, type Urgency } from './decode-queue.js';
import { checkStructure, type ImageFormat } from './image-structure.js';
import { incomingPart } from './incoming.js';
import { createUploadReceiver, writeFully } from './upload-receive.js';

/*
 * Photo storage outside any public folder. An upload is streamed to `incoming/<id>.part` (sha256 and size
 * counted on the way, the size limit enforced exactly, the bytes kept in memory for the checks — at
 * most 8 MB) and checked, while the file is fsynced, without decoding a pixel: sharp reads the header
 * (format, size and a pixel-flood guard) and `image-structure.ts` walks the file's own structure
 * (JPEG segments and scans to EOI, PNG chunks to IEND, the WebP RIFF size), which refuses a file cut
 * short or zero-padded while the auditor can still send it again. Then it is renamed into place and
 * the directory fsynced. Files come first and the database row last; on any failure every file of
 * the upload is removed, so a `stored` row always has its original with the sha256 it records.
 * Leftover `*.part` files from a crash are removed at start-up (`incoming.ts`).
 *
 * The ≈1280 px preview and ≈320 px thumbnail are EXIF-oriented JPEGs without metadata (no GPS). They
 * are derived data, made by a full decode (≈ 100 ms for an 8 MB JPEG, more than the rest of the
 * upload) off the request path: the thumbnail is queued as soon as the upload's row is committed
 * (`makeThumbnailLater`) and made once no upload is in progress, the preview on first request, and
 * either at once when viewed before it exists (`ensureVariant`; one decode at a time, views first —
 * `decode-queue.ts`; cached on disk, written atomically but without fsync — lost ones are made
 * again). A structurally whole file whose compressed data still does not decode stays stored — it
 * holds exactly the bytes the device had, and on the offline path their sha256 was verified, so
 * nothing better exists — and its thumbnail and preview answer 422 `media.not_decodable`.
 */

export const THUMB_SIZE = 320;
export const PREVIEW_SIZE = 1280;

type SharpFactory = (input: string | Buffer, options?: SharpOptions) => Sharp;
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

const FORMATS: Record<string, { name: ImageFormat; mime: PhotoMime; ext: string }> = {
  jpeg: { name: 'jpeg', mime: 'image/jpeg', ext: 'jpg' },
  png: { name: 'png', mime: 'image/png', ext: 'png' },
  webp: { name: 'webp', mime: 'image/webp', ext: 'webp' },
};

export type MediaVariant = 'original' | 'thumb' | 'preview';

interface ImageInfo {
  format: { name: ImageFormat; mime: PhotoMime; ext: string };
  width: number;
  height: number;
}

/** A variant's file: there, its original gone, or the original stored but not decodable. */
export type VariantState = 'ready' | 'missing' | 'undecodable';

/** Undecodable originals remembered (a failed decode is not retried on every view), oldest dropped. */
const UNDECODABLE_REMEMBERED = 1000;

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
  log: Pick<Logger, 'warn'>;
  /** Background thumbnails wait this long after the last upload (default 500 ms)… */
  backgroundQuietMs?: number;
  /** …but no longer than this in all (default 30 s). */
  backgroundMaxWaitMs?: number;
}

export interface StoreImageOptions {
  /** Called after the body is received, before any check of the image (e.g. to compare the sha256). */
  verify?: (received: { size: number; sha256: string }) => void;
}

/** Key of a stored variant: `thumbs/…/<id>.jpg`, `previews/…/<id>.jpg`, or the original key. */
export function variantKey(storageKey: string, variant: MediaVariant): string {
  if (variant === 'original') return storageKey;
  const folder = variant === 'thumb' ? 'thumbs/' : 'previews/';
  return storageKey.replace(/^originals\//, folder).replace(/\.[a-z0-9]+$/, '.jpg');
}

/** Derived files: atomic (part + rename) but not fsynced — they can always be made again. */
async function writeAtomic(mediaDir: string, target: string, data: Buffer): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const part = await incomingPart(mediaDir, `${process.pid}-${Math.random().toString(36).slice(2)}`);
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

export function createMediaStorage(options: MediaStorageOptions) {
  const { mediaDir, maxBytes, maxPixels, log } = options;
  const abs = (key: string) => path.join(mediaDir, key);

  const uploads = createUploadReceiver(maxBytes);

  async function inspect(data: Buffer): Promise<ImageInfo> {
    const sharp = await loadSharp();
    let meta: Metadata;
    try {
      meta = await sharp(data, { limitInputPixels: false }).metadata();
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

  /** Header (format, size, pixel flood) and structure (whole file) of an upload, without decoding. */
  async function checkImage(data: Buffer): Promise<ImageInfo> {
    const info = await inspect(data);
    if (!checkStructure(info.format.name, data).complete) throw new AppError('media.incomplete', 415);
    return info;
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

  /** Decodes one at a time; views first, background thumbnails when no upload is running. */
  const decodes = createDecodeQueue<VariantState>({
    quietMs: options.backgroundQuietMs ?? 500,
    maxWaitMs: options.backgroundMaxWaitMs ?? 30_000,
    whenClosed: 'missing',
  });
  /** Originals that failed to decode, by storage key, with libvips' reason. */
  const undecodable = new Map<string, string>();

  async function makeVariant(
    storageKey: string,
    variant: 'thumb' | 'preview',
    target: string,
  ): Promise<VariantState> {
    const original = abs(storageKey);
    let data: Buffer;
    try {
      data = await derive(original, variant);
    } catch (error) {
      if (!(await stat(original).catch(() => null))) return 'missing'; // removed meanwhile
      if (undecodable.size >= UNDECODABLE_REMEMBERED) {
        const oldest = undecodable.keys().next().value;
        if (oldest !== undefined) undecodable.delete(oldest);
      }
      undecodable.set(storageKey, error instanceof Error ? error.message : String(error));
      return 'undecodable';
    }
    await writeAtomic(mediaDir, target, data);
    // Removed while we were decoding: do not leave an orphan behind.
    if (!(await stat(original).catch(() => null))) {
      await rm(target, { force: true });
      return 'missing';
    }
    return 'ready';
  }

  /**
   * Makes sure a variant's file exists: 'missing' when the original is gone, 'undecodable' when it
   * is stored but cannot be decoded (logged once as a warning with the attachment's uuid).
   */
  async function ensureVariant(
    storageKey: string,
    variant: MediaVariant,
    attachment: string,
    urgency: Urgency = 'now',
  ): Promise<VariantState> {
    const target = abs(variantKey(storageKey, variant));
    if (await stat(target).catch(() => null)) return 'ready';
    if (variant === 'original') return 'missing';
    if (undecodable.has(storageKey)) return 'undecodable';
    return decodes.run(target, urgency, async () => {
      const state = await makeVariant(storageKey, variant, target);
      if (state === 'undecodable') {
        log.warn(
          { attachment, storageKey, variant, reason: undecodable.get(storageKey) },
          'photo stored but not decodable: no thumbnail or preview, the original can be downloaded',
        );
      }
      return state;
    });
  }

  return {
    absolutePath: abs,
    ensureVariant,

    /**
     * The thumbnail of a photo whose row was just committed, made in the background once no upload
     * is in progress (a view before that makes it at once, as the same job). Never throws: a failure
     * is logged as a warning.
     */
    makeThumbnailLater(storageKey: string, attachment: string): void {
      ensureVariant(storageKey, 'thumb', attachment, 'background').catch((error: unknown) => {
        log.warn({ err: error, attachment, storageKey }, 'thumbnail of a stored photo not made');
      });
    },

    /** Stops starting queued decodes and waits for the running one (the app is closing). */
    async close(): Promise<void> {
      await decodes.close();
    },

    /**
     * Receives and stores one image, checked by its header and structure but not decoded; nothing is
     * left on failure.
     */
    async storeImage(source: Readable, storeOptions: StoreImageOptions = {}): Promise<StoredImage> {
      const fileId = options.ids().replaceAll('-', '');
      const shard = fileId.slice(0, 2);
      const partPath = await incomingPart(mediaDir, fileId);
      const written: string[] = [partPath];
      const buffer = uploads.takeBuffer();
      decodes.uploadStarted();
      try {
        const handle = await open(partPath, 'wx');
        let size: number;
        let sha256: string;
        let info: ImageInfo;
        try {
          ({ size, sha256 } = await uploads.receive(source, handle, buffer));
          storeOptions.verify?.({ size, sha256 });
          // The checks (header, structure: a few ms, no decode) run while the disk flushes.
          const [checked, synced] = await Promise.allSettled([
            checkImage(buffer.subarray(0, size)),
            handle.sync(),
          ]);
          if (checked.status === 'rejected') throw checked.reason;
          if (synced.status === 'rejected') throw synced.reason;
          info = checked.value;
        } finally {
          await handle.close();
        }
        const storageKey = `originals/${shard}/${fileId}.${info.format.ext}`;
        written.push(abs(storageKey));
        await mkdir(path.dirname(abs(storageKey)), { recursive: true });
        await rename(partPath, abs(storageKey));
        await fsyncPath(path.dirname(abs(storageKey)));
        return { storageKey, mime: info.format.mime, size, sha256, width: info.width, height: info.height };
      } catch (error) {
        await Promise.all(written.map((f) => rm(f, { force: true })));
        throw error;
      } finally {
        uploads.giveBackBuffer(buffer);
        decodes.uploadEnded();
      }
    },

    /** Removes an image and its derived files (missing files are fine). */
    async remove(storageKey: string): Promise<void> {
      undecodable.delete(storageKey);
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
