import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS } from '../../shared/audits/limits.js';
import type { ChecklistLookup } from '../audits/index.js';
import type { IdGenerator } from '../clock.js';
import type { Config } from '../config.js';
import type { AppContext } from '../context.js';
import { mediaRoutes } from './media.routes.js';
import { createMediaService, type MediaService } from './media.service.js';
import { createMediaStorage, type MediaStorage } from './storage.js';

export { cleanupPartialUploads } from './incoming.js';
export { createMediaStorage, type MediaStorage, variantKey } from './storage.js';
export type { MediaService };

/** The app's photo storage with the product's limits (built once, in app.ts, as `ctx.media`). */
export function createPhotoStorage(config: Config, ids: IdGenerator, log: Logger): MediaStorage {
  return createMediaStorage({
    mediaDir: config.mediaDir,
    ids,
    maxBytes: MAX_PHOTO_BYTES,
    maxPixels: MAX_PHOTO_PIXELS,
    log,
  });
}

/** Audit photos: upload, authorized download (or X-Accel-Redirect), delete before submit. */
export async function registerMedia(
  app: FastifyInstance,
  ctx: AppContext,
  checklists: ChecklistLookup,
): Promise<MediaService> {
  const media = createMediaService({
    db: ctx.db,
    clock: ctx.clock,
    checklists,
    storage: ctx.media,
    ids: ctx.ids,
  });
  await app.register(mediaRoutes, {
    media,
    mediaDir: ctx.config.mediaDir,
    accelRedirect: ctx.config.mediaAccelRedirect,
  });
  return media;
}
