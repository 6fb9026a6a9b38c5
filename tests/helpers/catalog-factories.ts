import { createBuildingRecord, createElevatorRecord } from '../../src/server/catalog/index.js';
import type { AppContext } from '../../src/server/context.js';
import { inTransaction } from '../../src/server/db/transaction.js';

let counter = 0;

export interface CatalogActor {
  id: number;
  role: 'auditor' | 'admin';
}

/** A building made through the catalog's own write path (pending for auditors, approved for admins). */
export async function buildBuilding(
  ctx: AppContext,
  by: CatalogActor,
  overrides: { city?: string; street?: string; house?: string } = {},
) {
  counter += 1;
  return inTransaction(ctx.db, (trx) =>
    createBuildingRecord(trx, ctx, by, {
      city: overrides.city ?? 'Москва',
      street: overrides.street ?? `ул. Тестовая ${counter}`,
      house: overrides.house ?? String(counter),
      notes: null,
    }),
  );
}

export async function buildElevator(
  ctx: AppContext,
  by: CatalogActor,
  buildingId: number,
  overrides: { entrance?: string; capacityKg?: number; identifier?: string } = {},
) {
  counter += 1;
  return inTransaction(ctx.db, (trx) =>
    createElevatorRecord(trx, ctx, by, {
      buildingId,
      entrance: overrides.entrance ?? String(counter),
      capacityKg: overrides.capacityKg ?? 400,
      stops: 9,
      identifier: overrides.identifier ?? null,
      description: null,
    }),
  );
}

/** A minimal published checklist version and an audit row on the elevator (inserted directly). */
export async function insertAudit(ctx: AppContext, elevatorId: number, createdBy: number) {
  counter += 1;
  const now = ctx.clock.now().toISOString();
  let version = await ctx.db.selectFrom('checklistVersions').select('id').orderBy('id').executeTakeFirst();
  if (!version) {
    version = await ctx.db
      .insertInto('checklistVersions')
      .values({
        number: 1,
        snapshot: JSON.stringify({ categories: [], objectInfoFields: [] }),
        publishedBy: createdBy,
        publishedAt: now,
        notes: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  }
  return ctx.db
    .insertInto('audits')
    .values({
      uuid: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
      elevatorId,
      checklistVersionId: version.id,
      createdBy,
      objectInfo: '{}',
      status: 'draft',
      totalScore: 0,
      maxScore: 0,
      source: 'web',
      createdAt: now,
      updatedAt: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
