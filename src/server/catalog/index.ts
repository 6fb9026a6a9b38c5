import type { FastifyInstance } from 'fastify';
import type { CatalogSnapshot, ElevatorDto } from '../../shared/catalog/catalog.schema.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/database.js';
import { notFound } from '../errors.js';
import type { Viewer } from './catalog.repo.js';
import * as repo from './catalog.repo.js';
import { catalogRoutes } from './catalog.routes.js';
import { createCatalogService } from './catalog.service.js';
import { toElevatorDto } from './catalog-dto.js';
import { importRoutes } from './import/import.routes.js';
import { createImportService } from './import/import.service.js';
import { moderationRoutes } from './moderation.routes.js';
import { createModerationService } from './moderation.service.js';

export type { BuildingDto, CatalogSnapshot, ElevatorDto } from '../../shared/catalog/catalog.schema.js';
export type { BuildingRow, ElevatorRow, Viewer as CatalogViewer } from './catalog.repo.js';
export {
  type Actor as CatalogActor,
  createBuildingRecord,
  createElevatorRecord,
  type WriteDeps as CatalogWriteDeps,
} from './catalog-writes.js';
export { seedDemoCatalog } from './seed-demo.js';

const MAX_MERGE_HOPS = 10;

/**
 * The elevator as this user may see it, following merges to the kept record (an audit started on a
 * duplicate that an admin merged away lands on the right lift). `null` when not visible.
 */
export async function findVisibleElevator(
  db: Db,
  user: Viewer,
  elevatorId: number,
): Promise<ElevatorDto | null> {
  let id = elevatorId;
  for (let hop = 0; hop < MAX_MERGE_HOPS; hop += 1) {
    const view = await repo.findElevatorView(db, user, id);
    if (!view) return null;
    if (!view.mergedIntoId) return toElevatorDto(view);
    id = view.mergedIntoId;
  }
  return null;
}

/** Same as findVisibleElevator, by the elevator's uuid (offline devices know uuids). */
export async function findVisibleElevatorByUuid(
  db: Db,
  user: Viewer,
  uuid: string,
): Promise<ElevatorDto | null> {
  const view = await repo.findElevatorViewByUuid(db, user, uuid);
  return view ? findVisibleElevator(db, user, view.id) : null;
}

/** findVisibleElevator or 404 `catalog.elevator_not_found` (never 403: others' pending lifts stay private). */
export async function getElevatorForUser(db: Db, user: Viewer, elevatorId: number): Promise<ElevatorDto> {
  const elevator = await findVisibleElevator(db, user, elevatorId);
  if (!elevator) throw notFound('catalog.elevator_not_found');
  return elevator;
}

/** Approved catalog plus the user's own pending records, compactly (the offline snapshot). */
export function listVisibleCatalog(db: Db, user: Viewer): Promise<CatalogSnapshot> {
  return repo.listCompactCatalog(db, user);
}

/** Catalog domain: buildings, elevators, moderation queue, import. */
export async function registerCatalog(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const deps = { db: ctx.db, clock: ctx.clock, ids: ctx.ids };
  await app.register(catalogRoutes, { catalog: createCatalogService(deps), readCache: ctx.readCache });
  await app.register(moderationRoutes, { moderation: createModerationService(deps) });
  await app.register(importRoutes, { imports: createImportService(deps) });
}
