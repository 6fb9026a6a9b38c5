import type ExcelJS from 'exceljs';
import type { ErrorCode } from '../../shared/errors.js';
import { AppError } from '../errors.js';
import { withXlsxSlot } from './import-slot.js';
import type { XlsxLimits } from './xlsx-limits.js';
import { inspectXlsxArchive } from './zip-guard.js';

export type Workbook = ExcelJS.Workbook;
export type Worksheet = ExcelJS.Worksheet;

/** Refuses sheets whose rows × columns the importers would turn into too many strings. */
function checkSheetSizes(workbook: Workbook, limits: XlsxLimits) {
  let cells = 0;
  for (const sheet of workbook.worksheets) {
    const rows = sheet.rowCount;
    const columns = sheet.columnCount;
    if (rows > limits.maxRows) {
      throw new AppError(
        'spreadsheet.too_many_rows',
        413,
        `На листе «${sheet.name}» ${rows} строк: можно не более ${limits.maxRows}. Удалите пустые строки в конце листа или загрузите таблицу частями.`,
      );
    }
    if (columns > limits.maxColumns) {
      throw new AppError(
        'spreadsheet.too_many_columns',
        413,
        `На листе «${sheet.name}» ${columns} столбцов: можно не более ${limits.maxColumns}. Удалите лишние столбцы.`,
      );
    }
    cells += rows * columns;
  }
  if (cells > limits.maxCells) {
    throw new AppError(
      'spreadsheet.too_many_cells',
      413,
      `В таблице ${cells} ячеек: можно не более ${limits.maxCells}. Удалите лишние листы и столбцы или загрузите таблицу частями.`,
    );
  }
}

/**
 * Opens an uploaded XLSX within `limits` and hands the workbook to `extract` (synchronous, so the
 * workbook is garbage once it returns). One XLSX at a time per process: see import-slot.ts.
 * `unreadable` is the importer's own code for a file that is not a readable workbook.
 */
export function readXlsxWorkbook<T>(
  buf: Buffer,
  limits: XlsxLimits,
  unreadable: ErrorCode,
  extract: (workbook: Workbook) => T,
): Promise<T> {
  return withXlsxSlot(async () => {
    await inspectXlsxArchive(buf, limits, unreadable);
    // Loaded on the first XLSX import: exceljs costs ≈ 8 MB of heap in a server that rarely needs it.
    const { default: Excel } = await import('exceljs');
    const workbook = new Excel.Workbook();
    try {
      // A copy as a plain ArrayBuffer: exceljs' typings predate Node's generic Buffer.
      await workbook.xlsx.load(new Uint8Array(buf).buffer);
    } catch {
      throw new AppError(
        unreadable,
        400,
        'Не удалось открыть XLSX: файл повреждён или это не таблица Excel.',
      );
    }
    checkSheetSizes(workbook, limits);
    return extract(workbook);
  });
}
