import type { ChecklistSnapshot, SnapshotQuestion } from '../checklists/snapshot.schema.js';
import { flattenQuestions } from '../checklists/snapshot-questions.js';

/**
 * The one scoring module (DESIGN §3): the server recomputes with it on every save and at submit,
 * the client shows the same numbers while filling in.
 *
 * Rules:
 * - `score` questions: points = chosen score × weight; maximum = question max × weight (the max is
 *   `maxScore`, or the highest option when `maxScore` is empty).
 * - `yes_no` questions with a `maxScore`: «да» = maxScore, «нет» = 0, both × weight. Without a
 *   `maxScore` they are not scored, but they still must be answered and can be critical defects.
 * - `text` questions are never scored and never required.
 * - The maximum is over every scored question of the version, answered or not, so a draft's
 *   percentage grows as it is filled in; at submit every scored question is answered.
 * - Percentage = total / maximum × 100 (one decimal), `null` when the maximum is 0.
 * - A reduced answer is a score below the question's maximum or «нет». It needs a comment unless the
 *   question turns that off (`requiresCommentWhenReduced = false`).
 * - Critical defects: critical questions answered with a reduced answer.
 */

export interface AuditAnswer {
  score: number | null;
  yesNo: boolean | null;
  textValue: string | null;
  comment: string | null;
  isFlagged: boolean;
}

export type AnswerLookup = ReadonlyMap<number, AuditAnswer>;

export interface ScoreBucket {
  total: number;
  max: number;
  percentage: number | null;
}

export interface CategoryScore extends ScoreBucket {
  categoryId: number;
  code: string;
  name: string;
}

export interface GroupScore extends ScoreBucket {
  /** The criterion group («Безопасность», …) or null for questions without one. */
  group: string | null;
}

export interface CriticalDefect {
  questionId: number;
  code: string;
  text: string;
  categoryName: string;
  sectionTitle: string;
  score: number | null;
  yesNo: boolean | null;
}

export interface ScoreSummary extends ScoreBucket {
  /** Answered questions among those that must be answered (score and yes/no). */
  answered: number;
  required: number;
  byCategory: CategoryScore[];
  byGroup: GroupScore[];
  criticalDefects: CriticalDefect[];
}

const round = (n: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

export function percentageOf(total: number, max: number): number | null {
  return max > 0 ? round((total / max) * 100, 1) : null;
}

/** The maximum score of a question (before weight), or null when the question is not scored. */
export function questionMaxScore(q: SnapshotQuestion): number | null {
  if (q.type === 'score') {
    if (q.maxScore !== null) return q.maxScore;
    return q.options.length ? Math.max(...q.options.map((o) => o.score)) : null;
  }
  if (q.type === 'yes_no') return q.maxScore;
  return null;
}

/** Score and yes/no questions must be answered before submit; text questions are optional. */
export function isAnswerRequired(q: SnapshotQuestion): boolean {
  return q.type === 'score' || q.type === 'yes_no';
}

export function isAnswered(q: SnapshotQuestion, a: AuditAnswer | undefined): boolean {
  if (!a) return false;
  if (q.type === 'score') return a.score !== null;
  if (q.type === 'yes_no') return a.yesNo !== null;
  return (a.textValue ?? '').trim() !== '';
}

/** A score below the question's maximum, or «нет». */
export function isReduced(q: SnapshotQuestion, a: AuditAnswer | undefined): boolean {
  if (!a) return false;
  if (q.type === 'score') {
    const max = questionMaxScore(q);
    return a.score !== null && max !== null && a.score < max;
  }
  if (q.type === 'yes_no') return a.yesNo === false;
  return false;
}

/** True when the answer is reduced, the question wants a comment then, and there is none. */
export function isCommentMissing(q: SnapshotQuestion, a: AuditAnswer | undefined): boolean {
  return isReduced(q, a) && q.requiresCommentWhenReduced && (a?.comment ?? '').trim() === '';
}

/** Points of one answer (weight applied), or null when the question is not scored or unanswered. */
export function answerPoints(q: SnapshotQuestion, a: AuditAnswer | undefined): number | null {
  const max = questionMaxScore(q);
  if (max === null || !a) return null;
  if (q.type === 'score') return a.score === null ? null : a.score * q.weight;
  if (q.type === 'yes_no') return a.yesNo === null ? null : (a.yesNo ? max : 0) * q.weight;
  return null;
}

/** Total, maximum, percentage, per zone and per criterion group, and the critical defects. */
export function computeScores(snapshot: ChecklistSnapshot, answers: AnswerLookup): ScoreSummary {
  let total = 0;
  let max = 0;
  let answered = 0;
  let required = 0;
  const byCategory = new Map<number, CategoryScore>();
  const byGroup = new Map<string | null, GroupScore>();
  const criticalDefects: CriticalDefect[] = [];

  for (const { category, section, question } of flattenQuestions(snapshot)) {
    const answer = answers.get(question.id);
    if (isAnswerRequired(question)) {
      required += 1;
      if (isAnswered(question, answer)) answered += 1;
    }
    if (question.isCritical && isReduced(question, answer) && answer) {
      criticalDefects.push({
        questionId: question.id,
        code: question.code,
        text: question.text,
        categoryName: category.name,
        sectionTitle: section.title,
        score: answer.score,
        yesNo: answer.yesNo,
      });
    }
    const qMax = questionMaxScore(question);
    if (qMax === null) continue;
    const points = answerPoints(question, answer) ?? 0;
    const weightedMax = qMax * question.weight;
    total += points;
    max += weightedMax;

    const cat = byCategory.get(category.id) ?? {
      categoryId: category.id,
      code: category.code,
      name: category.name,
      total: 0,
      max: 0,
      percentage: null,
    };
    cat.total += points;
    cat.max += weightedMax;
    byCategory.set(category.id, cat);

    const groupKey = question.criterionGroup;
    const group = byGroup.get(groupKey) ?? { group: groupKey, total: 0, max: 0, percentage: null };
    group.total += points;
    group.max += weightedMax;
    byGroup.set(groupKey, group);
  }

  const finish = <T extends ScoreBucket>(b: T): T => ({
    ...b,
    total: round(b.total, 2),
    max: round(b.max, 2),
    percentage: percentageOf(b.total, b.max),
  });
  return {
    total: round(total, 2),
    max: round(max, 2),
    percentage: percentageOf(total, max),
    answered,
    required,
    byCategory: [...byCategory.values()].map(finish),
    byGroup: [...byGroup.values()].map(finish),
    criticalDefects,
  };
}
