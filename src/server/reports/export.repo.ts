import type { Db } from '../db/database.js';

/** Answers of the given audits to the given questions (the critical ones), one query per page. */
export function listAnswersTo(db: Db, auditIds: number[], questionIds: number[]) {
  if (auditIds.length === 0 || questionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('auditResponses')
    .select(['auditId', 'questionId', 'score', 'yesNo', 'textValue', 'comment', 'isFlagged'])
    .where('auditId', 'in', auditIds)
    .where('questionId', 'in', questionIds)
    .execute();
}
