import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { AppError } from '../errors.js';
import {
  CHECKLIST_XLSX_LIMITS,
  decodeText,
  readXlsxWorkbook,
  type Worksheet,
} from '../spreadsheets/index.js';

/** Files from Excel on Russian Windows are often `;`-separated (and CP1251: see decodeText). */
function sniffDelimiter(text: string): string {
  const firstLines = text.split(/\r?\n/).slice(0, 20).join('\n');
  const counts = [';', ',', '\t'].map((d) => ({ d, n: firstLines.split(d).length }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.d;
}

function readCsv(buffer: Buffer): string[][] {
  const text = decodeText(buffer);
  try {
    return parse(text, {
      delimiter: sniffDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    throw new AppError(
      'checklist.spreadsheet_unreadable',
      400,
      `Не удалось разобрать CSV: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return cell.text;
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  if (typeof value === 'object' && 'result' in value)
    return value.result === undefined ? '' : String(value.result);
  return cell.text;
}

function readXlsx(buffer: Buffer): Promise<string[][]> {
  return readXlsxWorkbook(buffer, CHECKLIST_XLSX_LIMITS, 'checklist.spreadsheet_unreadable', (workbook) => {
    // The sheet holding the header «Параметры»; the first sheet otherwise.
    const toRows = (sheet: Worksheet) => {
      const rows: string[][] = [];
      // Read once: exceljs recounts every row on each `columnCount`.
      const width = sheet.columnCount;
      for (let r = 1; r <= sheet.rowCount; r++) {
        const row = sheet.getRow(r);
        const cells: string[] = [];
        for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)));
        rows.push(cells);
      }
      return rows;
    };
    const all = workbook.worksheets.map(toRows);
    const withHeader = all.find((rows) => rows.slice(0, 30).some((r) => r.some((c) => /параметр/i.test(c))));
    const chosen = withHeader ?? all[0];
    if (!chosen) throw new AppError('checklist.spreadsheet_unreadable', 400);
    return chosen;
  });
}

/** XLSX (a ZIP: starts with `PK`) or CSV → rows of cell strings. */
export async function readSpreadsheet(buffer: Buffer): Promise<string[][]> {
  if (buffer.length === 0) throw new AppError('checklist.spreadsheet_unreadable', 400, 'Файл пуст.');
  if (buffer[0] === 0x50 && buffer[1] === 0x4b) return readXlsx(buffer);
  if (buffer.includes(0)) throw new AppError('checklist.spreadsheet_unreadable', 400);
  return readCsv(buffer);
}
