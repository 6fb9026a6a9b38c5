import type { Selectable } from 'kysely';
import { type ChecklistSnapshot, ChecklistSnapshotSchema } from '../../shared/checklists/snapshot.schema.js';
import type { BuildingsTable, Db, ElevatorsTable, UserRow } from '../db/database.js';

/*
 * Reads of other domains' tables that audits need. Kept small and local until the catalog and
 * checklist domains export equivalent lookups from their index.ts.
 */

export type ElevatorRow = Selectable<ElevatorsTable>;
export type BuildingRow = Selectable<BuildingsTable>;

/**
 * An elevator the user may audit, with its building: approved records, or pending ones the same
 * auditor created; admins see every record.
 */
export async function findVisibleElevator(
  db: Db,
  user: Pick<UserRow, 'id' | 'role'>,
  elevatorId: number,
): Promise<{ elevator: ElevatorRow; building: BuildingRow } | undefined> {
  const elevator = await db
    .selectFrom('elevators')
    .selectAll()
    .where('id', '=', elevatorId)
    .executeTakeFirst();
  if (!elevator) return undefined;
  const building = await db
    .selectFrom('buildings')
    .selectAll()
    .where('id', '=', elevator.buildingId)
    .executeTakeFirstOrThrow();
  if (user.role === 'admin') return { elevator, building };
  const visible = (r: { reviewStatus: string; createdBy: number | null; mergedIntoId: number | null }) =>
    r.mergedIntoId === null &&
    (r.reviewStatus === 'approved' || (r.reviewStatus === 'pending' && r.createdBy === user.id));
  return visible(elevator) && visible(building) ? { elevator, building } : undefined;
}

export interface PinnedVersion {
  id: number;
  number: number;
  snapshot: ChecklistSnapshot;
}

export interface ChecklistLookup {
  latestPublished(db: Db): Promise<PinnedVersion | undefined>;
  get(db: Db, id: number): Promise<PinnedVersion>;
}

/** Published versions are immutable, so each parsed snapshot is cached for the app's lifetime. */
export function createChecklistLookup(): ChecklistLookup {
  const cache = new Map<number, PinnedVersion>();
  const parse = (row: { id: number; number: number; snapshot: string }): PinnedVersion => {
    const cached = cache.get(row.id);
    if (cached) return cached;
    const snapshot = ChecklistSnapshotSchema.parse(JSON.parse(row.snapshot));
    const version = { id: row.id, number: row.number, snapshot };
    cache.set(row.id, version);
    return version;
  };
  return {
    async latestPublished(db) {
      const row = await db
        .selectFrom('checklistVersions')
        .select(['id', 'number', 'snapshot'])
        .orderBy('number', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? parse(row) : undefined;
    },
    async get(db, id) {
      const cached = cache.get(id);
      if (cached) return cached;
      const row = await db
        .selectFrom('checklistVersions')
        .select(['id', 'number', 'snapshot'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return parse(row);
    },
  };
}
