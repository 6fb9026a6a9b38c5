import { z } from 'zod';
import { pageOf, pageQueryFields } from '../pagination.js';

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 10_000;
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const IMPORT_ACTIONS = ['create', 'update', 'skip', 'error'] as const;
export const ImportActionSchema = z.enum(IMPORT_ACTIONS);
export type ImportAction = z.infer<typeof ImportActionSchema>;

export const ImportFieldSchema = z.enum([
  'city',
  'street',
  'house',
  'entrance',
  'capacityKg',
  'stops',
  'identifier',
  'description',
  'row',
]);
export type ImportField = z.infer<typeof ImportFieldSchema>;

export const ImportRowErrorSchema = z.object({ field: ImportFieldSchema, message: z.string() });
export type ImportRowError = z.infer<typeof ImportRowErrorSchema>;

export const ImportRowSchema = z.object({
  /** Row number as the spreadsheet shows it (the header is row 1 or wherever it was found). */
  row: z.number(),
  action: ImportActionSchema,
  /** Whether the row's building is new, already in the catalog, or created by an earlier row. */
  building: z.enum(['create', 'existing', 'earlier_row']).nullable(),
  city: z.string(),
  street: z.string(),
  house: z.string(),
  entrance: z.string().nullable(),
  capacityKg: z.number().nullable(),
  stops: z.number().nullable(),
  identifier: z.string().nullable(),
  description: z.string().nullable(),
  /** Fields an update would change. */
  changes: z.array(z.string()),
  errors: z.array(ImportRowErrorSchema),
});
export type ImportRow = z.infer<typeof ImportRowSchema>;

export const ImportCountsSchema = z.object({
  create: z.number(),
  update: z.number(),
  skip: z.number(),
  error: z.number(),
  buildingsCreated: z.number(),
});
export type ImportCounts = z.infer<typeof ImportCountsSchema>;

export const ImportPreviewSchema = z.object({
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  /** Columns recognised in the header, by field. */
  columns: z.array(z.object({ field: ImportFieldSchema, header: z.string() })),
  rows: z.array(ImportRowSchema),
  counts: ImportCountsSchema,
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ImportLogDtoSchema = z.object({
  id: z.number(),
  userId: z.number(),
  userName: z.string().nullable(),
  fileName: z.string(),
  createdCount: z.number(),
  updatedCount: z.number(),
  skippedCount: z.number(),
  errorCount: z.number(),
  createdAt: z.string(),
});
export type ImportLogDto = z.infer<typeof ImportLogDtoSchema>;

export const ImportApplyResultSchema = z.object({
  import: ImportLogDtoSchema,
  preview: ImportPreviewSchema,
});
export type ImportApplyResult = z.infer<typeof ImportApplyResultSchema>;

export const ImportLogListSchema = pageOf(ImportLogDtoSchema);
export type ImportLogList = z.infer<typeof ImportLogListSchema>;

export const ImportLogQuerySchema = z.strictObject({
  ...pageQueryFields(),
});
