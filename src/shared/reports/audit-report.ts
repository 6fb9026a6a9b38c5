import type { AuditDetail } from '../audits/audits.schema.js';
import {
  type AuditAnswer,
  answerPoints,
  isAnswered,
  isReduced,
  questionMaxScore,
} from '../audits/scoring.js';
import type { ObjectInfoField, SnapshotQuestion } from '../checklists/snapshot.schema.js';
import type { AuditReport, ReportQuestion } from './reports.schema.js';

/** «Москва, ул. Лесная, 5» */
export function formatAddress(b: { city: string; street: string; house: string }): string {
  return [b.city, b.street, b.house].filter((p) => p.trim() !== '').join(', ');
}

/** «подъезд 2, 400 кг, № ЗАВ-1» (Russian: exports and the print view are in the customer's language). */
export function formatElevator(e: {
  entrance: string | null;
  capacityKg: number | null;
  identifier: string | null;
}): string {
  const parts: string[] = [];
  if (e.entrance) parts.push(`подъезд ${e.entrance}`);
  if (e.capacityKg !== null) parts.push(`${e.capacityKg} кг`);
  if (e.identifier) parts.push(`№ ${e.identifier}`);
  return parts.join(', ');
}

/** The answer as a person reads it: the chosen option with its description, «да»/«нет», or the text. */
export function formatAnswer(q: SnapshotQuestion, a: AuditAnswer | undefined): string {
  if (!a || !isAnswered(q, a)) return '';
  if (q.type === 'score') {
    const option = q.options.find((o) => o.score === a.score);
    return option?.description ? `${a.score} — ${option.description}` : String(a.score);
  }
  if (q.type === 'yes_no') return a.yesNo ? 'да' : 'нет';
  return a.textValue ?? '';
}

function formatInfoValue(field: ObjectInfoField, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  if (field.fieldType === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-');
    return `${d}.${m}.${y}`;
  }
  return String(value);
}

/**
 * The printable report of one audit from its detail (the same data the audit card shows), grouped
 * by category and section in checklist order, with points, comments and photos per question.
 */
export function buildAuditReport(detail: AuditDetail): AuditReport {
  const snapshot = detail.checklistVersion.snapshot;
  const answers = new Map(detail.responses.map((r) => [r.questionId, r]));
  const photosByQuestion = new Map<number | null, AuditReport['otherPhotos']>();
  for (const p of detail.attachments) {
    const list = photosByQuestion.get(p.questionId) ?? [];
    list.push({ uuid: p.uuid, thumbUrl: p.thumbUrl, caption: p.caption });
    photosByQuestion.set(p.questionId, list);
  }
  const knownQuestions = new Set<number>();
  const categoryScores = new Map(detail.scores.byCategory.map((c) => [c.categoryId, c]));

  const categories = snapshot.categories.map((category) => {
    const score = categoryScores.get(category.id);
    return {
      id: category.id,
      code: category.code,
      name: category.name,
      score: score ? { total: score.total, max: score.max, percentage: score.percentage } : null,
      sections: category.sections.map((section) => ({
        id: section.id,
        title: section.title,
        description: section.description,
        questions: section.questions.map((q): ReportQuestion => {
          knownQuestions.add(q.id);
          const a = answers.get(q.id);
          const max = questionMaxScore(q);
          return {
            id: q.id,
            code: q.code,
            text: q.text,
            type: q.type,
            criterionGroup: q.criterionGroup,
            isCritical: q.isCritical,
            isAnswered: isAnswered(q, a),
            answer: formatAnswer(q, a),
            points: answerPoints(q, a),
            max: max === null ? null : max * q.weight,
            isReduced: isReduced(q, a),
            comment: a?.comment?.trim() ? a.comment : null,
            isFlagged: a?.isFlagged ?? false,
            photos: photosByQuestion.get(q.id) ?? [],
          };
        }),
      })),
    };
  });
  const otherPhotos = [...photosByQuestion.entries()].flatMap(([questionId, list]) =>
    questionId === null || !knownQuestions.has(questionId) ? list : [],
  );

  return {
    uuid: detail.uuid,
    status: detail.status,
    address: formatAddress(detail.building),
    elevator: {
      entrance: detail.elevator.entrance,
      identifier: detail.elevator.identifier,
      capacityKg: detail.elevator.capacityKg,
    },
    auditor: detail.auditor.fullName,
    reviewedBy: detail.reviewedBy?.fullName ?? null,
    checklistVersionNumber: detail.checklistVersion.number,
    dates: {
      plannedDate: detail.plannedDate,
      createdAt: detail.createdAt,
      startedAt: detail.startedAt,
      finishedAt: detail.finishedAt,
      submittedAt: detail.submittedAt,
      reviewedAt: detail.reviewedAt,
    },
    objectInfo: [...snapshot.objectInfoFields]
      .sort((a, b) => a.position - b.position)
      .map((f) => ({ code: f.code, label: f.label, value: formatInfoValue(f, detail.objectInfo[f.code]) })),
    adminNotes: detail.adminNotes,
    totals: {
      total: detail.scores.total,
      max: detail.scores.max,
      percentage: detail.scores.percentage,
      answered: detail.scores.answered,
      required: detail.scores.required,
    },
    commentCount: detail.commentCount,
    photoCount: detail.photoCount,
    byCategory: detail.scores.byCategory.map((c) => ({
      categoryId: c.categoryId,
      name: c.name,
      total: c.total,
      max: c.max,
      percentage: c.percentage,
    })),
    byGroup: detail.scores.byGroup,
    criticalDefects: detail.scores.criticalDefects.map((d) => ({
      questionId: d.questionId,
      code: d.code,
      text: d.text,
      categoryName: d.categoryName,
    })),
    categories,
    otherPhotos,
  };
}

/** One export row per question of the report (the single-audit export). */
export interface QuestionRow {
  category: string;
  section: string;
  code: string;
  question: string;
  answer: string;
  points: number | null;
  max: number | null;
  comment: string;
  photoCount: number;
  isCritical: boolean;
}

export function reportQuestionRows(report: AuditReport): QuestionRow[] {
  return report.categories.flatMap((c) =>
    c.sections.flatMap((s) =>
      s.questions.map((q) => ({
        category: c.name,
        section: s.title,
        code: q.code,
        question: q.text,
        answer: q.answer,
        points: q.points,
        max: q.max,
        comment: q.comment ?? '',
        photoCount: q.photos.length,
        isCritical: q.isCritical,
      })),
    ),
  );
}
