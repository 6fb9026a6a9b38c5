import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { AuditDetail, AuditList, AuditListItem, SaveResponse } from '../../shared/audits/audits.schema';
import { checkCompleteness } from '../../shared/audits/completeness';
import type { ObjectInfo } from '../../shared/audits/object-info';
import { ApiError, request } from '../api/request';
import { auditKey, saveMutationKey } from '../auditor/audits/useAudits';
import { useSession } from '../auth/useSession';
import {
  addLocalPhoto,
  getAuditBundle,
  getCachedAuditList,
  getChecklistVersion,
  importServerAudit,
  listLocalAudits,
  patchLocalObjectInfo,
  putChecklistVersion,
  removeLocalPhoto,
  saveLocalResponse,
  setCachedAuditList,
  submitLocalAudit,
  useLiveQuery,
} from '../db';
import { i18n } from '../i18n';
import { currentEngine } from './engine';
import { toLocalDetail, toLocalListItem } from './local-detail';
import { compressPhoto, PhotoRefused } from './photos/compress';

/*
 * The auditor screens' data access, local first: the same hook names and shapes as
 * auditor/audits/useAudits.ts, but reads and writes go to IndexedDB (client/db) and the sync engine
 * carries them to the server. A save resolves only after IndexedDB has it, so "Сохранено" is true
 * offline too. Audits not on the device are read from the server (and copied to the device when
 * they can still be continued here — another device's draft).
 */

export { auditKey, saveMutationKey };

type Auditor = { id: number; fullName: string };

async function localDetail(uuid: string, auditor: Auditor): Promise<AuditDetail | null> {
  const bundle = await getAuditBundle(uuid);
  if (!bundle) return null;
  const version = await getChecklistVersion(bundle.audit.checklistVersionId);
  if (!version)
    throw new ApiError(0, 'sync.checklist_missing', i18n.t('errors.sync.checklist_missing', { ns: 'sync' }));
  return toLocalDetail(bundle, version, auditor);
}

async function loadDetail(uuid: string, auditor: Auditor): Promise<AuditDetail> {
  const local = await localDetail(uuid, auditor);
  if (local) return local;
  const { audit } = await request<{ audit: AuditDetail }>('GET', `/api/audits/${uuid}`);
  if (audit.permissions.canAnswer && audit.auditor.id === auditor.id) {
    await putChecklistVersion(audit.checklistVersion);
    await importServerAudit(auditor.id, audit, audit.elevator.uuid);
    return (await localDetail(uuid, auditor)) ?? audit;
  }
  return audit;
}

function useAuditor(): Auditor {
  const { user } = useSession();
  return { id: user?.id ?? 0, fullName: user?.fullName ?? '' };
}

export function useAudit(uuid: string) {
  const auditor = useAuditor();
  return useQuery({
    queryKey: auditKey(uuid),
    queryFn: () => loadDetail(uuid, auditor),
    networkMode: 'always',
    staleTime: Number.POSITIVE_INFINITY,
  });
}

function useRefresh(uuid: string) {
  const queryClient = useQueryClient();
  const auditor = useAuditor();
  return async () => {
    const detail = await localDetail(uuid, auditor);
    if (detail) queryClient.setQueryData(auditKey(uuid), detail);
    currentEngine()?.nudge();
    return detail;
  };
}

export function useSaveResponse(uuid: string) {
  const refresh = useRefresh(uuid);
  return useMutation({
    mutationKey: saveMutationKey(uuid),
    networkMode: 'always',
    mutationFn: async ({ questionId, answer }: { questionId: number; answer: SaveResponse }) => {
      await saveLocalResponse(uuid, {
        questionId,
        score: answer.score ?? null,
        yesNo: answer.yesNo ?? null,
        textValue: answer.textValue?.trim() ? answer.textValue : null,
        comment: answer.comment?.trim() ? answer.comment : null,
        isFlagged: answer.isFlagged ?? false,
      });
      return refresh();
    },
  });
}

export function usePatchObjectInfo(uuid: string) {
  const refresh = useRefresh(uuid);
  return useMutation({
    networkMode: 'always',
    mutationFn: async (objectInfo: ObjectInfo) => {
      await patchLocalObjectInfo(uuid, objectInfo);
      return refresh();
    },
  });
}

export function useSubmitAudit(uuid: string) {
  const refresh = useRefresh(uuid);
  const auditor = useAuditor();
  return useMutation({
    networkMode: 'always',
    mutationFn: async () => {
      const detail = await localDetail(uuid, auditor);
      if (!detail) throw new ApiError(404, 'audit.not_found', '');
      const missing = checkCompleteness(
        detail.checklistVersion.snapshot,
        detail.objectInfo,
        new Map(detail.responses.map((r) => [r.questionId, r])),
      );
      if (missing.length) throw new ApiError(400, 'audit.incomplete', '', missing);
      await submitLocalAudit(uuid);
      const result = await refresh();
      void currentEngine()?.run();
      return result;
    },
  });
}

export function useDeleteAttachment(auditUuid: string) {
  const refresh = useRefresh(auditUuid);
  return useMutation({
    networkMode: 'always',
    mutationFn: async (attachmentUuid: string) => {
      const bundle = await getAuditBundle(auditUuid);
      const photo = bundle?.attachments.find((a) => a.uuid === attachmentUuid);
      // A photo already on the server is removed there first (online only).
      if (photo && !photo.blob) await request<void>('DELETE', `/api/attachments/${attachmentUuid}`);
      await removeLocalPhoto(attachmentUuid);
      return refresh();
    },
  });
}

export interface PhotoUpload {
  id: string;
  questionId: number;
  name: string;
  progress: number;
  error: unknown;
  previewUrl: string;
}

export type PhotoProblem = { kind: 'tooLarge' | 'notImage'; name: string };

/** Only the type is checked up front: size is judged after compression on the device. */
export function photoProblem(file: File): PhotoProblem | null {
  if (file.type && !file.type.startsWith('image/')) return { kind: 'notImage', name: file.name };
  return null;
}

/** Photos: compressed, hashed and stored in IndexedDB; the engine uploads them later. */
export function usePhotoUploads(auditUuid: string) {
  const refresh = useRefresh(auditUuid);
  const [uploads, setUploads] = useState<PhotoUpload[]>([]);

  const upload = async (questionId: number, file: File) => {
    const id = crypto.randomUUID();
    const previewUrl = URL.createObjectURL(file);
    setUploads((list) => [
      ...list,
      { id, questionId, name: file.name, progress: 30, error: null, previewUrl },
    ]);
    try {
      const photo = await compressPhoto(file);
      await addLocalPhoto({
        uuid: id,
        auditUuid,
        questionId,
        blob: photo.blob,
        remoteUrl: null,
        sha256: photo.sha256,
        size: photo.blob.size,
        mime: 'image/jpeg',
        caption: null,
        createdAt: new Date().toISOString(),
        uploaded: false,
        error: null,
      });
      await refresh();
      setUploads((list) => list.filter((u) => u.id !== id));
      URL.revokeObjectURL(previewUrl);
    } catch (error) {
      const reason = error instanceof PhotoRefused ? error.reason : 'not_image';
      const code = reason === 'too_large' ? 'media.too_large' : 'media.not_image';
      const message = i18n.t(`photo.${reason}`, { ns: 'sync', name: file.name });
      setUploads((list) =>
        list.map((u) => (u.id === id ? { ...u, error: new ApiError(0, code, message) } : u)),
      );
    }
  };

  const dismiss = (id: string) =>
    setUploads((list) => {
      const gone = list.find((u) => u.id === id);
      if (gone) URL.revokeObjectURL(gone.previewUrl);
      return list.filter((u) => u.id !== id);
    });

  return { uploads, upload, dismiss };
}

export interface AuditListFilter {
  status?: string[];
  search?: string;
  page: number;
  pageSize: number;
}

/** «Мои аудиты»: the device's audits first, then the server's (the last list seen, when offline). */
export function useAuditList(filter: AuditListFilter) {
  const auditor = useAuditor();
  const server = useQuery({
    queryKey: ['audits', 'list', 'server-mine'],
    networkMode: 'always',
    queryFn: async (): Promise<AuditListItem[]> => {
      try {
        const list = await request<AuditList>('GET', '/api/audits?pageSize=200');
        await setCachedAuditList(list.items);
        return list.items;
      } catch (error) {
        if (error instanceof ApiError && error.status === 0) {
          const cached = await getCachedAuditList();
          return Array.isArray(cached) ? (cached as AuditListItem[]) : [];
        }
        throw error;
      }
    },
  });
  const local = useLiveQuery(async () => {
    const items: AuditListItem[] = [];
    for (const a of await listLocalAudits(auditor.id)) {
      const bundle = await getAuditBundle(a.uuid);
      if (bundle)
        items.push(toLocalListItem(bundle, await getChecklistVersion(a.checklistVersionId), auditor));
    }
    return items;
  }, [auditor.id]);

  const localItems = local ?? [];
  const seen = new Set(localItems.map((i) => i.uuid));
  const merged = [...localItems, ...(server.data ?? []).filter((i) => !seen.has(i.uuid))];
  const terms = (filter.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const items = merged
    .filter((i) => !filter.status?.length || filter.status.includes(i.status))
    .filter((i) => {
      const text =
        `${i.building.city} ${i.building.street} ${i.building.house} ${i.elevator.identifier ?? ''} ${i.uuid}`.toLowerCase();
      return terms.every((t) => text.includes(t));
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return {
    data: local === undefined ? undefined : { items, total: items.length, page: 1, pageSize: items.length },
    isPending: local === undefined,
    isError: false,
    error: null,
    refetch: () => server.refetch(),
  };
}
