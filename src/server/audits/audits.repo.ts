import { type Insertable, type Selectable, type SqlBool, sql, type Updateable } from 'kysely';
import type { AuditStatus } from '../../shared/audits/audits.schema.js';
import type { AuditAttachmentsTable, AuditResponsesTable, AuditsTable, Db } from '../db/database.js';
import { containsText } from '../db/search.js';

export type AuditRow = Selectable<AuditsTable>;
export type ResponseRow = Selectable<AuditResponsesTable>;
export type AttachmentRow = Selectable<AuditAttachmentsTable>;

export function findAuditByUuid(db: Db, uuid: string): Promise<AuditRow | undefined> {
  return db.selectFrom('audits').selectAll().where('uuid', '=', uuid).executeTakeFirst();
}

export function insertAudit(db: Db, values: Insertable<AuditsTable>): Promise<AuditRow> {
  return db.insertInto('audits').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateAudit(db: Db, id: number, patch: Updateable<AuditsTable>): Promise<AuditRow> {
  return db.updateTable('audits').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function listResponses(db: Db, auditId: number): Promise<ResponseRow[]> {
  return db.selectFrom('auditResponses').selectAll().where('auditId', '=', auditId).orderBy('id').execute();
}

export function findResponse(db: Db, auditId: number, questionId: number): Promise<ResponseRow | undefined> {
  return db
    .selectFrom('auditResponses')
    .selectAll()
    .where('auditId', '=', auditId)
    .where('questionId', '=', questionId)
    .executeTakeFirst();
}

/** Inserts or replaces the answer to one question (unique audit_id + question_id). */
export function upsertResponse(db: Db, values: Insertable<AuditResponsesTable>): Promise<ResponseRow> {
  const { auditId: _a, questionId: _q, ...update } = values;
  return db
    .insertInto('auditResponses')
    .values(values)
    .onConflict((oc) => oc.columns(['auditId', 'questionId']).doUpdateSet(update))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listStoredAttachments(db: Db, auditId: number): Promise<AttachmentRow[]> {
  return db
    .selectFrom('auditAttachments')
    .selectAll()
    .where('auditId', '=', auditId)
    .where('status', '=', 'stored')
    .orderBy('id')
    .execute();
}

export async function findUserNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'fullName']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.fullName]));
}

export interface AuditFilter {
  auditId?: number | undefined;
  createdBy?: number | undefined;
  statuses?: AuditStatus[] | undefined;
  /** Each term must occur in the address, elevator, auditor name or uuid. */
  searchTerms?: string[] | undefined;
  createdFrom?: string | undefined;
  createdBefore?: string | undefined;
  buildingId?: number | undefined;
  elevatorId?: number | undefined;
  percentMin?: number | undefined;
  percentMax?: number | undefined;
  sort: 'createdAt' | 'submittedAt' | 'plannedDate' | 'score' | 'address' | 'status';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

const percentage = sql<number>`case when a.max_score > 0 then a.total_score * 100.0 / a.max_score end`;

/**
 * The filtered audits as a query over `audits` alone: address/elevator/auditor conditions are
 * subqueries rather than joins, so the page of ids and the `count(*)` are answered from the audit
 * indexes (migration 70) without touching elevators, buildings or users for every matching audit.
 * (Every audit has its elevator, building and author — NOT NULL foreign keys — so the joins of the
 * original query never dropped rows.)
 */
function filteredAudits(db: Db, f: Omit<AuditFilter, 'limit' | 'offset'>) {
  let q = db.selectFrom('audits as a');
  if (f.auditId !== undefined) q = q.where('a.id', '=', f.auditId);
  if (f.createdBy !== undefined) q = q.where('a.createdBy', '=', f.createdBy);
  if (f.statuses?.length) q = q.where('a.status', 'in', f.statuses);
  if (f.createdFrom) q = q.where('a.createdAt', '>=', f.createdFrom);
  if (f.createdBefore) q = q.where('a.createdAt', '<', f.createdBefore);
  if (f.buildingId !== undefined) {
    const buildingId = f.buildingId;
    q = q.where('a.elevatorId', 'in', (eb) =>
      eb.selectFrom('elevators as fe').select('fe.id').where('fe.buildingId', '=', buildingId),
    );
  }
  if (f.elevatorId !== undefined) q = q.where('a.elevatorId', '=', f.elevatorId);
  if (f.percentMin !== undefined) q = q.where(sql<SqlBool>`${percentage} >= ${f.percentMin}`);
  if (f.percentMax !== undefined) q = q.where(sql<SqlBool>`${percentage} <= ${f.percentMax}`);
  for (const term of f.searchTerms ?? []) {
    q = q.where((eb) =>
      eb.or([
        containsText('a.uuid', term),
        eb(
          'a.elevatorId',
          'in',
          eb
            .selectFrom('elevators as se')
            .innerJoin('buildings as sb', 'sb.id', 'se.buildingId')
            .select('se.id')
            .where((x) => x.or([containsText('sb.search_text', term), containsText('se.search_text', term)])),
        ),
        eb(
          'a.createdBy',
          'in',
          eb.selectFrom('users as su').select('su.id').where(containsText('su.full_name', term)),
        ),
      ]),
    );
  }
  return q;
}

/** The ids of one page, in page order: filters, sort and limit/offset over the audit indexes. */
async function pageIds(db: Db, f: AuditFilter): Promise<number[]> {
  const dir = f.order;
  const base = filteredAudits(db, f);
  if (f.sort === 'address') {
    const rows = await base
      .innerJoin('elevators as e', 'e.id', 'a.elevatorId')
      .innerJoin('buildings as b', 'b.id', 'e.buildingId')
      .select('a.id')
      .orderBy('b.city', dir)
      .orderBy('b.street', dir)
      .orderBy('b.house', dir)
      .orderBy('a.id', dir)
      .limit(f.limit)
      .offset(f.offset)
      .execute();
    return rows.map((r) => r.id);
  }
  let page = base.select('a.id');
  switch (f.sort) {
    case 'score':
      page = page.orderBy(percentage, dir);
      break;
    case 'submittedAt':
      page = page.orderBy('a.submittedAt', dir);
      break;
    case 'plannedDate':
      page = page.orderBy('a.plannedDate', dir);
      break;
    case 'status':
      page = page.orderBy('a.status', dir);
      break;
    default:
      page = page.orderBy('a.createdAt', dir);
  }
  const rows = await page.orderBy('a.id', dir).limit(f.limit).offset(f.offset).execute();
  return rows.map((r) => r.id);
}

/** The joined list rows (elevator, building, auditor, counts) of the given audits, in any order. */
function auditRowsByIds(db: Db, ids: number[]) {
  return db
    .selectFrom('audits as a')
    .innerJoin('elevators as e', 'e.id', 'a.elevatorId')
    .innerJoin('buildings as b', 'b.id', 'e.buildingId')
    .innerJoin('users as u', 'u.id', 'a.createdBy')
    .where('a.id', 'in', ids)
    .select([
      'a.id',
      'a.uuid',
      'a.status',
      'a.plannedDate',
      'a.startedAt',
      'a.finishedAt',
      'a.submittedAt',
      'a.reviewedAt',
      'a.createdAt',
      'a.updatedAt',
      'a.totalScore',
      'a.maxScore',
      'a.checklistVersionId',
      // Kept by triggers (migration 72) rather than counted per listed audit.
      'a.commentCount',
      'a.flaggedCount',
      'a.photoCount',
      'e.id as elevatorId',
      'e.uuid as elevatorUuid',
      'e.entrance',
      'e.identifier',
      'e.capacityKg',
      'e.reviewStatus as elevatorReviewStatus',
      'b.id as buildingId',
      'b.uuid as buildingUuid',
      'b.city',
      'b.street',
      'b.house',
      'u.id as auditorId',
      'u.fullName as auditorName',
    ])
    .select((eb) => [
      eb
        .selectFrom('checklistVersions as v')
        .select('v.number')
        .whereRef('v.id', '=', 'a.checklistVersionId')
        .as('versionNumber'),
    ])
    .execute();
}

type JoinedAuditRow = Awaited<ReturnType<typeof auditRowsByIds>>[number];

/**
 * One page of audits with their elevator, building, auditor and aggregated counts, without the total
 * (the streamed exports in src/server/reports read the whole filtered list page by page with it).
 * Two statements: the page of ids (index-backed), then the joined rows and counts for those ids only.
 */
export async function listAuditRows(db: Db, f: AuditFilter): Promise<JoinedAuditRow[]> {
  const ids = await pageIds(db, f);
  if (ids.length === 0) return [];
  const rows = await auditRowsByIds(db, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The number of audits matching the filter (no joins unless a filter needs them). */
export async function countAudits(db: Db, f: Omit<AuditFilter, 'limit' | 'offset'>): Promise<number> {
  const row = await filteredAudits(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One page of audits plus the number of audits matching the filter. */
export async function listAudits(db: Db, f: AuditFilter) {
  const [rows, total] = await Promise.all([listAuditRows(db, f), countAudits(db, f)]);
  return { rows, total };
}

export type AuditListRow = Awaited<ReturnType<typeof listAudits>>['rows'][number];

/** The same joined row for one audit (the card's header). */
export async function getAuditListRow(db: Db, auditId: number): Promise<AuditListRow | undefined> {
  // The page query alone: the card needs no total.
  const rows = await auditRowsByIds(db, [auditId]);
  return rows[0];
}
