import type { SyncError } from '../../shared/sync/sync.schema';
import {
  type LocalAuditBundle,
  logSync,
  markPhotoError,
  markPhotoUploaded,
  photosToUpload,
  setSyncState,
} from '../db';
import { errorOf, http } from './engine-http';

/**
 * Sends the audit's device photos one at a time, HEAD first (stored → skip), else PUT with the
 * sha256, with «n из m» progress. A refused photo is marked for «Переснять» and the others go on.
 * False when the audit cannot be finished in this run (a photo refused, or unknown to the server).
 */
export async function uploadPhotos(uuid: string, bundle: LocalAuditBundle): Promise<boolean> {
  const photos = await photosToUpload(uuid);
  const all = bundle.attachments.filter((a) => a.blob !== null);
  let done = all.length - photos.length;
  const photoErrors: SyncError[] = [];
  for (const photo of photos) {
    await setSyncState(uuid, { syncState: 'sending', progress: { done, total: all.length } });
    const url = `/api/offline-sync/attachments/${photo.uuid}`;
    const head = await http('HEAD', url);
    if (head.status === 200) {
      await markPhotoUploaded(photo.uuid);
      done += 1;
      continue;
    }
    if (!photo.blob) continue;
    const put = await http('PUT', url, {
      body: photo.blob,
      headers: { 'Content-Type': photo.mime, 'X-Content-SHA256': photo.sha256 },
    });
    if (put.ok) {
      await markPhotoUploaded(photo.uuid);
      done += 1;
      continue;
    }
    const error = await errorOf(put);
    const problem: SyncError = {
      path: `attachments.${photo.uuid}`,
      code: error.code,
      message: error.message,
      auditUuid: uuid,
      questionId: photo.questionId,
      attachmentUuid: photo.uuid,
    };
    if (error.code === 'sync.attachment_unknown') {
      // The server lost track of it (e.g. the batch was refused since): announce it again.
      await setSyncState(uuid, { syncState: 'waiting' });
      return false;
    }
    await markPhotoError(photo.uuid, problem);
    photoErrors.push(problem);
    await logSync({
      level: 'error',
      auditUuid: uuid,
      batchId: null,
      code: error.code,
      message: `${photo.uuid}: ${error.message}`,
    });
  }
  if (photoErrors.length) {
    await setSyncState(uuid, {
      syncState: 'error',
      errors: photoErrors,
      progress: { done, total: all.length },
    });
    return false;
  }
  return true;
}
