import type { SessionInfo } from '../../shared/accounts/accounts.schema';
import type { ChecklistSnapshot } from '../../shared/checklists/snapshot.schema';
import type { SyncError } from '../../shared/sync/sync.schema';
import {
  db,
  type LocalCatalogAddition,
  type OutboxEntry,
  type StoredSnapshot,
  type SyncLogEntry,
} from './schema';

/* Device-level records: identity, cached session, snapshot, catalog additions, outbox, sync log. */

async function getMeta<T>(key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

async function setMeta(key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}

/** A stable id of this browser profile, sent with every batch (support tickets name it). */
export async function getDeviceId(): Promise<string> {
  const existing = await getMeta<string>('deviceId');
  if (existing) return existing;
  const id = `web-${crypto.randomUUID()}`;
  await setMeta('deviceId', id);
  return id;
}

/** The last session seen online: lets the portal open after a reload without network. */
export const getCachedSession = () => getMeta<SessionInfo>('session');
export const setCachedSession = (s: SessionInfo | null) =>
  s ? setMeta('session', s) : db.meta.delete('session');

export const getPersistResult = () => getMeta<boolean>('persisted');
export const setPersistResult = (v: boolean) => setMeta('persisted', v);

export const getCachedAuditList = () => getMeta<unknown>('serverAuditList');
export const setCachedAuditList = (v: unknown) => setMeta('serverAuditList', v);

// Snapshot.

export const getSnapshot = () => db.snapshot.get('current');
export const putSnapshot = (s: StoredSnapshot) => db.snapshot.put(s);
export async function touchSnapshot(checkedAt: string): Promise<void> {
  await db.snapshot.update('current', { checkedAt });
}

// Catalog additions made offline (new buildings and lifts), sent with the audits that need them.

export const addCatalogAddition = (a: LocalCatalogAddition) => db.catalogAdditions.add(a);
export const listCatalogAdditions = (userId: number) =>
  db.catalogAdditions.where('userId').equals(userId).toArray();

/** Additions the server now sends back in the snapshot (created from an earlier batch) are no longer needed. */
export async function pruneCatalogAdditions(known: ReadonlySet<string>): Promise<void> {
  const all = await db.catalogAdditions.toArray();
  await db.catalogAdditions.bulkDelete(all.filter((a) => known.has(a.uuid)).map((a) => a.uuid));
}

// Outbox: the frozen batch of an audit, resent unchanged until the server answers it.

export const getOutbox = (auditUuid: string) => db.outbox.get(auditUuid);
export const putOutbox = (e: OutboxEntry) => db.outbox.put(e);
export const deleteOutbox = (auditUuid: string) => db.outbox.delete(auditUuid);

// Sync log (kept short; «Скопировать для поддержки» reads the latest entries).

const LOG_LIMIT = 200;

export async function logSync(entry: Omit<SyncLogEntry, 'id' | 'at'>): Promise<void> {
  await db.syncLog.add({ ...entry, at: new Date().toISOString() });
  const count = await db.syncLog.count();
  if (count > LOG_LIMIT) {
    const old = await db.syncLog
      .orderBy('id')
      .limit(count - LOG_LIMIT)
      .primaryKeys();
    await db.syncLog.bulkDelete(old);
  }
}

export const latestLog = (limit = 20) => db.syncLog.orderBy('id').reverse().limit(limit).toArray();

export type { SyncError };

/** What would be lost if the device copy were cleared now (for the logout warning). */
export async function unsyncedSummary(
  userId: number,
): Promise<{ audits: number; photos: number; additions: number }> {
  const audits = await db.audits.where('userId').equals(userId).toArray();
  let count = 0;
  let photos = 0;
  for (const a of audits) {
    const left = await db.attachments
      .where('auditUuid')
      .equals(a.uuid)
      .filter((x) => !x.uploaded && x.blob !== null)
      .count();
    photos += left;
    if (
      a.revision > a.syncedRevision ||
      left > 0 ||
      (a.status === 'submitted' && a.serverStatus !== 'submitted')
    )
      count += 1;
  }
  const additions = await db.catalogAdditions.where('userId').equals(userId).count();
  return { audits: count, photos, additions: count > 0 ? additions : 0 };
}

/** Logout: the device copy of this user goes away (DESIGN §5). */
export async function clearDevice(): Promise<void> {
  await db.transaction(
    'rw',
    [db.audits, db.responses, db.attachments, db.catalogAdditions, db.outbox, db.snapshot, db.syncLog],
    async () => {
      await Promise.all([
        db.audits.clear(),
        db.responses.clear(),
        db.attachments.clear(),
        db.catalogAdditions.clear(),
        db.outbox.clear(),
        db.snapshot.clear(),
        db.syncLog.clear(),
      ]);
    },
  );
  await db.meta.delete('session');
  await db.meta.delete('serverAuditList');
}

// Checklist versions the device's audits are pinned to (a newer published version must not take
// away the questions of an offline draft started on the previous one).

export interface StoredChecklistVersion {
  id: number;
  number: number;
  snapshot: ChecklistSnapshot;
}

export const putChecklistVersion = (v: StoredChecklistVersion) => setMeta(`checklist:${v.id}`, v);
export const getChecklistVersion = (id: number) => getMeta<StoredChecklistVersion>(`checklist:${id}`);
