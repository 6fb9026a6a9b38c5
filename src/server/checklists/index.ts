import type { FastifyInstance } from 'fastify';
import type { ChecklistVersionDto } from '../../shared/checklists/snapshot.schema.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/database.js';
import { latestVersion, versionById } from './checklists.repo.js';
import { draftRoutes } from './draft.routes.js';
import { createDraftService } from './draft.service.js';
import { createSeedService, seedChecklist } from './seed.js';
import { createSpreadsheetService } from './spreadsheet.service.js';
import { versionsRoutes } from './versions.routes.js';
import { createVersionsService, toVersionDto } from './versions.service.js';

export { seedChecklist };

/** The latest published version with its parsed snapshot (what a new audit pins), or null. */
export async function getLatestPublishedVersion(db: Db): Promise<ChecklistVersionDto | null> {
  const row = await latestVersion(db);
  return row ? toVersionDto(row) : null;
}

/** A published version by its id (`audits.checklist_version_id`), or null. */
export async function getVersionById(db: Db, id: number): Promise<ChecklistVersionDto | null> {
  const row = await versionById(db, id);
  return row ? toVersionDto(row) : null;
}

/** Checklist domain: the admin builder (draft), publishing, history, transfer, imports, starter content. */
export async function registerChecklists(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const deps = { db: ctx.db, clock: ctx.clock };
  const versions = createVersionsService(deps);
  await app.register(draftRoutes, { draft: createDraftService(deps), versions });
  await app.register(versionsRoutes, {
    versions,
    spreadsheets: createSpreadsheetService(versions),
    seed: createSeedService(deps),
  });
}
