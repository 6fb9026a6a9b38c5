import { z } from 'zod';
import { ChecklistSnapshotSchema } from '../checklists/snapshot.schema.js';
import { pageOf, pageQueryFields } from '../pagination.js';
import {
  MAX_ADMIN_NOTES_LENGTH,
  MAX_CAPTION_LENGTH,
  MAX_COMMENT_LENGTH,
  MAX_TEXT_ANSWER_LENGTH,
} from './limits.js';

export const AUDIT_STATUSES = ['draft', 'in_progress', 'submitted', 'reviewed'] as const;
export const AuditStatusSchema = z.enum(AUDIT_STATUSES);
export type AuditStatus = z.infer<typeof AuditStatusSchema>;
/** Statuses in which the auditor may still change answers, object info and photos. */
export const EDITABLE_STATUSES: readonly AuditStatus[] = ['draft', 'in_progress'];

const uuid = z.uuid();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Дата в формате ГГГГ-ММ-ДД.');
export const ObjectInfoValueSchema = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);
export const ObjectInfoSchema = z.record(z.string().max(100), ObjectInfoValueSchema);

export const AuditUuidParamsSchema = z.strictObject({ uuid });
export const ResponseParamsSchema = z.strictObject({ uuid, questionId: z.coerce.number().int().positive() });

export const CreateAuditSchema = z.strictObject({
  uuid,
  elevatorId: z.number().int().positive(),
  objectInfo: ObjectInfoSchema.optional(),
  plannedDate: isoDate.nullable().optional(),
});
export type CreateAudit = z.infer<typeof CreateAuditSchema>;

/** Autosave of one answer: the whole answer to that question (omitted values are cleared). */
export const SaveResponseSchema = z.strictObject({
  score: z.number().nullable().optional(),
  yesNo: z.boolean().nullable().optional(),
  textValue: z.string().max(MAX_TEXT_ANSWER_LENGTH).nullable().optional(),
  comment: z.string().max(MAX_COMMENT_LENGTH).nullable().optional(),
  isFlagged: z.boolean().optional(),
});
export type SaveResponse = z.infer<typeof SaveResponseSchema>;

/** Merged into the stored object info; a null value clears a field. */
export const PatchObjectInfoSchema = z.strictObject({ objectInfo: ObjectInfoSchema });
export type PatchObjectInfo = z.infer<typeof PatchObjectInfoSchema>;

/** Admin: metadata only, never answers. */
export const AdminUpdateAuditSchema = z
  .strictObject({
    plannedDate: isoDate.nullable(),
    adminNotes: z.string().trim().max(MAX_ADMIN_NOTES_LENGTH).nullable(),
    elevatorId: z.number().int().positive(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Нет полей для изменения.');
export type AdminUpdateAudit = z.infer<typeof AdminUpdateAuditSchema>;

export const AUDIT_SORTS = ['createdAt', 'submittedAt', 'plannedDate', 'score', 'address', 'status'] as const;

const csvStatuses = z
  .string()
  .transform((s) => s.split(',').filter(Boolean))
  .pipe(z.array(AuditStatusSchema));

/** Auditors get their own audits (status, search); admins every filter below. Dates filter `createdAt`. */
export const ListAuditsQuerySchema = z.strictObject({
  status: csvStatuses.optional(),
  search: z.string().trim().max(100).optional(),
  dateFrom: isoDate.optional(),
  dateTo: isoDate.optional(),
  auditorId: z.coerce.number().int().positive().optional(),
  buildingId: z.coerce.number().int().positive().optional(),
  elevatorId: z.coerce.number().int().positive().optional(),
  /** Percentage range, 0–100. */
  scoreMin: z.coerce.number().min(0).max(100).optional(),
  scoreMax: z.coerce.number().min(0).max(100).optional(),
  review: z.enum(['new', 'reviewed']).optional(),
  sort: z.enum(AUDIT_SORTS).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  ...pageQueryFields(25),
});
export type ListAuditsQuery = z.infer<typeof ListAuditsQuerySchema>;

export const AttachmentUploadQuerySchema = z.strictObject({
  questionId: z.coerce.number().int().positive().optional(),
  caption: z.string().trim().max(MAX_CAPTION_LENGTH).optional(),
  uuid: uuid.optional(),
});
export type AttachmentUploadQuery = z.infer<typeof AttachmentUploadQuerySchema>;
export const AttachmentParamsSchema = z.strictObject({ uuid });

const ScoreBucketSchema = z.object({ total: z.number(), max: z.number(), percentage: z.number().nullable() });
export const ScoreSummarySchema = ScoreBucketSchema.extend({
  answered: z.number(),
  required: z.number(),
  byCategory: z.array(
    ScoreBucketSchema.extend({ categoryId: z.number(), code: z.string(), name: z.string() }),
  ),
  byGroup: z.array(ScoreBucketSchema.extend({ group: z.string().nullable() })),
  criticalDefects: z.array(
    z.object({
      questionId: z.number(),
      code: z.string(),
      text: z.string(),
      categoryName: z.string(),
      sectionTitle: z.string(),
      score: z.number().nullable(),
      yesNo: z.boolean().nullable(),
    }),
  ),
});

export const AttachmentDtoSchema = z.object({
  uuid: z.string(),
  questionId: z.number().nullable(),
  mime: z.string(),
  size: z.number(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  caption: z.string().nullable(),
  createdAt: z.string(),
  url: z.string(),
  thumbUrl: z.string(),
  previewUrl: z.string(),
});
export type AttachmentDto = z.infer<typeof AttachmentDtoSchema>;

export const ResponseDtoSchema = z.object({
  questionId: z.number(),
  questionText: z.string(),
  score: z.number().nullable(),
  yesNo: z.boolean().nullable(),
  textValue: z.string().nullable(),
  comment: z.string().nullable(),
  isFlagged: z.boolean(),
  updatedAt: z.string(),
});
export type ResponseDto = z.infer<typeof ResponseDtoSchema>;

const ElevatorRefSchema = z.object({
  id: z.number(),
  uuid: z.string(),
  entrance: z.string().nullable(),
  identifier: z.string().nullable(),
  capacityKg: z.number().nullable(),
  reviewStatus: z.string(),
});
const BuildingRefSchema = z.object({
  id: z.number(),
  uuid: z.string(),
  city: z.string(),
  street: z.string(),
  house: z.string(),
});

export const AuditListItemSchema = z.object({
  uuid: z.string(),
  status: AuditStatusSchema,
  /** Submitted, not yet reviewed: the admin's «новый» marker. */
  isNew: z.boolean(),
  elevator: ElevatorRefSchema,
  building: BuildingRefSchema,
  auditor: z.object({ id: z.number(), fullName: z.string() }),
  checklistVersionNumber: z.number(),
  plannedDate: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  totalScore: z.number(),
  maxScore: z.number(),
  percentage: z.number().nullable(),
  commentCount: z.number(),
  photoCount: z.number(),
  flaggedCount: z.number(),
});
export type AuditListItem = z.infer<typeof AuditListItemSchema>;

export const AuditListSchema = pageOf(AuditListItemSchema);
export type AuditList = z.infer<typeof AuditListSchema>;

export const CompletenessProblemSchema = z.object({
  kind: z.enum(['required_field', 'unanswered', 'comment_required']),
  path: z.string(),
  questionId: z.number().nullable(),
  fieldCode: z.string().nullable(),
  message: z.string(),
});

export const AuditDetailSchema = AuditListItemSchema.extend({
  objectInfo: ObjectInfoSchema,
  /** Visible to admins only (null for auditors). */
  adminNotes: z.string().nullable(),
  reviewedBy: z.object({ id: z.number(), fullName: z.string() }).nullable(),
  source: z.enum(['web', 'offline']),
  checklistVersion: z.object({ id: z.number(), number: z.number(), snapshot: ChecklistSnapshotSchema }),
  responses: z.array(ResponseDtoSchema),
  attachments: z.array(AttachmentDtoSchema),
  scores: ScoreSummarySchema,
  missing: z.array(CompletenessProblemSchema),
  permissions: z.object({
    canAnswer: z.boolean(),
    canSubmit: z.boolean(),
    canEditMetadata: z.boolean(),
    canReview: z.boolean(),
  }),
});
export type AuditDetail = z.infer<typeof AuditDetailSchema>;

export const AuditDetailResponseSchema = z.object({ audit: AuditDetailSchema });
export const SaveResponseResultSchema = z.object({
  response: ResponseDtoSchema,
  status: AuditStatusSchema,
  startedAt: z.string().nullable(),
  scores: ScoreSummarySchema,
});
export type SaveResponseResult = z.infer<typeof SaveResponseResultSchema>;
export const AttachmentResponseSchema = z.object({ attachment: AttachmentDtoSchema });
