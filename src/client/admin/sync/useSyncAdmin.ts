import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SyncBatchList, SyncOverview } from '../../../shared/sync/sync.schema';
import { request, withQuery } from '../../api/request';

export function useSyncOverview() {
  return useQuery({
    queryKey: ['sync-admin', 'overview'],
    queryFn: ({ signal }) => request<SyncOverview>('GET', '/api/admin/sync/overview', undefined, { signal }),
  });
}

export function useSyncBatches(filter: { status?: string; userId?: number; page: number }) {
  return useQuery({
    queryKey: ['sync-admin', 'batches', filter],
    queryFn: ({ signal }) =>
      request<SyncBatchList>(
        'GET',
        withQuery('/api/admin/sync/batches', { ...filter, pageSize: 50 }),
        undefined,
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}
