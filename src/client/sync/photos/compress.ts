import { MAX_PHOTO_BYTES } from '../../../shared/audits/limits';

/*
 * Photos are shrunk on the device before they are stored: long edge ≈ 2000 px, JPEG quality ≈ 0.8
 * (EXIF orientation applied by the decoder, metadata such as GPS dropped by the re-encode). A phone
 * photo of 4–12 MB becomes ≈ 0.5–1.5 MB, so IndexedDB and the upload stay small.
 */

export const LONG_EDGE = 2000;
export const JPEG_QUALITY = 0.8;
/** Refuse absurd inputs before decoding them (a camera photo is far below this). */
const MAX_INPUT_BYTES = 60 * 1024 * 1024;

export type PhotoRefusal = 'not_image' | 'too_large';

export class PhotoRefused extends Error {
  constructor(readonly reason: PhotoRefusal) {
    super(reason);
  }
}

export interface CompressedPhoto {
  blob: Blob;
  sha256: string;
  width: number;
  height: number;
}

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function encode(bitmap: ImageBitmap, width: number, height: number): Promise<Blob> {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new PhotoRefused('not_image');
    ctx.drawImage(bitmap, 0, 0, width, height);
    return canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new PhotoRefused('not_image');
  ctx.drawImage(bitmap, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new PhotoRefused('not_image'))),
      'image/jpeg',
      JPEG_QUALITY,
    ),
  );
}

/** Decodes, scales and re-encodes a picked photo; refuses non-images and results over 8 MB. */
export async function compressPhoto(file: Blob): Promise<CompressedPhoto> {
  if (file.size > MAX_INPUT_BYTES) throw new PhotoRefused('too_large');
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new PhotoRefused('not_image');
  }
  try {
    const scale = Math.min(1, LONG_EDGE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const blob = await encode(bitmap, width, height);
    if (blob.size > MAX_PHOTO_BYTES) throw new PhotoRefused('too_large');
    return { blob, sha256: await sha256Hex(blob), width, height };
  } finally {
    bitmap.close();
  }
}
