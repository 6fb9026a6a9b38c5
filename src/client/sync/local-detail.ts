import type { AttachmentDto, AuditDetail, AuditListItem } from '../../shared/audits/audits.schema';
import { checkCompleteness } from '../../shared/audits/completeness';
import { type AuditAnswer, computeScores } from '../../shared/audits/scoring';
import { flattenQuestions } from '../../shared/checklists/snapshot-questions';
import type { LocalAttachment, LocalAudit, LocalAuditBundle, StoredChecklistVersion } from '../db';

/*
 * The device copy of an audit in the shapes the audit screens already use (AuditListItem,
 * AuditDetail), so the same screens show local and server audits. Scores and missing answers are
 * computed with the shared rules, exactly as the server will.
 */

const objectUrls = new Map<string, string>();

function photoUrls(a: LocalAttachment): Pick<AttachmentDto, 'url' | 'thumbUrl' | 'previewUrl'> {
  if (a.blob) {
    let url = objectUrls.get(a.uuid);
    if (!url) {
      url = URL.createObjectURL(a.blob);
      objectUrls.set(a.uuid, url);
    }
    return { url, thumbUrl: url, previewUrl: url };
  }
  const url = a.remoteUrl ?? `/api/attachments/${a.uuid}`;
  return { url, thumbUrl: `${url}/thumb`, previewUrl: `${url}/preview` };
}

const answerOf = (r: LocalAuditBundle['responses'][number]): AuditAnswer => ({
  score: r.score,
  yesNo: r.yesNo,
  textValue: r.textValue,
  comment: r.comment,
  isFlagged: r.isFlagged,
});

export function toLocalListItem(
  bundle: LocalAuditBundle,
  version: StoredChecklistVersion | undefined,
  auditor: { id: number; fullName: string },
): AuditListItem {
  const { audit, responses, attachments } = bundle;
  const answers = new Map(responses.map((r) => [r.questionId, answerOf(r)]));
  const scores = version ? computeScores(version.snapshot, answers) : { total: 0, max: 0, percentage: null };
  return {
    uuid: audit.uuid,
    status: audit.status,
    isNew: false,
    elevator: {
      id: 0,
      uuid: audit.elevatorUuid,
      entrance: audit.display.entrance,
      identifier: audit.display.identifier,
      capacityKg: audit.display.capacityKg,
      reviewStatus: audit.display.elevatorReviewStatus,
    },
    building: {
      id: 0,
      uuid: '',
      city: audit.display.city,
      street: audit.display.street,
      house: audit.display.house,
    },
    auditor,
    checklistVersionNumber: version?.number ?? 0,
    plannedDate: audit.plannedDate,
    startedAt: audit.startedAt,
    finishedAt: audit.finishedAt,
    submittedAt: audit.status === 'submitted' ? audit.finishedAt : null,
    reviewedAt: null,
    createdAt: audit.createdAt,
    updatedAt: audit.updatedAt,
    totalScore: scores.total,
    maxScore: scores.max,
    percentage: scores.percentage,
    commentCount: responses.filter((r) => r.comment?.trim()).length,
    photoCount: attachments.length,
    flaggedCount: responses.filter((r) => r.isFlagged).length,
  };
}

export function toLocalDetail(
  bundle: LocalAuditBundle,
  version: StoredChecklistVersion,
  auditor: { id: number; fullName: string },
): AuditDetail {
  const { audit, responses, attachments } = bundle;
  const answers = new Map(responses.map((r) => [r.questionId, answerOf(r)]));
  const texts = new Map(flattenQuestions(version.snapshot).map((e) => [e.question.id, e.question.text]));
  const editable = audit.status !== 'submitted';
  return {
    ...toLocalListItem(bundle, version, auditor),
    objectInfo: audit.objectInfo,
    adminNotes: null,
    reviewedBy: null,
    source: 'offline',
    checklistVersion: { id: version.id, number: version.number, snapshot: version.snapshot },
    responses: responses.map((r) => ({
      questionId: r.questionId,
      questionText: texts.get(r.questionId) ?? '',
      updatedAt: r.updatedAt,
      ...answerOf(r),
    })),
    attachments: [...attachments]
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((a) => ({
        uuid: a.uuid,
        questionId: a.questionId,
        mime: a.mime,
        size: a.size,
        width: null,
        height: null,
        caption: a.caption,
        createdAt: a.createdAt,
        ...photoUrls(a),
      })),
    scores: computeScores(version.snapshot, answers),
    missing: checkCompleteness(version.snapshot, audit.objectInfo, answers),
    permissions: { canAnswer: editable, canSubmit: editable, canEditMetadata: false, canReview: false },
  };
}

export type { LocalAudit };
