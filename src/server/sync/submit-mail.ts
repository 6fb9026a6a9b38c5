import type { ScoreSummary } from '../../shared/audits/scoring.js';
import type { Db } from '../db/database.js';
import type { Notifier } from '../notifications/index.js';

/** «Новый аудит» mail to the admins when an offline audit becomes submitted (same as a web submit). */
export async function mailSubmitted(
  trx: Db,
  notifier: Notifier,
  auditId: number,
  scores: ScoreSummary,
): Promise<void> {
  const row = await trx
    .selectFrom('audits as a')
    .innerJoin('elevators as e', 'e.id', 'a.elevatorId')
    .innerJoin('buildings as b', 'b.id', 'e.buildingId')
    .innerJoin('users as u', 'u.id', 'a.createdBy')
    .select(['a.uuid', 'b.city', 'b.street', 'b.house', 'u.fullName'])
    .where('a.id', '=', auditId)
    .executeTakeFirst();
  if (!row) return;
  await notifier.auditSubmitted(trx, {
    uuid: row.uuid,
    address: `${row.city}, ${row.street}, ${row.house}`,
    auditorName: row.fullName,
    percent: scores.percentage,
    criticalDefects: scores.criticalDefects.length,
  });
}
