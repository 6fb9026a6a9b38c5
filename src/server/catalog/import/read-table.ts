import { parse } from 'csv-parse/sync';
import { badRequest } from '../../errors.js';
import { CATALOG_XLSX_LIMITS, decodeText, readXlsxWorkbook } from '../../spreadsheets/index.js';

/** A spreadsheet as text cells, with the row numbers a spreadsheet program would show. */
export interface RawTable {
  format: 'csv' | 'xlsx';
  rows: { row: number; cells: string[] }[];
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (buf: Buffer, sig: number[]) => sig.every((b, i) => buf[i] === b);

/** The delimiter used in the first non-empty line outside quotes: `;`, tab or `,`. */
export function detectDelimiter(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const counts = new Map<string, number>([
    [';', 0],
    ['\t', 0],
    [',', 0],
  ]);
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ';';
  let max = 0;
  for (const [d, n] of counts) {
    if (n > max) {
      best = d;
      max = n;
    }
  }
  return best;
}

function readCsv(buf: Buffer): RawTable {
  const text = decodeText(buf);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      trim: false,
    }) as string[][];
  } catch {
    throw badRequest(
      'catalog.import_unreadable',
      'Не удалось разобрать CSV: проверьте кавычки и разделители.',
    );
  }
  return { format: 'csv', rows: records.map((cells, i) => ({ row: i + 1, cells })) };
}

function readXlsx(buf: Buffer): Promise<RawTable> {
  return readXlsxWorkbook(buf, CATALOG_XLSX_LIMITS, 'catalog.import_unreadable', (workbook) => {
    const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0) ?? workbook.worksheets[0];
    const rows: RawTable['rows'] = [];
    if (!sheet) return { format: 'xlsx', rows };
    const width = sheet.columnCount;
    sheet.eachRow({ includeEmpty: false }, (r, rowNumber) => {
      const cells: string[] = [];
      for (let c = 1; c <= width; c += 1) cells.push(r.getCell(c).text ?? '');
      rows.push({ row: rowNumber, cells });
    });
    return { format: 'xlsx', rows };
  });
}

/** Reads CSV or XLSX, told apart by content (an XLSX is a ZIP archive), not by the file name. */
export async function readTable(buf: Buffer): Promise<RawTable> {
  if (buf.length === 0) throw badRequest('catalog.import_empty');
  if (startsWith(buf, OLE)) {
    throw badRequest(
      'catalog.import_unsupported_format',
      'Старый формат XLS не поддерживается: сохраните файл как XLSX или CSV (UTF-8).',
    );
  }
  return startsWith(buf, ZIP) ? readXlsx(buf) : readCsv(buf);
}
