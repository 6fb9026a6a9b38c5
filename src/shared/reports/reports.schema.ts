import { z } from 'zod';
import { AuditStatusSchema, ListAuditsQuerySchema } from '../audits/audits.schema.js';
import { EXPORT_FORMATS } from './export-formats.js';

/** IANA time zone the exported dates are shown in (the browser sends its own); UTC when absent. */
const TimeZoneSchema = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('ru-RU', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'Неизвестный часовой пояс.');

/**
 * Export of the audit list: exactly the list's filters (same schema, same meaning), without paging —
 * every matching audit is exported, in the list's sort order.
 */
export const ExportAuditListQuerySchema = ListAuditsQuerySchema.omit({ page: true, pageSize: true }).extend({
  tz: TimeZoneSchema.optional(),
});
export type ExportAuditListQuery = z.infer<typeof ExportAuditListQuerySchema>;

// In a zod-free file: the auditor's export menu imports it without zod (issue 8).
export { EXPORT_FORMATS, type ExportFormat } from './export-formats.js';
export const ExportFormatParamsSchema = z.strictObject({ format: z.enum(EXPORT_FORMATS) });
/** `/api/reports/audits/:uuid.:format` */
export const ExportAuditParamsSchema = z.strictObject({ uuid: z.uuid(), format: z.enum(EXPORT_FORMATS) });
export const ExportAuditQuerySchema = z.strictObject({ tz: TimeZoneSchema.optional() });

export const DashboardQuerySchema = z.strictObject({
  /** How many calendar months (including the current one) the charts cover. */
  months: z.coerce.number().int().min(1).max(36).default(12),
  /** Elevators without a submitted audit for this many months are listed. */
  staleMonths: z.coerce.number().int().min(1).max(60).default(12),
});
export type DashboardQuery = z.infer<typeof DashboardQuerySchema>;

const AuditRefSchema = z.object({
  uuid: z.string(),
  address: z.string(),
  auditorName: z.string(),
  submittedAt: z.string().nullable(),
  percentage: z.number().nullable(),
});

export const DashboardSchema = z.object({
  generatedAt: z.string(),
  months: z.array(z.string()),
  statusCounts: z.record(AuditStatusSchema, z.number()),
  awaitingReview: z.object({ count: z.number(), latest: z.array(AuditRefSchema) }),
  pendingCatalog: z.object({ buildings: z.number(), elevators: z.number() }),
  failedSyncs: z.object({
    count: z.number(),
    latest: z.array(
      z.object({
        batchId: z.string(),
        auditorName: z.string(),
        deviceId: z.string(),
        receivedAt: z.string(),
      }),
    ),
  }),
  auditors: z.array(z.object({ id: z.number(), fullName: z.string() })),
  /** Submitted (or reviewed) audits per month of submission, in total and per auditor id. */
  auditsPerMonth: z.array(
    z.object({
      month: z.string(),
      total: z.number(),
      byAuditor: z.array(z.object({ auditorId: z.number(), count: z.number() })),
    }),
  ),
  scorePerMonth: z.array(
    z.object({ month: z.string(), averagePercentage: z.number().nullable(), audits: z.number() }),
  ),
  weakestCategories: z.array(
    z.object({ categoryId: z.number(), name: z.string(), percentage: z.number(), audits: z.number() }),
  ),
  staleElevators: z.object({
    months: z.number(),
    total: z.number(),
    items: z.array(
      z.object({
        elevatorId: z.number(),
        uuid: z.string(),
        address: z.string(),
        entrance: z.string().nullable(),
        identifier: z.string().nullable(),
        lastAuditAt: z.string().nullable(),
      }),
    ),
  }),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

const BucketSchema = z.object({ total: z.number(), max: z.number(), percentage: z.number().nullable() });

export const ReportQuestionSchema = z.object({
  id: z.number(),
  code: z.string(),
  text: z.string(),
  type: z.enum(['score', 'yes_no', 'text']),
  criterionGroup: z.string().nullable(),
  isCritical: z.boolean(),
  isAnswered: z.boolean(),
  /** «2 — Реверс с задержкой», «да», «нет», the text answer, or '' when unanswered. */
  answer: z.string(),
  points: z.number().nullable(),
  max: z.number().nullable(),
  isReduced: z.boolean(),
  comment: z.string().nullable(),
  isFlagged: z.boolean(),
  photos: z.array(z.object({ uuid: z.string(), thumbUrl: z.string(), caption: z.string().nullable() })),
});
export type ReportQuestion = z.infer<typeof ReportQuestionSchema>;

/** Everything the print view shows, grouped by category (zone) and section. */
export const AuditReportSchema = z.object({
  uuid: z.string(),
  status: AuditStatusSchema,
  address: z.string(),
  elevator: z.object({
    entrance: z.string().nullable(),
    identifier: z.string().nullable(),
    capacityKg: z.number().nullable(),
  }),
  auditor: z.string(),
  reviewedBy: z.string().nullable(),
  checklistVersionNumber: z.number(),
  dates: z.object({
    plannedDate: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    submittedAt: z.string().nullable(),
    reviewedAt: z.string().nullable(),
  }),
  objectInfo: z.array(z.object({ code: z.string(), label: z.string(), value: z.string() })),
  adminNotes: z.string().nullable(),
  totals: BucketSchema.extend({ answered: z.number(), required: z.number() }),
  commentCount: z.number(),
  photoCount: z.number(),
  byCategory: z.array(BucketSchema.extend({ categoryId: z.number(), name: z.string() })),
  byGroup: z.array(BucketSchema.extend({ group: z.string().nullable() })),
  criticalDefects: z.array(
    z.object({ questionId: z.number(), code: z.string(), text: z.string(), categoryName: z.string() }),
  ),
  categories: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      name: z.string(),
      score: BucketSchema.nullable(),
      sections: z.array(
        z.object({
          id: z.number(),
          title: z.string(),
          description: z.string().nullable(),
          questions: z.array(ReportQuestionSchema),
        }),
      ),
    }),
  ),
  /** Photos attached to the audit but to no question. */
  otherPhotos: z.array(z.object({ uuid: z.string(), thumbUrl: z.string(), caption: z.string().nullable() })),
});
export type AuditReport = z.infer<typeof AuditReportSchema>;
export const AuditReportResponseSchema = z.object({ report: AuditReportSchema });
