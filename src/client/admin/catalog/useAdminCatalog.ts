import { useQuery } from '@tanstack/react-query';
import type { BuildingDto, ElevatorDto, ModerationQueue } from '../../../shared/catalog/catalog.schema';
import type { ImportApplyResult, ImportLogList, ImportPreview } from '../../../shared/catalog/import.schema';
import { request, withQuery } from '../../api/request';
import { CATALOG_KEY, useCatalogMutation } from '../../auditor/catalog/useCatalog';

export type CatalogKind = 'buildings' | 'elevators';

export function useModerationQueue() {
  return useQuery({
    queryKey: [...CATALOG_KEY, 'moderation'],
    queryFn: ({ signal }) =>
      request<ModerationQueue>('GET', '/api/catalog/moderation', undefined, { signal }),
  });
}

export function useMergeCandidates(kind: CatalogKind, id: number | null) {
  return useQuery({
    queryKey: [...CATALOG_KEY, 'duplicates', kind, id],
    queryFn: ({ signal }) =>
      request<{ items: (BuildingDto | ElevatorDto)[] }>(
        'GET',
        `/api/catalog/${kind}/${id}/duplicates`,
        undefined,
        { signal },
      ).then((r) => r.items),
    enabled: id !== null,
  });
}

export function useApprove() {
  return useCatalogMutation(({ kind, id }: { kind: CatalogKind; id: number }) =>
    request<unknown>('POST', `/api/catalog/${kind}/${id}/approve`),
  );
}

export function useReject() {
  return useCatalogMutation(({ kind, id, reason }: { kind: CatalogKind; id: number; reason: string }) =>
    request<unknown>('POST', `/api/catalog/${kind}/${id}/reject`, { reason }),
  );
}

export function useMerge() {
  return useCatalogMutation(({ kind, id, targetId }: { kind: CatalogKind; id: number; targetId: number }) =>
    request<unknown>('POST', `/api/catalog/${kind}/${id}/merge`, { targetId }),
  );
}

export function useSetElevatorStatus() {
  return useCatalogMutation(({ id, active }: { id: number; active: boolean }) =>
    request<{ elevator: ElevatorDto }>(
      'POST',
      `/api/elevators/${id}/${active ? 'recommission' : 'decommission'}`,
    ),
  );
}

function uploadHeaders(file: File): Record<string, string> {
  const isXlsx = /\.xlsx$/i.test(file.name);
  return {
    'Content-Type': isXlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv',
    'X-File-Name': encodeURIComponent(file.name),
  };
}

export function usePreviewImport() {
  return useCatalogMutation((file: File) =>
    request<ImportPreview>('POST', '/api/catalog/import/preview', file, { headers: uploadHeaders(file) }),
  );
}

export function useApplyImport() {
  return useCatalogMutation((file: File) =>
    request<ImportApplyResult>('POST', '/api/catalog/import/apply', file, { headers: uploadHeaders(file) }),
  );
}

export function useImportLog(page: number) {
  return useQuery({
    queryKey: [...CATALOG_KEY, 'imports', page],
    queryFn: ({ signal }) =>
      request<ImportLogList>('GET', withQuery('/api/catalog/imports', { page, pageSize: 20 }), undefined, {
        signal,
      }),
  });
}
