import Dexie, { type EntityTable } from 'dexie';
import type { AuditListItem } from '../../shared/audits/audits.schema';
import type { ObjectInfo } from '../../shared/audits/object-info';
import type {
  BuildingAddition,
  ElevatorAddition,
  OfflineSnapshot,
  SyncBatch,
  SyncError,
} from '../../shared/sync/sync.schema';

/*
 * The device copy (DESIGN §5). Everything the auditor enters lives here first; the sync engine
 * (client/sync/engine.ts) moves it to the server and frees it once the server has all of it. This
 * folder is the only code that touches IndexedDB.
 */

export type LocalAuditStatus = 'draft' | 'in_progress' | 'submitted';
export type SyncState = 'draft' | 'waiting' | 'sending' | 'sent' | 'error';

export interface LocalAudit {
  uuid: string;
  /** Owner: a device copy belongs to one user and is cleared at logout. */
  userId: number;
  elevatorUuid: string;
  checklistVersionId: number;
  objectInfo: ObjectInfo;
  plannedDate: string | null;
  status: LocalAuditStatus;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Address and lift as shown in lists (copied from the snapshot or the server when created). */
  display: {
    city: string;
    street: string;
    house: string;
    entrance: string | null;
    capacityKg: number | null;
    identifier: string | null;
    elevatorReviewStatus: string;
  };
  /** Bumped on every local change; `syncedRevision` is the last one the server acknowledged. */
  revision: number;
  syncedRevision: number;
  syncState: SyncState;
  /** Photos sent / to send during «отправка n из m». */
  progress: { done: number; total: number } | null;
  errors: SyncError[];
  lastBatchId: string | null;
  lastSyncAt: string | null;
  /** Server status after the last applied batch (e.g. waiting for photos before `submitted`). */
  serverStatus: string | null;
}

export interface LocalResponse {
  auditUuid: string;
  questionId: number;
  score: number | null;
  yesNo: boolean | null;
  textValue: string | null;
  comment: string | null;
  isFlagged: boolean;
  updatedAt: string;
}

export interface LocalAttachment {
  uuid: string;
  auditUuid: string;
  questionId: number;
  /** The compressed JPEG; null for a photo that lives only on the server (audit opened from it). */
  blob: Blob | null;
  remoteUrl: string | null;
  sha256: string;
  size: number;
  mime: string;
  caption: string | null;
  createdAt: string;
  uploaded: boolean;
  /** Why the server refused it (hash mismatch, too large…): the UI offers «Переснять». */
  error: SyncError | null;
}

export type LocalCatalogAddition =
  | { uuid: string; userId: number; kind: 'building'; data: BuildingAddition; createdAt: string }
  | { uuid: string; userId: number; kind: 'elevator'; data: ElevatorAddition; createdAt: string };

export interface OutboxEntry {
  auditUuid: string;
  batchId: string;
  /** The audit revision the batch carries; it stays identical across retries (same batchId + payload). */
  revision: number;
  batch: SyncBatch;
  createdAt: string;
  attempts: number;
}

export interface SyncLogEntry {
  id?: number;
  at: string;
  level: 'info' | 'error';
  auditUuid: string | null;
  batchId: string | null;
  code: string | null;
  message: string;
}

export interface StoredSnapshot extends OfflineSnapshot {
  key: 'current';
  userId: number;
  etag: string;
  fetchedAt: string;
  checkedAt: string;
}

export interface MetaEntry {
  key: string;
  value: unknown;
}

export interface CachedServerList {
  key: string;
  items: AuditListItem[];
}

export class SouzliftDb extends Dexie {
  snapshot!: EntityTable<StoredSnapshot, 'key'>;
  audits!: EntityTable<LocalAudit, 'uuid'>;
  responses!: Dexie.Table<LocalResponse, [string, number]>;
  attachments!: EntityTable<LocalAttachment, 'uuid'>;
  catalogAdditions!: EntityTable<LocalCatalogAddition, 'uuid'>;
  outbox!: EntityTable<OutboxEntry, 'auditUuid'>;
  syncLog!: EntityTable<SyncLogEntry, 'id'>;
  meta!: EntityTable<MetaEntry, 'key'>;

  constructor(name = 'souzlift') {
    super(name);
    this.version(1).stores({
      snapshot: 'key',
      audits: 'uuid, userId, syncState, updatedAt',
      responses: '[auditUuid+questionId], auditUuid',
      attachments: 'uuid, auditUuid',
      catalogAdditions: 'uuid, userId, kind',
      outbox: 'auditUuid, batchId',
      syncLog: '++id, at, auditUuid',
      meta: 'key',
    });
  }
}

export const db = new SouzliftDb();
