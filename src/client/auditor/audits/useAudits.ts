import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AdminUpdateAudit,
  AuditDetail,
  AuditList,
  AuditStatus,
  CreateAudit,
  SaveResponse,
  SaveResponseResult,
} from '../../../shared/audits/audits.schema';
import type { ObjectInfo } from '../../../shared/audits/object-info';
import { ApiError, request, withQuery } from '../../api/request';

/*
 * Audit data access. Screens use only these hooks, so the offline issue can put IndexedDB behind the
 * same interface without touching the screens.
 */
export const AUDITS_KEY = ['audits'] as const;
export const auditKey = (uuid: string) => [...AUDITS_KEY, 'detail', uuid] as const;
export const saveMutationKey = (uuid: string) => ['audit-save', uuid] as const;

export interface AuditListFilter {
  status?: AuditStatus[];
  search?: string;
  dateFrom?: string | null;
  dateTo?: string | null;
  auditorId?: number | null;
  buildingId?: number | null;
  elevatorId?: number | null;
  scoreMin?: number | null;
  scoreMax?: number | null;
  review?: 'new' | 'reviewed' | null;
  sort?: string;
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export function useAuditList(filter: AuditListFilter) {
  return useQuery({
    queryKey: [...AUDITS_KEY, 'list', filter],
    queryFn: ({ signal }) =>
      request<AuditList>(
        'GET',
        withQuery('/api/audits', {
          ...filter,
          status: filter.status?.length ? filter.status.join(',') : undefined,
          search: filter.search?.trim(),
        }),
        undefined,
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

export function useAudit(uuid: string) {
  return useQuery({
    queryKey: auditKey(uuid),
    queryFn: ({ signal }) =>
      request<{ audit: AuditDetail }>('GET', `/api/audits/${uuid}`, undefined, { signal }).then(
        (r) => r.audit,
      ),
  });
}

export function useCreateAudit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateAudit) =>
      request<{ audit: AuditDetail }>('POST', '/api/audits', input).then((r) => r.audit),
    onSuccess: (audit) => {
      queryClient.setQueryData(auditKey(audit.uuid), audit);
      void queryClient.invalidateQueries({ queryKey: [...AUDITS_KEY, 'list'] });
    },
  });
}

/** Autosave of one answer; the cached card takes the saved answer and the server's scores. */
export function useSaveResponse(uuid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: saveMutationKey(uuid),
    // An answer is idempotent (PUT): retry a dropped connection a few times before giving up.
    retry: (count, error) => error instanceof ApiError && error.status === 0 && count < 3,
    mutationFn: ({ questionId, answer }: { questionId: number; answer: SaveResponse }) =>
      request<SaveResponseResult>('PUT', `/api/audits/${uuid}/responses/${questionId}`, answer),
    onSuccess: (result) => {
      queryClient.setQueryData<AuditDetail>(auditKey(uuid), (audit) => {
        if (!audit) return audit;
        const others = audit.responses.filter((r) => r.questionId !== result.response.questionId);
        return {
          ...audit,
          status: result.status,
          startedAt: result.startedAt,
          responses: [...others, result.response],
          scores: result.scores,
          totalScore: result.scores.total,
          maxScore: result.scores.max,
          percentage: result.scores.percentage,
        };
      });
    },
  });
}

function useAuditMutation<TInput>(uuid: string, mutationFn: (input: TInput) => Promise<AuditDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (audit) => {
      queryClient.setQueryData(auditKey(uuid), audit);
      void queryClient.invalidateQueries({ queryKey: [...AUDITS_KEY, 'list'] });
    },
  });
}

export function usePatchObjectInfo(uuid: string) {
  return useAuditMutation(uuid, (objectInfo: ObjectInfo) =>
    request<{ audit: AuditDetail }>('PATCH', `/api/audits/${uuid}/object-info`, { objectInfo }).then(
      (r) => r.audit,
    ),
  );
}

export function useSubmitAudit(uuid: string) {
  return useAuditMutation(uuid, () =>
    request<{ audit: AuditDetail }>('POST', `/api/audits/${uuid}/submit`).then((r) => r.audit),
  );
}

export function useReviewAudit(uuid: string) {
  return useAuditMutation(uuid, () =>
    request<{ audit: AuditDetail }>('POST', `/api/audits/${uuid}/review`).then((r) => r.audit),
  );
}

export function useUpdateAuditMetadata(uuid: string) {
  return useAuditMutation(uuid, (changes: AdminUpdateAudit) =>
    request<{ audit: AuditDetail }>('PATCH', `/api/audits/${uuid}`, changes).then((r) => r.audit),
  );
}

export function useDeleteAttachment(auditUuid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (attachmentUuid: string) => request<void>('DELETE', `/api/attachments/${attachmentUuid}`),
    onSuccess: (_r, attachmentUuid) => {
      queryClient.setQueryData<AuditDetail>(auditKey(auditUuid), (audit) =>
        audit ? { ...audit, attachments: audit.attachments.filter((a) => a.uuid !== attachmentUuid) } : audit,
      );
    },
  });
}
