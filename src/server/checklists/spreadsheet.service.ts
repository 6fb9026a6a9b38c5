import type { ImportResult } from '../../shared/checklists/checklists.schema.js';
import type {
  SpreadsheetApply,
  SpreadsheetParseResult,
  SpreadsheetPreview,
} from '../../shared/checklists/spreadsheet.schema.js';
import {
  parseChecklistSpreadsheet,
  spreadsheetToContent,
} from '../../shared/checklists/spreadsheet-parse.js';
import { AppError } from '../errors.js';
import { readSpreadsheet } from './spreadsheet-read.js';
import type { VersionsService } from './versions.service.js';

async function parseUpload(contentBase64: string): Promise<SpreadsheetParseResult> {
  return parseChecklistSpreadsheet(await readSpreadsheet(Buffer.from(contentBase64, 'base64')));
}

/** Import of the customer's checklist spreadsheet: a preview that changes nothing, then apply. */
export function createSpreadsheetService(versions: VersionsService) {
  return {
    async preview(input: { fileName: string; contentBase64: string }): Promise<SpreadsheetPreview> {
      const parsed = await parseUpload(input.contentBase64);
      const questions = parsed.blocks.flatMap((b) => b.questions);
      return {
        ...parsed,
        fileName: input.fileName,
        summary: {
          zones: parsed.blocks.length,
          questions: questions.length,
          scored: questions.filter((q) => q.type === 'score').length,
          errors: parsed.problems.filter((p) => p.severity === 'error').length,
          warnings: parsed.problems.filter((p) => p.severity === 'warning').length,
        },
      };
    },

    async apply(userId: number, input: SpreadsheetApply): Promise<ImportResult> {
      const parsed = await parseUpload(input.contentBase64);
      if (parsed.blocks.length === 0) throw new AppError('checklist.spreadsheet_empty', 400);
      const names = input.blockNames ?? {};
      const missing = parsed.unnamedBlocks.filter((i) => !names[String(i)]?.trim());
      if (missing.length) {
        throw new AppError(
          'checklist.block_name_required',
          400,
          undefined,
          missing.map((i) => ({
            path: `blockNames.${i}`,
            code: 'required',
            message: `Укажите название блока, который начинается в строке ${parsed.blocks[i]?.row ?? '?'}.`,
          })),
        );
      }
      return versions.importContent(userId, spreadsheetToContent(parsed, names), {
        replace: input.replace ?? false,
        source: `spreadsheet:${input.fileName}`,
      });
    },
  };
}
