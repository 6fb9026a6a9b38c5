import { z } from 'zod';
import { CRITERION_GROUPS, QUESTION_TYPES } from './snapshot.schema.js';

/** What the checklist spreadsheet parser returns, and the upload/apply/preview contract of its routes. */

export const SpreadsheetProblemSchema = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  /** `error`: the row is not imported; `warning`: imported with the correction described. */
  severity: z.enum(['error', 'warning']),
  message: z.string(),
});
export type SpreadsheetProblem = z.infer<typeof SpreadsheetProblemSchema>;

export const ParsedQuestionSchema = z.object({
  row: z.number().int(),
  number: z.number().int().nullable(),
  text: z.string(),
  criterionGroup: z.enum(CRITERION_GROUPS).nullable(),
  type: z.enum(QUESTION_TYPES),
  maxScore: z.number().int().nullable(),
  guideline: z.string().nullable(),
  options: z.array(z.object({ score: z.number().int(), description: z.string() })),
});
export type ParsedQuestion = z.infer<typeof ParsedQuestionSchema>;

export const ParsedBlockSchema = z.object({
  index: z.number().int(),
  row: z.number().int(),
  name: z.string().nullable(),
  declaredTotal: z.number().nullable(),
  questions: z.array(ParsedQuestionSchema),
});
export type ParsedBlock = z.infer<typeof ParsedBlockSchema>;

export const SpreadsheetParseResultSchema = z.object({
  blocks: z.array(ParsedBlockSchema),
  problems: z.array(SpreadsheetProblemSchema),
  /** Indexes of blocks without a name in «А»: the importer must ask for one. */
  unnamedBlocks: z.array(z.number().int()),
});
export type SpreadsheetParseResult = z.infer<typeof SpreadsheetParseResultSchema>;

/** 2 MB of file as base64 (4 characters per 3 bytes). */
export const SPREADSHEET_MAX_BASE64 = Math.ceil((2 * 1024 * 1024) / 3) * 4;

export const SpreadsheetUploadSchema = z.strictObject({
  fileName: z.string().trim().min(1).max(255),
  /**
   * The file's bytes, base64-encoded (CSV or XLSX), at most 2 MB of file: a checklist of 150
   * questions is ≈ 30 KB, and the XLSX reader holds the whole workbook in memory (3.5 MB took 206 MB
   * of the server's 512 MB heap).
   */
  contentBase64: z
    .string()
    .min(1)
    .max(
      SPREADSHEET_MAX_BASE64,
      'Файл таблицы больше 2 МБ: столько вопросов в чек-листе не бывает — проверьте, тот ли это файл.',
    ),
});
export const SpreadsheetApplySchema = SpreadsheetUploadSchema.extend({
  /** Names for blocks without one, by block index. */
  blockNames: z.record(z.string(), z.string().trim().max(200)).optional(),
  replace: z.boolean().optional(),
});
export type SpreadsheetApply = z.infer<typeof SpreadsheetApplySchema>;

export const SpreadsheetPreviewSchema = SpreadsheetParseResultSchema.extend({
  fileName: z.string(),
  summary: z.object({
    zones: z.number().int(),
    questions: z.number().int(),
    scored: z.number().int(),
    errors: z.number().int(),
    warnings: z.number().int(),
  }),
});
export type SpreadsheetPreview = z.infer<typeof SpreadsheetPreviewSchema>;
