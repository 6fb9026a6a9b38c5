import { parse } from 'csv-parse/sync';
import { badRequest } from '../../errors.js';

/** A spreadsheet as text cells, with the row numbers a spreadsheet program would show. */
export interface RawTable {
  format: 'csv' | 'xlsx';
  rows: { row: number; cells: string[] }[];
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (buf: Buffer, sig: number[]) => sig.every((b, i) => buf[i] === b);

/** UTF-8 (with or without BOM), falling back to Windows-1251 when the bytes are not valid UTF-8. */
export function decodeText(buf: Buffer): string {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder('windows-1251').decode(buf);
  }
}

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

async function readXlsx(buf: Buffer): Promise<RawTable> {
  // Loaded on the first XLSX import: exceljs costs ≈ 8 MB of heap in a server that rarely needs it.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw badRequest(
      'catalog.import_unreadable',
      'Не удалось открыть XLSX: файл повреждён или это не таблица Excel.',
    );
  }
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
