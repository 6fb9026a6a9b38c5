import type { FastifyInstance } from 'fastify';
import { MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS } from '../../shared/audits/limits.js';
import type { ChecklistLookup } from '../audits/index.js';
import type { AppContext } from '../context.js';
import { mediaRoutes } from './media.routes.js';
import { createMediaService, type MediaService } from './media.service.js';
import { createMediaStorage, type MediaStorage } from './storage.js';

export { cleanupPartialUploads } from './incoming.js';
export { createMediaStorage, type MediaStorage, variantKey } from './storage.js';
export type { MediaService };

const storages = new WeakMap<AppContext, MediaStorage>();

/**
 * The app's one photo storage, shared by the form upload (here) and the offline sync PUT: one queue
 * of decodes for both. Closing the app waits for the decode in progress and starts no other.
 */
export function appMediaStorage(app: FastifyInstance, ctx: AppContext): MediaStorage {
  const existing = storages.get(ctx);
  if (existing) return existing;
  const storage = createMediaStorage({
    mediaDir: ctx.config.mediaDir,
    ids: ctx.ids,
    maxBytes: MAX_PHOTO_BYTES,
    maxPixels: MAX_PHOTO_PIXELS,
    log: ctx.log,
  });
  storages.set(ctx, storage);
  app.addHook('onClose', () => storage.close());
  return storage;
}

/** Audit photos: upload, authorized download (or X-Accel-Redirect), delete before submit. */
export async function registerMedia(
  app: FastifyInstance,
  ctx: AppContext,
  checklists: ChecklistLookup,
): Promise<MediaService> {
  const storage = appMediaStorage(app, ctx);
  const media = createMediaService({ db: ctx.db, clock: ctx.clock, checklists, storage, ids: ctx.ids });
  await app.register(mediaRoutes, {
    media,
    mediaDir: ctx.config.mediaDir,
    accelRedirect: ctx.config.mediaAccelRedirect,
  });
  return media;
}
