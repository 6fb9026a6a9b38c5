import type { Insertable, Selectable, Updateable } from 'kysely';
import type {
  AuditAttachmentsTable,
  AuditResponsesTable,
  AuditsTable,
  Db,
  SyncBatchesTable,
} from '../db/database.js';

export type SyncBatchRow = Selectable<SyncBatchesTable>;
export type AuditRow = Selectable<AuditsTable>;
export type ResponseRow = Selectable<AuditResponsesTable>;
export type AttachmentRow = Selectable<AuditAttachmentsTable>;

// Batches.

export function findBatch(db: Db, uuid: string): Promise<SyncBatchRow | undefined> {
  return db.selectFrom('syncBatches').selectAll().where('uuid', '=', uuid).executeTakeFirst();
}

export async function insertBatch(db: Db, values: Insertable<SyncBatchesTable>): Promise<void> {
  await db.insertInto('syncBatches').values(values).execute();
}

export async function updateBatch(db: Db, id: number, patch: Updateable<SyncBatchesTable>): Promise<void> {
  await db.updateTable('syncBatches').set(patch).where('id', '=', id).execute();
}

// Catalog lookups by client uuid (offline devices know uuids, not ids).

export function findBuildingByUuid(db: Db, uuid: string) {
  return db
    .selectFrom('buildings')
    .select(['id', 'uuid', 'reviewStatus', 'createdBy', 'mergedIntoId'])
    .where('uuid', '=', uuid)
    .executeTakeFirst();
}

export function findBuildingById(db: Db, id: number) {
  return db
    .selectFrom('buildings')
    .select(['id', 'uuid', 'reviewStatus', 'createdBy', 'mergedIntoId'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findElevatorByUuid(db: Db, uuid: string) {
  return db
    .selectFrom('elevators')
    .select(['id', 'uuid', 'reviewStatus', 'createdBy', 'mergedIntoId'])
    .where('uuid', '=', uuid)
    .executeTakeFirst();
}

// Audits, answers and photos written by sync.

export function findAuditByUuid(db: Db, uuid: string): Promise<AuditRow | undefined> {
  return db.selectFrom('audits').selectAll().where('uuid', '=', uuid).executeTakeFirst();
}

export function findAuditById(db: Db, id: number): Promise<AuditRow | undefined> {
  return db.selectFrom('audits').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertAudit(db: Db, values: Insertable<AuditsTable>): Promise<AuditRow> {
  return db.insertInto('audits').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateAudit(db: Db, id: number, patch: Updateable<AuditsTable>): Promise<void> {
  await db.updateTable('audits').set(patch).where('id', '=', id).execute();
}

export function listResponses(db: Db, auditId: number): Promise<ResponseRow[]> {
  return db.selectFrom('auditResponses').selectAll().where('auditId', '=', auditId).execute();
}

/** Inserts or replaces one answer (unique audit_id + question_id). */
/** Rows per statement: far below SQLite's 32,766 bound variables (10 per answer). */
const UPSERT_CHUNK = 500;

/**
 * Inserts or overwrites answers (one per audit and question) in as few statements as possible;
 * returns each written answer's id by question id. A batch's 150 answers were 150 statements.
 */
export async function upsertResponses(
  db: Db,
  rows: Insertable<AuditResponsesTable>[],
): Promise<Map<number, number>> {
  const ids = new Map<number, number>();
  for (let i = 0; i < rows.length; i += UPSERT_CHUNK) {
    const written = await db
      .insertInto('auditResponses')
      .values(rows.slice(i, i + UPSERT_CHUNK))
      .onConflict((oc) =>
        oc.columns(['auditId', 'questionId']).doUpdateSet((eb) => ({
          questionText: eb.ref('excluded.questionText'),
          questionMaxScore: eb.ref('excluded.questionMaxScore'),
          score: eb.ref('excluded.score'),
          yesNo: eb.ref('excluded.yesNo'),
          textValue: eb.ref('excluded.textValue'),
          comment: eb.ref('excluded.comment'),
          isFlagged: eb.ref('excluded.isFlagged'),
          updatedAt: eb.ref('excluded.updatedAt'),
        })),
      )
      .returning(['id', 'questionId'])
      .execute();
    for (const row of written) ids.set(row.questionId, row.id);
  }
  return ids;
}

export function listAuditAttachments(db: Db, auditId: number): Promise<AttachmentRow[]> {
  return db.selectFrom('auditAttachments').selectAll().where('auditId', '=', auditId).execute();
}

export function findAttachmentsByUuid(db: Db, uuids: string[]): Promise<AttachmentRow[]> {
  if (uuids.length === 0) return Promise.resolve([]);
  return db.selectFrom('auditAttachments').selectAll().where('uuid', 'in', uuids).execute();
}

export function findAttachmentWithAudit(db: Db, uuid: string) {
  return db
    .selectFrom('auditAttachments as t')
    .innerJoin('audits as a', 'a.id', 't.auditId')
    .selectAll('t')
    .select(['a.uuid as auditUuid', 'a.createdBy as auditOwner'])
    .where('t.uuid', '=', uuid)
    .executeTakeFirst();
}

export async function insertAttachment(db: Db, values: Insertable<AuditAttachmentsTable>): Promise<void> {
  await db.insertInto('auditAttachments').values(values).execute();
}

export async function updateAttachment(
  db: Db,
  id: number,
  patch: Updateable<AuditAttachmentsTable>,
): Promise<void> {
  await db.updateTable('auditAttachments').set(patch).where('id', '=', id).execute();
}

export async function deleteAttachments(db: Db, ids: number[]): Promise<void> {
  if (ids.length) await db.deleteFrom('auditAttachments').where('id', 'in', ids).execute();
}

/** Stored photos of an audit (and of one question), other than `exceptId`. */
export async function countStored(db: Db, auditId: number, questionId: number | null, exceptId: number) {
  const rows = await db
    .selectFrom('auditAttachments')
    .select(['questionId'])
    .where('auditId', '=', auditId)
    .where('status', '=', 'stored')
    .where('id', '<>', exceptId)
    .execute();
  return {
    audit: rows.length,
    question: questionId === null ? 0 : rows.filter((r) => r.questionId === questionId).length,
  };
}

export async function countExpected(db: Db, auditId: number): Promise<number> {
  const row = await db
    .selectFrom('auditAttachments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('auditId', '=', auditId)
    .where('status', '=', 'expected')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findUser(db: Db, id: number) {
  return db
    .selectFrom('users')
    .select(['id', 'fullName', 'username'])
    .where('id', '=', id)
    .executeTakeFirst();
}
