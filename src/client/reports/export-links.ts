import type { ExportFormat } from '../../shared/reports/reports.schema';
import { withQuery } from '../api/request';

/** The browser's time zone: exported dates are written as the user's wall-clock time. */
function timeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

export type ListFilterParams = Record<string, string | number | boolean | null | undefined>;

/** The audit list export with the list's current filters (page and page size are dropped). */
export function auditListExportUrl(format: ExportFormat, filters: ListFilterParams = {}): string {
  const { page: _page, pageSize: _pageSize, ...rest } = filters;
  return withQuery(`/api/reports/audits.${format}`, { ...rest, tz: timeZone() });
}

export function auditExportUrl(uuid: string, format: ExportFormat): string {
  return withQuery(`/api/reports/audits/${uuid}.${format}`, { tz: timeZone() });
}

export function auditPrintPath(uuid: string): string {
  return `/audits/${uuid}/print`;
}
