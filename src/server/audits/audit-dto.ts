import type { AttachmentDto, AuditListItem, ResponseDto } from '../../shared/audits/audits.schema.js';
import { type AuditAnswer, percentageOf } from '../../shared/audits/scoring.js';
import type { AttachmentRow, AuditListRow, ResponseRow } from './audits.repo.js';

export function toListItem(r: AuditListRow): AuditListItem {
  return {
    uuid: r.uuid,
    status: r.status,
    isNew: r.status === 'submitted',
    elevator: {
      id: r.elevatorId,
      uuid: r.elevatorUuid,
      entrance: r.entrance,
      identifier: r.identifier,
      capacityKg: r.capacityKg,
      reviewStatus: r.elevatorReviewStatus,
    },
    building: { id: r.buildingId, uuid: r.buildingUuid, city: r.city, street: r.street, house: r.house },
    auditor: { id: r.auditorId, fullName: r.auditorName },
    checklistVersionNumber: Number(r.versionNumber ?? 0),
    plannedDate: r.plannedDate,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    submittedAt: r.submittedAt,
    reviewedAt: r.reviewedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    totalScore: r.totalScore,
    maxScore: r.maxScore,
    percentage: percentageOf(r.totalScore, r.maxScore),
    commentCount: Number(r.commentCount ?? 0),
    photoCount: Number(r.photoCount ?? 0),
    flaggedCount: Number(r.flaggedCount ?? 0),
  };
}

export function toAnswer(r: ResponseRow): AuditAnswer {
  return {
    score: r.score,
    yesNo: r.yesNo === null ? null : r.yesNo === 1,
    textValue: r.textValue,
    comment: r.comment,
    isFlagged: r.isFlagged === 1,
  };
}

export function toResponseDto(r: ResponseRow): ResponseDto {
  return { questionId: r.questionId, questionText: r.questionText, updatedAt: r.updatedAt, ...toAnswer(r) };
}

export function toAttachmentDto(r: AttachmentRow): AttachmentDto {
  const url = `/api/attachments/${r.uuid}`;
  return {
    uuid: r.uuid,
    questionId: r.questionId,
    mime: r.mime,
    size: r.size,
    width: r.width,
    height: r.height,
    caption: r.caption,
    createdAt: r.createdAt,
    url,
    thumbUrl: `${url}/thumb`,
    previewUrl: `${url}/preview`,
  };
}
