import { z } from 'zod';
import { ObjectInfoSchema } from '../audits/audits.schema.js';
import {
  MAX_CAPTION_LENGTH,
  MAX_COMMENT_LENGTH,
  MAX_PHOTO_BYTES,
  MAX_PHOTOS_PER_AUDIT,
  MAX_TEXT_ANSWER_LENGTH,
  PHOTO_MIME_TYPES,
} from '../audits/limits.js';
import { CatalogSnapshotSchema, CreateBuildingSchema } from '../catalog/catalog.schema.js';
import { ChecklistSnapshotSchema } from '../checklists/snapshot.schema.js';
import { pageOf, pageQueryFields } from '../pagination.js';

/*
 * The offline protocol (DESIGN §5): the snapshot a device works from, the batch it sends, the
 * result it gets back, and the photo upload headers. Shared by the server routes and the client
 * sync engine so both sides agree on every field.
 */

const uuid = z.uuid();
const isoTimestamp = z.iso.datetime({ offset: true });
export const SHA256_RE = /^[0-9a-f]{64}$/;
export const MAX_AUDITS_PER_BATCH = 20;
export const MAX_ADDITIONS_PER_BATCH = 50;

export const SyncAttachmentSchema = z.strictObject({
  uuid,
  sha256: z.string().regex(SHA256_RE, 'sha256 — 64 шестнадцатеричные цифры в нижнем регистре.'),
  size: z.number().int().positive(),
  mime: z.string().max(100),
  caption: z.string().trim().max(MAX_CAPTION_LENGTH).nullable().optional(),
});
export type SyncAttachment = z.infer<typeof SyncAttachmentSchema>;

export const SyncResponseSchema = z.strictObject({
  questionId: z.number().int().positive(),
  score: z.number().nullable().optional(),
  yesNo: z.boolean().nullable().optional(),
  textValue: z.string().max(MAX_TEXT_ANSWER_LENGTH).nullable().optional(),
  comment: z.string().max(MAX_COMMENT_LENGTH).nullable().optional(),
  isFlagged: z.boolean().optional(),
  /** When the device last changed this answer: the last-sync-wins key. */
  updatedAt: isoTimestamp,
  attachments: z.array(SyncAttachmentSchema).max(MAX_PHOTOS_PER_AUDIT).default([]),
});
export type SyncResponse = z.infer<typeof SyncResponseSchema>;

export const SYNC_AUDIT_STATUSES = ['draft', 'in_progress', 'submitted'] as const;

export const SyncAuditSchema = z.strictObject({
  uuid,
  /** uuid of an elevator from the snapshot or of one in `catalogAdditions.elevators`. */
  elevatorRef: uuid,
  /** `id` of the checklist version the audit was started on (the snapshot's `checklist.id`). */
  checklistVersion: z.number().int().positive(),
  objectInfo: ObjectInfoSchema.default({}),
  plannedDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable()
    .optional(),
  startedAt: isoTimestamp.nullable().optional(),
  finishedAt: isoTimestamp.nullable().optional(),
  status: z.enum(SYNC_AUDIT_STATUSES),
  responses: z.array(SyncResponseSchema).max(2000).default([]),
});
export type SyncAudit = z.infer<typeof SyncAuditSchema>;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const BuildingAdditionSchema = CreateBuildingSchema.extend({ uuid });
export type BuildingAddition = z.infer<typeof BuildingAdditionSchema>;

export const ElevatorAdditionSchema = z.strictObject({
  uuid,
  /** uuid of a building from the snapshot or of one in `catalogAdditions.buildings`. */
  buildingRef: uuid,
  entrance: optionalText(20),
  capacityKg: z.number().int().min(50).max(20_000).nullable().optional(),
  stops: z.number().int().min(2).max(200).nullable().optional(),
  identifier: optionalText(60),
  description: optionalText(2000),
});
export type ElevatorAddition = z.infer<typeof ElevatorAdditionSchema>;

export const CatalogAdditionsSchema = z.strictObject({
  buildings: z.array(BuildingAdditionSchema).max(MAX_ADDITIONS_PER_BATCH).default([]),
  elevators: z.array(ElevatorAdditionSchema).max(MAX_ADDITIONS_PER_BATCH).default([]),
});
export type CatalogAdditions = z.infer<typeof CatalogAdditionsSchema>;

export const SyncBatchSchema = z.strictObject({
  batchId: uuid,
  deviceId: z.string().trim().min(1).max(100),
  catalogAdditions: CatalogAdditionsSchema.default({ buildings: [], elevators: [] }),
  audits: z.array(SyncAuditSchema).max(MAX_AUDITS_PER_BATCH).default([]),
});
export type SyncBatch = z.infer<typeof SyncBatchSchema>;
export type SyncBatchInput = z.input<typeof SyncBatchSchema>;

/** One reason a batch was refused; `path` points into the batch (`audits[0].responses[3].score`). */
export const SyncErrorSchema = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
  auditUuid: z.string().nullable().optional(),
  questionId: z.number().nullable().optional(),
  attachmentUuid: z.string().nullable().optional(),
});
export type SyncError = z.infer<typeof SyncErrorSchema>;

export const SyncAppliedSchema = z.object({
  batchId: z.string(),
  status: z.literal('applied'),
  /** Client uuid → server id of what the batch created or matched. */
  ids: z.object({
    buildings: z.record(z.string(), z.number()),
    elevators: z.record(z.string(), z.number()),
    audits: z.record(z.string(), z.number()),
  }),
  /** Photos announced in the batch that the server does not have yet: PUT each of them. */
  missingAttachments: z.array(z.string()),
  /** Server status of every audit in the batch (`in_progress` + `submitPending` until photos arrive). */
  audits: z.array(z.object({ uuid: z.string(), status: z.string(), submitPending: z.boolean() })),
});
export type SyncApplied = z.infer<typeof SyncAppliedSchema>;

export const SyncRejectedSchema = z.object({
  batchId: z.string(),
  status: z.literal('error'),
  errors: z.array(SyncErrorSchema),
});
export type SyncRejected = z.infer<typeof SyncRejectedSchema>;

export const PHOTO_MIMES: readonly string[] = PHOTO_MIME_TYPES;
export { MAX_PHOTO_BYTES };

export const AttachmentUuidParamsSchema = z.strictObject({ uuid });
export const AttachmentStoredSchema = z.object({ uuid: z.string(), status: z.literal('stored') });

/** Everything a device needs to create and fill an audit offline (GET /api/offline/snapshot). */
export const OfflineSnapshotSchema = z.object({
  /** Same value as the ETag (without quotes). */
  version: z.string(),
  generatedAt: z.string(),
  catalog: CatalogSnapshotSchema,
  checklist: z.object({ id: z.number(), number: z.number(), snapshot: ChecklistSnapshotSchema }).nullable(),
});
export type OfflineSnapshot = z.infer<typeof OfflineSnapshotSchema>;

// Admin «Синхронизация».
export const SYNC_BATCH_STATUSES = ['pending', 'applied', 'error'] as const;

export const ListSyncBatchesQuerySchema = z.strictObject({
  status: z.enum(SYNC_BATCH_STATUSES).optional(),
  userId: z.coerce.number().int().positive().optional(),
  deviceId: z.string().trim().max(100).optional(),
  ...pageQueryFields(),
});
export type ListSyncBatchesQuery = z.infer<typeof ListSyncBatchesQuerySchema>;

export const SyncBatchDtoSchema = z.object({
  batchId: z.string(),
  user: z.object({ id: z.number(), fullName: z.string(), username: z.string() }),
  deviceId: z.string(),
  receivedAt: z.string(),
  status: z.enum(SYNC_BATCH_STATUSES),
  auditUuids: z.array(z.string()),
  missingAttachments: z.number(),
  errors: z.array(SyncErrorSchema),
});
export type SyncBatchDto = z.infer<typeof SyncBatchDtoSchema>;

export const SyncBatchListSchema = pageOf(SyncBatchDtoSchema);
export type SyncBatchList = z.infer<typeof SyncBatchListSchema>;

export const SyncOverviewSchema = z.object({
  devices: z.array(
    z.object({
      user: z.object({ id: z.number(), fullName: z.string(), username: z.string() }),
      deviceId: z.string(),
      lastSyncAt: z.string(),
      lastStatus: z.enum(SYNC_BATCH_STATUSES),
      batches: z.number(),
      errors: z.number(),
    }),
  ),
  pendingAttachments: z.array(
    z.object({
      uuid: z.string(),
      auditUuid: z.string(),
      questionId: z.number().nullable(),
      size: z.number(),
      createdAt: z.string(),
      user: z.object({ id: z.number(), fullName: z.string() }),
      address: z.string(),
    }),
  ),
});
export type SyncOverview = z.infer<typeof SyncOverviewSchema>;
