import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Dashboard } from '../../../shared/reports/reports.schema';
import { request, withQuery } from '../../api/request';

export function useDashboard(params: { months: number; staleMonths: number }) {
  return useQuery({
    queryKey: ['reports', 'dashboard', params],
    queryFn: ({ signal }) =>
      request<Dashboard>('GET', withQuery('/api/reports/dashboard', params), undefined, { signal }),
    placeholderData: keepPreviousData,
  });
}
