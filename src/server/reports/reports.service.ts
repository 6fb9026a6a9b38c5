import type { Writable } from 'node:stream';
import { buildAuditReport, reportQuestionRows } from '../../shared/reports/audit-report.js';
import type { AuditReport, ExportAuditListQuery, ExportFormat } from '../../shared/reports/reports.schema.js';
import {
  type Actor,
  type AuditsService,
  auditFilterFor,
  listAuditRows,
  toListItem,
} from '../audits/index.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { fileNamePart } from './content-disposition.js';
import { createCriticalDefectCounter } from './critical-defects.js';
import { AUDIT_LIST_COLUMNS, AUDIT_QUESTION_COLUMNS, type AuditExportRow } from './export-columns.js';
import {
  type Column,
  createCsvWriter,
  createXlsxWriter,
  type TableWriter,
  wallClock,
} from './table-writers.js';

export interface ReportsDeps {
  db: Db;
  clock: Clock;
  audits: Pick<AuditsService, 'getDetail'>;
  /** Rows read from the database per query while exporting the list. */
  pageSize?: number;
}

/** A download ready to stream: access was checked before any byte is sent. */
export interface Download {
  fileName: string;
  asciiFileName: string;
  contentType: string;
  write(out: Writable): Promise<void>;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

async function openWriter<R>(
  format: ExportFormat,
  out: Writable,
  columns: Column<R>[],
  timeZone: string,
  sheetName: string,
): Promise<TableWriter<R>> {
  return format === 'xlsx'
    ? createXlsxWriter(out, columns, timeZone, sheetName)
    : createCsvWriter(out, columns, timeZone);
}

export type ReportsService = ReturnType<typeof createReportsService>;

export function createReportsService({ db, clock, audits, pageSize = 500 }: ReportsDeps) {
  const today = (timeZone: string) =>
    wallClock(clock.now().toISOString(), timeZone).toISOString().slice(0, 10);

  return {
    /** The print view's data: the audit card's detail, grouped. Same access as the card (else 404). */
    async auditReport(actor: Actor, uuid: string): Promise<AuditReport> {
      return buildAuditReport(await audits.getDetail(actor, uuid));
    },

    /**
     * The audit list with the list's filters, one row per audit, read page by page so memory stays
     * flat however many audits match. Auditors get only their own (auditFilterFor).
     */
    exportAuditList(actor: Actor, query: ExportAuditListQuery, format: ExportFormat): Download {
      const { tz, ...listQuery } = query;
      const timeZone = tz ?? 'UTC';
      const filter = auditFilterFor(actor, listQuery);
      const date = today(timeZone);
      return {
        fileName: `Аудиты_${date}.${format}`,
        asciiFileName: `audits_${date}.${format}`,
        contentType: CONTENT_TYPES[format],
        async write(out) {
          const writer = await openWriter(format, out, AUDIT_LIST_COLUMNS, timeZone, 'Аудиты');
          const countCritical = createCriticalDefectCounter(db);
          for (let offset = 0; !out.destroyed; offset += pageSize) {
            const rows = await listAuditRows(db, { ...filter, limit: pageSize, offset });
            const critical = await countCritical(rows);
            await writer.write(
              rows.map(
                (r): AuditExportRow => ({ ...toListItem(r), criticalDefects: critical.get(r.id) ?? 0 }),
              ),
            );
            if (rows.length < pageSize) break;
          }
          await writer.finish();
        },
      };
    },

    /** One audit, one row per question of its checklist version. 404 for another auditor's audit. */
    async exportAudit(actor: Actor, uuid: string, format: ExportFormat, tz?: string): Promise<Download> {
      const report = buildAuditReport(await audits.getDetail(actor, uuid));
      const timeZone = tz ?? 'UTC';
      const at = report.dates.submittedAt ?? report.dates.createdAt;
      const date = wallClock(at, timeZone).toISOString().slice(0, 10);
      return {
        fileName: `Аудит_${fileNamePart(report.address)}_${date}.${format}`,
        asciiFileName: `audit_${report.uuid.slice(0, 8)}_${date}.${format}`,
        contentType: CONTENT_TYPES[format],
        async write(out) {
          const writer = await openWriter(format, out, AUDIT_QUESTION_COLUMNS, timeZone, 'Ответы');
          await writer.write(reportQuestionRows(report));
          await writer.finish();
        },
      };
    },
  };
}
