import { useQuery } from '@tanstack/react-query';
import type { AuditReport } from '../../shared/reports/reports.schema';
import { request } from '../api/request';

export function useAuditReport(uuid: string) {
  return useQuery({
    queryKey: ['reports', 'audit', uuid],
    queryFn: ({ signal }) =>
      request<{ report: AuditReport }>('GET', `/api/reports/audits/${uuid}`, undefined, { signal }).then(
        (r) => r.report,
      ),
  });
}
