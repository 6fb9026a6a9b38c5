import { isReduced } from '../../shared/audits/scoring.js';
import { flattenQuestions, type SnapshotQuestion } from '../../shared/checklists/snapshot.schema.js';
import { getVersionById } from '../checklists/index.js';
import type { Db } from '../db/database.js';
import { listAnswersTo } from './export.repo.js';

/**
 * Counts critical defects (critical questions with a reduced answer, shared/audits/scoring.ts) for a
 * page of audits with one query: whether a question is critical comes from each audit's pinned
 * checklist version, parsed once per export.
 */
export function createCriticalDefectCounter(db: Db) {
  const criticalByVersion = new Map<number, Map<number, SnapshotQuestion>>();

  async function criticalQuestions(versionId: number): Promise<Map<number, SnapshotQuestion>> {
    const cached = criticalByVersion.get(versionId);
    if (cached) return cached;
    const version = await getVersionById(db, versionId);
    const critical = new Map(
      (version ? flattenQuestions(version.snapshot) : [])
        .filter((e) => e.question.isCritical)
        .map((e) => [e.question.id, e.question]),
    );
    criticalByVersion.set(versionId, critical);
    return critical;
  }

  return async function count(
    audits: ReadonlyArray<{ id: number; checklistVersionId: number }>,
  ): Promise<Map<number, number>> {
    const counts = new Map<number, number>(audits.map((a) => [a.id, 0]));
    const versionOf = new Map(audits.map((a) => [a.id, a.checklistVersionId]));
    const questionIds = new Set<number>();
    for (const versionId of new Set(versionOf.values())) {
      for (const id of (await criticalQuestions(versionId)).keys()) questionIds.add(id);
    }
    const answers = await listAnswersTo(db, [...counts.keys()], [...questionIds]);
    for (const a of answers) {
      const question = criticalByVersion.get(versionOf.get(a.auditId) ?? 0)?.get(a.questionId);
      if (!question) continue;
      const answer = {
        score: a.score,
        yesNo: a.yesNo === null ? null : a.yesNo === 1,
        textValue: a.textValue,
        comment: a.comment,
        isFlagged: a.isFlagged === 1,
      };
      if (isReduced(question, answer)) counts.set(a.auditId, (counts.get(a.auditId) ?? 0) + 1);
    }
    return counts;
  };
}
