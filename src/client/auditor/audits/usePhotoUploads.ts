import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { AttachmentDto, AuditDetail } from '../../../shared/audits/audits.schema';
import { MAX_PHOTO_BYTES, PHOTO_MIME_TYPES } from '../../../shared/audits/limits';
import { ApiError, NETWORK_ERROR_CODE, withQuery } from '../../api/request';
import { useSession } from '../../auth/useSession';
import { auditKey } from './useAudits';

export interface PhotoUpload {
  id: string;
  questionId: number;
  name: string;
  progress: number;
  error: unknown;
  previewUrl: string;
}

export type PhotoProblem = { kind: 'tooLarge' | 'notImage'; name: string };

/** Checks a picked file before uploading it (the server checks again by decoding it). */
export function photoProblem(file: File): PhotoProblem | null {
  if (!(PHOTO_MIME_TYPES as readonly string[]).includes(file.type))
    return { kind: 'notImage', name: file.name };
  if (file.size > MAX_PHOTO_BYTES) return { kind: 'tooLarge', name: file.name };
  return null;
}

function send(
  url: string,
  file: File,
  csrf: string,
  onProgress: (p: number) => void,
): Promise<AttachmentDto> {
  // fetch() reports no upload progress; XMLHttpRequest does.
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', file.type);
    xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, NETWORK_ERROR_CODE, 'Network error'));
    xhr.onload = () => {
      let body: { attachment?: AttachmentDto; error?: { code: string; message: string; details?: unknown } } =
        {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = {};
      }
      if (xhr.status >= 200 && xhr.status < 300 && body.attachment) resolve(body.attachment);
      else {
        const e = body.error;
        reject(
          new ApiError(xhr.status, e?.code ?? `http.${xhr.status}`, e?.message ?? xhr.statusText, e?.details),
        );
      }
    };
    xhr.send(file);
  });
}

/** Photo uploads of one audit, with per-photo progress; finished photos join the cached card. */
export function usePhotoUploads(auditUuid: string) {
  const queryClient = useQueryClient();
  const { session } = useSession();
  const [uploads, setUploads] = useState<PhotoUpload[]>([]);
  const patch = (id: string, change: Partial<PhotoUpload>) =>
    setUploads((list) => list.map((u) => (u.id === id ? { ...u, ...change } : u)));

  const upload = async (questionId: number, file: File) => {
    const id = crypto.randomUUID();
    const previewUrl = URL.createObjectURL(file);
    setUploads((list) => [
      ...list,
      { id, questionId, name: file.name, progress: 0, error: null, previewUrl },
    ]);
    try {
      const url = withQuery(`/api/audits/${auditUuid}/attachments`, { questionId, uuid: id });
      const attachment = await send(url, file, session?.csrfToken ?? '', (progress) =>
        patch(id, { progress }),
      );
      queryClient.setQueryData<AuditDetail>(auditKey(auditUuid), (audit) =>
        audit ? { ...audit, attachments: [...audit.attachments, attachment] } : audit,
      );
      setUploads((list) => list.filter((u) => u.id !== id));
      URL.revokeObjectURL(previewUrl);
    } catch (error) {
      patch(id, { error });
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
