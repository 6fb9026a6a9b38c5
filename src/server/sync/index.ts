import type { FastifyInstance } from 'fastify';
import { getVersionById } from '../checklists/index.js';
import type { AppContext } from '../context.js';
import { createNotifier } from '../notifications/index.js';
import { syncAdminRoutes } from './admin.routes.js';
import { createSyncAdminService } from './admin.service.js';
import { createSyncAttachmentsService } from './attachments.service.js';
import { createBatchService } from './batch.service.js';
import type { PinnedVersion, VersionLookup } from './batch-plan.js';
import { createSnapshotService } from './snapshot.service.js';
import { syncRoutes } from './sync.routes.js';

/** Published versions never change: parse each snapshot once. */
function cachedVersions(): VersionLookup {
  const cache = new Map<number, PinnedVersion>();
  return async (db, id) => {
    const hit = cache.get(id);
    if (hit) return hit;
    const v = await getVersionById(db, id);
    if (!v) return null;
    const pinned = { id: v.id, number: v.number, snapshot: v.snapshot };
    cache.set(id, pinned);
    return pinned;
  };
}

/** Offline mode (DESIGN §5): snapshot, batches, photo uploads, and the admin «Синхронизация» page. */
export async function registerSync(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const storage = ctx.media;
  const notifier = createNotifier({ clock: ctx.clock, publicUrl: ctx.config.publicUrl });
  const versions = cachedVersions();
  await app.register(syncRoutes, {
    snapshots: createSnapshotService({ db: ctx.db, clock: ctx.clock }),
    batches: createBatchService({
      db: ctx.db,
      clock: ctx.clock,
      log: ctx.log,
      notifier,
      versions,
    }),
    attachments: createSyncAttachmentsService({ db: ctx.db, clock: ctx.clock, storage, notifier, versions }),
  });
  await app.register(syncAdminRoutes, { admin: createSyncAdminService({ db: ctx.db }) });
}
