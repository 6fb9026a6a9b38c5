import type { AuditDetail } from '../../shared/audits/audits.schema';
import type { ObjectInfo } from '../../shared/audits/object-info';
import type { SyncError } from '../../shared/sync/sync.schema';
import { db, type LocalAttachment, type LocalAudit, type LocalResponse, type SyncState } from './schema';

/*
 * Audits on the device. Every write that changes what the server must receive bumps `revision` in
 * the same IndexedDB transaction as the change itself, so the sync engine can never mark a change
 * as sent that it did not send.
 */

const nowIso = () => new Date().toISOString();

export interface LocalAuditBundle {
  audit: LocalAudit;
  responses: LocalResponse[];
  attachments: LocalAttachment[];
}

export async function getAuditBundle(uuid: string): Promise<LocalAuditBundle | null> {
  const audit = await db.audits.get(uuid);
  if (!audit) return null;
  const [responses, attachments] = await Promise.all([
    db.responses.where('auditUuid').equals(uuid).toArray(),
    db.attachments.where('auditUuid').equals(uuid).toArray(),
  ]);
  return { audit, responses, attachments };
}

export function listLocalAudits(userId: number): Promise<LocalAudit[]> {
  return db.audits.where('userId').equals(userId).toArray();
}

export async function createLocalAudit(audit: LocalAudit): Promise<void> {
  await db.audits.add(audit);
}

function dirty(audit: LocalAudit, at: string): Partial<LocalAudit> {
  return {
    revision: audit.revision + 1,
    updatedAt: at,
    syncState: audit.syncState === 'sending' ? 'sending' : 'waiting',
  };
}

async function touch(
  uuid: string,
  extra: (a: LocalAudit) => Partial<LocalAudit> = () => ({}),
): Promise<LocalAudit> {
  const audit = await db.audits.get(uuid);
  if (!audit) throw new Error(`audit ${uuid} is not on this device`);
  if (audit.status === 'submitted') throw new Error('audit is submitted');
  const at = nowIso();
  const patch = { ...dirty(audit, at), ...extra(audit) };
  await db.audits.update(uuid, patch);
  return { ...audit, ...patch };
}

/** Saves one answer (the whole answer of that question); resolves once it is in IndexedDB. */
export async function saveLocalResponse(
  auditUuid: string,
  answer: Omit<LocalResponse, 'auditUuid' | 'updatedAt'>,
): Promise<LocalResponse> {
  return db.transaction('rw', db.audits, db.responses, async () => {
    const row: LocalResponse = { ...answer, auditUuid, updatedAt: nowIso() };
    await touch(auditUuid, (a) =>
      a.status === 'draft' ? { status: 'in_progress', startedAt: a.startedAt ?? row.updatedAt } : {},
    );
    await db.responses.put(row);
    return row;
  });
}

export async function patchLocalObjectInfo(auditUuid: string, values: ObjectInfo): Promise<void> {
  await db.transaction('rw', db.audits, async () => {
    await touch(auditUuid, (a) => {
      const merged: ObjectInfo = { ...a.objectInfo };
      for (const [k, v] of Object.entries(values)) {
        if (v === null || v === '') delete merged[k];
        else merged[k] = v;
      }
      return { objectInfo: merged };
    });
  });
}

/** Locks the device copy as submitted; the engine sends it (and its photos) when it can. */
export async function submitLocalAudit(auditUuid: string): Promise<void> {
  await db.transaction('rw', db.audits, async () => {
    await touch(auditUuid, (a) => ({
      status: 'submitted',
      finishedAt: nowIso(),
      startedAt: a.startedAt ?? nowIso(),
    }));
  });
}

export async function addLocalPhoto(photo: LocalAttachment): Promise<void> {
  await db.transaction('rw', db.audits, db.attachments, async () => {
    await touch(photo.auditUuid, (a) =>
      a.status === 'draft' ? { status: 'in_progress', startedAt: a.startedAt ?? nowIso() } : {},
    );
    await db.attachments.add(photo);
  });
}

export async function removeLocalPhoto(uuid: string): Promise<void> {
  await db.transaction('rw', db.audits, db.attachments, async () => {
    const photo = await db.attachments.get(uuid);
    if (!photo) return;
    await touch(photo.auditUuid);
    await db.attachments.delete(uuid);
  });
}

/**
 * An audit synced from another device, opened here to continue it (GET /api/audits/:uuid). Its
 * server photos stay on the server (shown by URL); new answers and photos are added locally.
 */
export async function importServerAudit(
  userId: number,
  detail: AuditDetail,
  elevatorUuid: string,
): Promise<void> {
  await db.transaction('rw', db.audits, db.responses, db.attachments, async () => {
    if (await db.audits.get(detail.uuid)) return;
    await db.audits.add({
      uuid: detail.uuid,
      userId,
      elevatorUuid,
      checklistVersionId: detail.checklistVersion.id,
      objectInfo: detail.objectInfo,
      plannedDate: detail.plannedDate,
      status: detail.status === 'draft' ? 'draft' : 'in_progress',
      startedAt: detail.startedAt,
      finishedAt: null,
      createdAt: detail.createdAt,
      updatedAt: detail.updatedAt,
      display: {
        city: detail.building.city,
        street: detail.building.street,
        house: detail.building.house,
        entrance: detail.elevator.entrance,
        capacityKg: detail.elevator.capacityKg,
        identifier: detail.elevator.identifier,
        elevatorReviewStatus: detail.elevator.reviewStatus,
      },
      revision: 0,
      syncedRevision: 0,
      syncState: 'draft',
      progress: null,
      errors: [],
      lastBatchId: null,
      lastSyncAt: detail.updatedAt,
      serverStatus: detail.status,
    });
    await db.responses.bulkPut(
      detail.responses.map((r) => ({
        auditUuid: detail.uuid,
        questionId: r.questionId,
        score: r.score,
        yesNo: r.yesNo,
        textValue: r.textValue,
        comment: r.comment,
        isFlagged: r.isFlagged,
        updatedAt: r.updatedAt,
      })),
    );
    await db.attachments.bulkPut(
      detail.attachments
        .filter((a) => a.questionId !== null)
        .map((a) => ({
          uuid: a.uuid,
          auditUuid: detail.uuid,
          questionId: a.questionId ?? 0,
          blob: null,
          remoteUrl: a.url,
          sha256: '',
          size: a.size,
          mime: a.mime,
          caption: a.caption,
          createdAt: a.createdAt,
          uploaded: true,
          error: null,
        })),
    );
  });
}

// Used by the sync engine.

export async function setSyncState(
  uuid: string,
  patch: Partial<
    Pick<
      LocalAudit,
      'syncState' | 'progress' | 'errors' | 'lastBatchId' | 'serverStatus' | 'lastSyncAt' | 'elevatorUuid'
    >
  >,
): Promise<void> {
  await db.audits.update(uuid, patch);
}

/** The server applied the batch that carried `revision`: later local changes stay pending. */
export async function markRevisionSynced(
  uuid: string,
  revision: number,
  serverStatus: string,
  at: string,
): Promise<LocalAudit | undefined> {
  return db.transaction('rw', db.audits, async () => {
    const audit = await db.audits.get(uuid);
    if (!audit) return undefined;
    const patch: Partial<LocalAudit> = {
      syncedRevision: Math.max(audit.syncedRevision, revision),
      serverStatus,
      lastSyncAt: at,
      errors: [],
    };
    await db.audits.update(uuid, patch);
    return { ...audit, ...patch };
  });
}

export async function markPhotoUploaded(uuid: string): Promise<void> {
  await db.attachments.update(uuid, { uploaded: true, error: null });
}

export async function markPhotoError(uuid: string, error: SyncError): Promise<void> {
  await db.attachments.update(uuid, { error });
}

/** Frees the device copy once the server holds everything (called by the engine only). */
export async function deleteAuditCopy(uuid: string): Promise<void> {
  await db.transaction('rw', [db.audits, db.responses, db.attachments, db.outbox], async () => {
    await db.responses.where('auditUuid').equals(uuid).delete();
    await db.attachments.where('auditUuid').equals(uuid).delete();
    await db.outbox.delete(uuid);
    await db.audits.delete(uuid);
  });
}

export const hasUnsentChanges = (a: LocalAudit) => a.revision > a.syncedRevision;

/** Photos of an audit still to upload (with their blobs). */
export function photosToUpload(auditUuid: string): Promise<LocalAttachment[]> {
  return db.attachments
    .where('auditUuid')
    .equals(auditUuid)
    .filter((x) => !x.uploaded && x.blob !== null)
    .toArray();
}

/** Audits with something the server does not have yet (changes or photos), or a submit to confirm. */
export async function pendingAudits(userId: number): Promise<LocalAudit[]> {
  const result: LocalAudit[] = [];
  for (const a of await listLocalAudits(userId)) {
    const photosLeft = (await photosToUpload(a.uuid)).length > 0;
    if (hasUnsentChanges(a) || photosLeft || a.status === 'submitted') result.push(a);
  }
  return result;
}

export const stateOf = (a: LocalAudit): SyncState => a.syncState;

/** «Повторить»: a new revision (so a new batch id), the refusal and photo errors forgotten. */
export async function resetAuditForRetry(uuid: string): Promise<void> {
  await db.transaction('rw', [db.audits, db.attachments, db.outbox], async () => {
    const audit = await db.audits.get(uuid);
    if (!audit) return;
    await db.outbox.delete(uuid);
    await db.audits.update(uuid, { revision: audit.revision + 1, syncState: 'waiting', errors: [] });
    await db.attachments.where('auditUuid').equals(uuid).modify({ error: null });
  });
}
