import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
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

/** Resolves once the stream can take more data (or is gone: the client hung up). */
export function waitForRoom(out: Writable): Promise<void> {
  if (!out.writableNeedDrain || out.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
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
 * XLSX through exceljs' streaming WorkbookWriter: rows are committed as they come, so memory does
 * not grow with the number of rows. Header row bold and frozen; text is always a plain string cell
 * (a leading `=` is never a formula).
 */
export function createXlsxWriter<R>(
  out: Writable,
  columns: Column<R>[],
  timeZone: string,
  sheetName: string,
): TableWriter<R> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
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
      await waitForRoom(out);
    },
    async finish() {
      sheet.commit();
      await workbook.commit();
    },
  };
}
