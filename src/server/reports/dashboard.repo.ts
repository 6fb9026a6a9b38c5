import { type SqlBool, sql } from 'kysely';
import type { AuditStatus, Db } from '../db/database.js';
import { monthOf } from '../db/dates.js';

const DONE: AuditStatus[] = ['submitted', 'reviewed'];

export async function countAuditsByStatus(db: Db): Promise<Array<{ status: AuditStatus; n: number }>> {
  const rows = await db
    .selectFrom('audits')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return rows.map((r) => ({ status: r.status, n: Number(r.n) }));
}

export async function countPendingCatalog(db: Db): Promise<{ buildings: number; elevators: number }> {
  const [b, e] = await Promise.all([
    db
      .selectFrom('buildings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('reviewStatus', '=', 'pending')
      .where('mergedIntoId', 'is', null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('elevators')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('reviewStatus', '=', 'pending')
      .where('mergedIntoId', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { buildings: Number(b.n), elevators: Number(e.n) };
}

export async function failedSyncsSince(db: Db, sinceIso: string, limit: number) {
  const base = db
    .selectFrom('syncBatches as s')
    .where('s.status', '=', 'error')
    .where('s.receivedAt', '>=', sinceIso);
  const [count, latest] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .innerJoin('users as u', 'u.id', 's.userId')
      .select(['s.uuid', 's.deviceId', 's.receivedAt', 'u.fullName'])
      .orderBy('s.receivedAt', 'desc')
      .limit(limit)
      .execute(),
  ]);
  return { count: Number(count.n), latest };
}

/** Submitted audits per month of submission and auditor. */
export async function auditsPerMonthAndAuditor(db: Db, fromIso: string) {
  const month = monthOf('a.submitted_at');
  const rows = await db
    .selectFrom('audits as a')
    .innerJoin('users as u', 'u.id', 'a.createdBy')
    .select([month.as('month'), 'a.createdBy as auditorId', 'u.fullName'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('a.status', 'in', DONE)
    .where('a.submittedAt', '>=', fromIso)
    .groupBy([month, 'a.createdBy', 'u.fullName'])
    .execute();
  return rows.map((r) => ({ month: r.month, auditorId: r.auditorId, fullName: r.fullName, n: Number(r.n) }));
}

/** Average percentage of submitted audits per month of submission. */
export async function averageScorePerMonth(db: Db, fromIso: string) {
  const month = monthOf('a.submitted_at');
  const rows = await db
    .selectFrom('audits as a')
    .select([
      month.as('month'),
      sql<number | null>`avg(case when a.max_score > 0 then a.total_score * 100.0 / a.max_score end)`.as(
        'avg',
      ),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('a.status', 'in', DONE)
    .where('a.submittedAt', '>=', fromIso)
    .groupBy(month)
    .execute();
  return rows.map((r) => ({ month: r.month, avg: r.avg === null ? null : Number(r.avg), n: Number(r.n) }));
}

/**
 * Answer totals per checklist version and question over submitted audits: the database aggregates
 * millions of answers into one row per (version, question); the caller maps questions to categories
 * through each version's snapshot (weights and zones live there, not in the answers).
 */
export async function answerTotalsByVersionAndQuestion(db: Db, fromIso: string) {
  const rows = await db
    .selectFrom('auditResponses as r')
    .innerJoin('audits as a', 'a.id', 'r.auditId')
    .select([
      'a.checklistVersionId as versionId',
      'r.questionId',
      sql<number>`count(r.score)`.as('scoreCount'),
      sql<number | null>`sum(r.score)`.as('scoreSum'),
      sql<number>`count(r.yes_no)`.as('yesNoCount'),
      sql<number>`sum(case when r.yes_no = 1 then 1 else 0 end)`.as('yesCount'),
    ])
    .where('a.status', 'in', DONE)
    .where('a.submittedAt', '>=', fromIso)
    .groupBy(['a.checklistVersionId', 'r.questionId'])
    .execute();
  return rows.map((r) => ({
    versionId: r.versionId,
    questionId: r.questionId,
    scoreCount: Number(r.scoreCount),
    scoreSum: Number(r.scoreSum ?? 0),
    yesNoCount: Number(r.yesNoCount),
    yesCount: Number(r.yesCount),
  }));
}

/**
 * Changes whenever an audit is submitted into the window (submitted answers never change), so the
 * expensive per-zone aggregate can be reused until then.
 */
export async function submittedFingerprint(db: Db, fromIso: string): Promise<string> {
  const row = await db
    .selectFrom('audits')
    .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('submittedAt').as('last')])
    .where('status', 'in', DONE)
    .where('submittedAt', '>=', fromIso)
    .executeTakeFirstOrThrow();
  return `${fromIso}|${Number(row.n)}|${row.last ?? ''}`;
}

export async function countAuditsByVersion(db: Db, fromIso: string) {
  const rows = await db
    .selectFrom('audits')
    .select(['checklistVersionId as versionId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', 'in', DONE)
    .where('submittedAt', '>=', fromIso)
    .groupBy('checklistVersionId')
    .execute();
  return new Map(rows.map((r) => [r.versionId, Number(r.n)]));
}

/**
 * Approved, active elevators with no audit submitted since `cutoffIso` (never audited first, then
 * the longest ago), with the date of their last submitted audit.
 */
export async function listStaleElevators(db: Db, cutoffIso: string, limit: number) {
  const lastAudit = sql<string | null>`(select max(x.submitted_at) from audits x where x.elevator_id = e.id)`;
  const base = db
    .selectFrom('elevators as e')
    .innerJoin('buildings as b', 'b.id', 'e.buildingId')
    .where('e.status', '=', 'active')
    .where('e.reviewStatus', '=', 'approved')
    .where('e.mergedIntoId', 'is', null)
    .where(
      sql<SqlBool>`not exists (select 1 from audits y where y.elevator_id = e.id and y.submitted_at >= ${cutoffIso})`,
    );
  const [count, items] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .select([
        'e.id',
        'e.uuid',
        'e.entrance',
        'e.identifier',
        'b.city',
        'b.street',
        'b.house',
        lastAudit.as('lastAuditAt'),
      ])
      .orderBy(sql`${lastAudit} is null`, 'desc')
      .orderBy(lastAudit, 'asc')
      .orderBy('e.id')
      .limit(limit)
      .execute(),
  ]);
  return { total: Number(count.n), items };
}
