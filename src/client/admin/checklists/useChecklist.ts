import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateCategory,
  CreateObjectInfoField,
  CreateQuestion,
  CreateSection,
  DraftTree,
  ImportResult,
  Reorder,
  UpdateCategory,
  UpdateObjectInfoField,
  UpdateQuestion,
  UpdateSection,
  VersionSummary,
} from '../../../shared/checklists/checklists.schema';
import type { SnapshotDiff } from '../../../shared/checklists/diff';
import type { ChecklistVersionDto } from '../../../shared/checklists/snapshot.schema';
import type { SpreadsheetApply, SpreadsheetPreview } from '../../../shared/checklists/spreadsheet.schema';
import { request } from '../../api/request';

const BASE = '/api/checklists';
const KEY = ['checklists'] as const;

export type ActivatableKind = 'categories' | 'sections' | 'questions' | 'object-info-fields';

export function useDraft() {
  return useQuery({
    queryKey: [...KEY, 'draft'],
    queryFn: ({ signal }) => request<DraftTree>('GET', `${BASE}/draft`, undefined, { signal }),
  });
}

export function useVersions() {
  return useQuery({
    queryKey: [...KEY, 'versions'],
    queryFn: ({ signal }) =>
      request<{ items: VersionSummary[] }>('GET', `${BASE}/versions`, undefined, { signal }),
  });
}

export function useVersionDiff(from: number | null, to: number | null) {
  return useQuery({
    queryKey: [...KEY, 'diff', from, to],
    enabled: from !== null && to !== null && from !== to,
    queryFn: ({ signal }) =>
      request<{ from: number; to: number; diff: SnapshotDiff }>(
        'GET',
        `${BASE}/versions/${from}/diff/${to}`,
        undefined,
        { signal },
      ),
  });
}

/** Every checklist change refreshes the draft and the history. */
function useChecklistMutation<TInput, TResult>(mutationFn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

type Id = { id: number };

export const useCreateCategory = () =>
  useChecklistMutation((input: CreateCategory) => request<Id>('POST', `${BASE}/categories`, input));
export const useUpdateCategory = () =>
  useChecklistMutation(({ id, changes }: { id: number; changes: UpdateCategory }) =>
    request<Id>('PATCH', `${BASE}/categories/${id}`, changes),
  );
export const useCreateSection = () =>
  useChecklistMutation((input: CreateSection) => request<Id>('POST', `${BASE}/sections`, input));
export const useUpdateSection = () =>
  useChecklistMutation(({ id, changes }: { id: number; changes: UpdateSection }) =>
    request<Id>('PATCH', `${BASE}/sections/${id}`, changes),
  );
export const useMoveSection = () =>
  useChecklistMutation(({ id, categoryId }: { id: number; categoryId: number }) =>
    request<Id>('POST', `${BASE}/sections/${id}/move`, { categoryId }),
  );
export const useMoveQuestion = () =>
  useChecklistMutation(({ id, sectionId }: { id: number; sectionId: number }) =>
    request<Id>('POST', `${BASE}/questions/${id}/move`, { sectionId }),
  );
export const useCreateQuestion = () =>
  useChecklistMutation((input: CreateQuestion) => request<Id>('POST', `${BASE}/questions`, input));
export const useUpdateQuestion = () =>
  useChecklistMutation(({ id, changes }: { id: number; changes: UpdateQuestion }) =>
    request<Id>('PATCH', `${BASE}/questions/${id}`, changes),
  );
export const useCreateField = () =>
  useChecklistMutation((input: CreateObjectInfoField) =>
    request<Id>('POST', `${BASE}/object-info-fields`, input),
  );
export const useUpdateField = () =>
  useChecklistMutation(({ id, changes }: { id: number; changes: UpdateObjectInfoField }) =>
    request<Id>('PATCH', `${BASE}/object-info-fields/${id}`, changes),
  );
export const useSetActive = () =>
  useChecklistMutation(({ kind, id, isActive }: { kind: ActivatableKind; id: number; isActive: boolean }) =>
    request<Id>('POST', `${BASE}/${kind}/${id}/${isActive ? 'activate' : 'deactivate'}`),
  );
export const useReorder = () =>
  useChecklistMutation((input: Reorder) => request<{ ids: number[] }>('POST', `${BASE}/reorder`, input));
export const usePublish = () =>
  useChecklistMutation((notes: string) =>
    request<ChecklistVersionDto>('POST', `${BASE}/publish`, { notes: notes.trim() || null }),
  );
export const useInstallStarter = () =>
  useChecklistMutation(() => request<ChecklistVersionDto>('POST', `${BASE}/install-starter`, {}));
export const useImportJson = () =>
  useChecklistMutation(({ document, replace }: { document: unknown; replace: boolean }) =>
    request<ImportResult>('POST', `${BASE}/import-json`, { document, replace }),
  );

export function usePreviewSpreadsheet() {
  return useMutation({
    mutationFn: (input: { fileName: string; contentBase64: string }) =>
      request<SpreadsheetPreview>('POST', `${BASE}/import-spreadsheet/preview`, input),
  });
}
export const useApplySpreadsheet = () =>
  useChecklistMutation((input: SpreadsheetApply) =>
    request<ImportResult>('POST', `${BASE}/import-spreadsheet/apply`, input),
  );

/** Reads a chosen file as base64 for the spreadsheet endpoints. */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Moves `id` one place up or down among `ids`; null when it is already at the edge. */
export function moved(ids: number[], id: number, direction: -1 | 1): number[] | null {
  const i = ids.indexOf(id);
  const j = i + direction;
  if (i < 0 || j < 0 || j >= ids.length) return null;
  const next = [...ids];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}
