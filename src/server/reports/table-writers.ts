import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { type CellValue, csvLine } from '../../shared/reports/cells.js';

/** How a column's values are written: numbers stay numbers, timestamps become dates. */
export type ColumnKind = 'text' | 'integer' | 'decimal' | 'percent' | 'datetime' | 'date';

export interface Column<R> {
  header: string;
  /** Width in characters (XLSX). */
  width: number;
  kind: ColumnKind;
  /** ISO timestamp / `YYYY-MM-DD` for date kinds, a number for numeric kinds, text otherwise. */
  value: (row: R) => string | number | null;
}

export interface TableWriter<R> {
  /** Writes rows, then waits until the output has room again (constant memory on slow clients). */
  write(rows: readonly R[]): Promise<void>;
  finish(): Promise<void>;
}

const NUMBER_FORMATS: Partial<Record<ColumnKind, string>> = {
  integer: '0',
  decimal: '0.##',
  percent: '0.0',
  datetime: 'dd.mm.yyyy hh:mm',
  date: 'dd.mm.yyyy',
};

/** Whether `stream` asked its writer to wait (Node streams and the readable-stream 2 copies exceljs' zip uses). */
function needsDrain(stream: Writable): boolean {
  if (stream.destroyed) return false;
  if (typeof stream.writableNeedDrain === 'boolean') return stream.writableNeedDrain;
  return Boolean((stream as { _writableState?: { needDrain?: boolean } })._writableState?.needDrain);
}

/**
 * Resolves once `stream` can take more data, or once it or `out` is gone (the client hung up: the
 * caller sees `out.destroyed` and stops).
 */
export function waitForRoom(stream: Writable, out: Writable = stream): Promise<void> {
  if (!needsDrain(stream) || out.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      out.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
    if (out !== stream) out.on('close', done);
  });
}

// Building an Intl.DateTimeFormat is costly; an export formats tens of thousands of dates.
const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The wall-clock time of an instant in a time zone, as a Date whose UTC fields carry it: spreadsheet
 * dates have no zone, so a 09:30 Moscow audit must be written as 09:30, not as 06:30 UTC.
 */
export function wallClock(iso: string, timeZone: string): Date {
  const instant = new Date(iso);
  if (timeZone === 'UTC') return instant;
  const parts = zoneFormatter(timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return new Date(
    Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')),
  );
}

function dateValue(kind: ColumnKind, raw: string, timeZone: string): Date {
  return kind === 'date' ? new Date(`${raw.slice(0, 10)}T00:00:00.000Z`) : wallClock(raw, timeZone);
}

const pad = (n: number) => String(n).padStart(2, '0');

function formatDate(kind: ColumnKind, d: Date): string {
  const day = `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
  return kind === 'date' ? day : `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

function cell<R>(column: Column<R>, row: R, timeZone: string): CellValue {
  const raw = column.value(row);
  if (raw === null || raw === '') return null;
  if (column.kind === 'datetime' || column.kind === 'date') {
    return typeof raw === 'string' ? dateValue(column.kind, raw, timeZone) : null;
  }
  if (column.kind === 'text') return String(raw);
  return typeof raw === 'number' ? raw : Number(raw);
}

/** RFC 4180 CSV with `;`, CRLF and a UTF-8 BOM (what Excel opens correctly in a Russian locale). */
export function createCsvWriter<R>(out: Writable, columns: Column<R>[], timeZone: string): TableWriter<R> {
  out.write(`\uFEFF${csvLine(columns.map((c) => c.header))}`);
  return {
    async write(rows) {
      let chunk = '';
      for (const row of rows) {
        chunk += csvLine(
          columns.map((c) => {
            const value = cell(c, row, timeZone);
            return value instanceof Date ? formatDate(c.kind, value) : value;
          }),
        );
      }
      if (chunk) out.write(chunk);
      await waitForRoom(out);
    },
    async finish() {
      out.end();
    },
  };
}

/**
 * The stream exceljs writes a worksheet's XML into on its way to the zip's deflate. exceljs' streaming
 * writer ignores backpressure: rows go to this stream without waiting (archiver wraps the sheet in a
 * PassThrough when the entry is added), so a writer that never waits would hold the whole sheet in
 * memory before deflate and the socket take any of it — 15 MB of XML for 20,000 audits, plus every
 * row's garbage, all in one turn of the event loop. Internal to exceljs 4.4 (pinned): if its shape
 * changes, the writer falls back to yielding and waiting for `out`, and the export test still passes.
 */
function sheetInput(sheet: ExcelJS.Worksheet): Writable | undefined {
  const stream = (sheet as unknown as { stream?: { pipes?: unknown } }).stream;
  const first = Array.isArray(stream?.pipes) ? (stream.pipes[0] as Writable | undefined) : undefined;
  return first && typeof first.write === 'function' && typeof first.on === 'function' ? first : undefined;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * XLSX through exceljs' streaming WorkbookWriter: rows are committed as they come and each batch
 * waits until the sheet's XML has gone through deflate and the response has room, so memory stays
 * flat however many rows there are and other requests are served meanwhile. exceljs (≈ 8 MB of heap)
 * is imported on first use, as in the catalog and checklist imports. Header row bold and frozen; text is always a plain string cell (a leading `=` is never a
 * formula).
 */
export async function createXlsxWriter<R>(
  out: Writable,
  columns: Column<R>[],
  timeZone: string,
  sheetName: string,
): Promise<TableWriter<R>> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Союзлифт Аудит';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    header: c.header,
    key: `c${i}`,
    width: c.width,
    style: NUMBER_FORMATS[c.kind] ? { numFmt: NUMBER_FORMATS[c.kind] } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.commit();
  return {
    async write(rows) {
      for (const row of rows) {
        sheet.addRow(columns.map((c) => cell(c, row, timeZone))).commit();
      }
      // Let archiver and zlib run, then wait for the sheet's input and the response to drain.
      await nextTurn();
      const input = sheetInput(sheet);
      if (input) await waitForRoom(input, out);
      await waitForRoom(out);
    },
    async finish() {
      // A client that hung up gets nothing more (committing would wait for a stream that is gone).
      if (out.destroyed) return;
      sheet.commit();
      await workbook.commit();
    },
  };
}
