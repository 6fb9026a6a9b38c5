/*
 * The sync engine: moves what the auditor did on this device to the server, safely and in order.
 *
 * - Unit of work: one audit. For each audit with unsent changes it freezes a batch (one audit + the
 *   catalog additions it needs) in the `outbox` with a fresh batchId and the audit's `revision`.
 *   Retries resend exactly that entry, so the server's idempotency (same batchId + same payload →
 *   stored result) makes a lost answer harmless. Only a 200 marks that revision as synced; changes
 *   made meanwhile get a new batch afterwards.
 * - Then photos, one at a time: HEAD first (stored → skip), else PUT the blob with its sha256.
 *   Progress is «n из m» per audit. A refused photo (hash mismatch, too large, not an image) is
 *   marked on the photo so the auditor can «Переснять» it; the other photos continue.
 * - 422/409 with `status: "error"`: the audit shows the reasons per question/photo; local data is
 *   untouched; «Повторить» makes a new batch. Network failures, 5xx (502/503 during maintenance) and
 *   401 are "try later": nothing local changes, and the run stops with a backoff (5 s … 5 min).
 * - A submitted audit's device copy is deleted only after GET /api/audits/:uuid confirms it is
 *   submitted on the server with every photo: the device never frees data the server lacks.
 * - Runs at start, on `online`, every minute while online, on «Отправить данные», and shortly after
 *   local edits. One run at a time (also across tabs, via a Web Lock); a request for a run during a
 *   run schedules another one.
 */
import type { SyncApplied, SyncError, SyncRejected } from '../../shared/sync/sync.schema';
import { ApiError } from '../api/request';
import {
  deleteOutbox,
  getAuditBundle,
  getDeviceId,
  getOutbox,
  hasUnsentChanges,
  type LocalAudit,
  logSync,
  markPhotoError,
  markRevisionSynced,
  pendingAudits,
  putOutbox,
  resetAuditForRetry,
  setSyncState,
} from '../db';
import { backoffDelay } from './backoff';
import { buildBatch } from './build-batch';
import { http, isTransient, TryLater } from './engine-http';
import { finishAudit } from './free-copy';
import { refreshSnapshot } from './snapshot';
import { uploadPhotos } from './upload-photos';

const PERIOD_MS = 60_000;

export interface EngineStatus {
  running: boolean;
  online: boolean;
  lastRunAt: string | null;
  lastOkAt: string | null;
  nextRetryAt: string | null;
  lastProblem: string | null;
}

export class SyncEngine {
  private status: EngineStatus = {
    running: false,
    online: typeof navigator === 'undefined' ? true : navigator.onLine,
    lastRunAt: null,
    lastOkAt: null,
    nextRetryAt: null,
    lastProblem: null,
  };
  private listeners = new Set<() => void>();
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private periodic: ReturnType<typeof setInterval> | undefined;
  private current: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly userId: number) {}

  getStatus = (): EngineStatus => this.status;
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<EngineStatus>) {
    this.status = { ...this.status, ...patch };
    for (const l of this.listeners) l();
  }

  private handleOnline = () => {
    this.set({ online: true });
    this.failures = 0;
    void this.run();
  };
  private handleOffline = () => this.set({ online: false });

  start(): void {
    window.addEventListener('online', this.handleOnline);
    window.addEventListener('offline', this.handleOffline);
    this.periodic = setInterval(() => {
      if (navigator.onLine && !this.timer) void this.run();
    }, PERIOD_MS);
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.handleOnline);
    window.removeEventListener('offline', this.handleOffline);
    clearInterval(this.periodic);
    clearTimeout(this.timer);
  }

  /** Runs now (or right after the current run); resolves when that run is over. */
  run(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.current) {
      this.again = true;
      return this.current;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    this.current = this.exclusive(() => this.runOnce()).finally(() => {
      this.current = null;
      if (this.again && !this.stopped) {
        this.again = false;
        void this.run();
      }
    });
    return this.current;
  }

  /** One run at a time across tabs of this browser (Web Locks), so two tabs never send the same audit. */
  private exclusive(fn: () => Promise<void>): Promise<void> {
    if (typeof navigator === 'undefined' || !navigator.locks) return fn();
    return navigator.locks.request('souzlift-sync', () => fn()).then(() => undefined);
  }

  /** A local edit happened: sync soon, batching a burst of answers into one request. */
  nudge(delayMs = 2_000): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, delayMs);
  }

  private async runOnce(): Promise<void> {
    this.set({ running: true, lastRunAt: new Date().toISOString() });
    try {
      await refreshSnapshot(this.userId).catch((error) => {
        if (!isTransient(error)) throw error;
        throw new TryLater();
      });
      for (const audit of await pendingAudits(this.userId)) {
        await this.syncAudit(audit);
      }
      this.failures = 0;
      this.set({
        running: false,
        lastOkAt: new Date().toISOString(),
        nextRetryAt: null,
        lastProblem: null,
        online: true,
      });
    } catch (error) {
      const transient = error instanceof TryLater || isTransient(error);
      const delay = backoffDelay(this.failures);
      this.failures += 1;
      const next = new Date(Date.now() + delay).toISOString();
      this.set({
        running: false,
        nextRetryAt: next,
        lastProblem: transient ? 'offline' : error instanceof Error ? error.message : String(error),
        online: transient
          ? navigator.onLine && !(error instanceof ApiError && error.status === 0)
          : this.status.online,
      });
      if (!this.stopped) {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => {
          this.timer = undefined;
          void this.run();
        }, delay);
      }
    }
  }

  private async syncAudit(start: LocalAudit): Promise<void> {
    const uuid = start.uuid;
    let bundle = await getAuditBundle(uuid);
    if (!bundle) return;
    if (bundle.audit.syncState === 'error' && !hasUnsentChanges(bundle.audit) && !(await getOutbox(uuid)))
      return;
    const deviceId = await getDeviceId();
    try {
      // 1. Batches until the server has the latest revision.
      for (let guard = 0; guard < 5; guard += 1) {
        let entry = await getOutbox(uuid);
        if (!entry) {
          if (!hasUnsentChanges(bundle.audit)) break;
          entry = {
            auditUuid: uuid,
            batchId: '',
            revision: bundle.audit.revision,
            batch: await buildBatch(bundle, this.userId, deviceId),
            createdAt: new Date().toISOString(),
            attempts: 0,
          };
          entry.batchId = entry.batch.batchId;
          await putOutbox(entry);
        }
        await setSyncState(uuid, { syncState: 'sending', lastBatchId: entry.batchId, progress: null });
        await putOutbox({ ...entry, attempts: entry.attempts + 1 });
        const response = await http('POST', '/api/offline-sync/', {
          body: JSON.stringify(entry.batch),
          headers: { 'Content-Type': 'application/json' },
        });
        const body = (await response.json().catch(() => null)) as
          | SyncApplied
          | SyncRejected
          | { error?: { code: string; message: string } }
          | null;
        if (response.ok && body && 'status' in body && body.status === 'applied') {
          const applied = body;
          await deleteOutbox(uuid);
          const serverAudit = applied.audits.find((a) => a.uuid === uuid);
          await markRevisionSynced(
            uuid,
            entry.revision,
            serverAudit?.status ?? 'in_progress',
            new Date().toISOString(),
          );
          await logSync({
            level: 'info',
            auditUuid: uuid,
            batchId: entry.batchId,
            code: null,
            message: 'applied',
          });
        } else if (body && 'status' in body && body.status === 'error') {
          await this.rejected(uuid, entry.batchId, body.errors);
          return;
        } else {
          // A protocol-level refusal (e.g. 409 sync.batch_conflict, 400): keep data, show the reason.
          const code = body && 'error' in body && body.error ? body.error.code : `http.${response.status}`;
          const message = body && 'error' in body && body.error ? body.error.message : response.statusText;
          await this.rejected(uuid, entry.batchId, [{ path: '', code, message, auditUuid: uuid }]);
          return;
        }
        bundle = await getAuditBundle(uuid);
        if (!bundle) return;
      }

      // 2. Photos, one at a time, HEAD first.
      if (!(await uploadPhotos(uuid, bundle))) return;

      // 3. Done: free a submitted audit once the server confirms it has everything.
      await finishAudit(uuid);
    } catch (error) {
      if (isTransient(error)) {
        await setSyncState(uuid, { syncState: 'waiting', progress: null });
        throw error;
      }
      throw error;
    }
  }

  private async rejected(uuid: string, batchId: string, errors: SyncError[]): Promise<void> {
    await deleteOutbox(uuid);
    await setSyncState(uuid, { syncState: 'error', errors, progress: null });
    for (const e of errors) {
      if (e.attachmentUuid) await markPhotoError(e.attachmentUuid, e);
    }
    await logSync({
      level: 'error',
      auditUuid: uuid,
      batchId,
      code: errors[0]?.code ?? null,
      message: errors.map((e) => `${e.path}: ${e.message}`).join('; '),
    });
  }
}

let engine: SyncEngine | null = null;

/** The engine of the signed-in auditor (one per page). */
export function startSyncEngine(userId: number): SyncEngine {
  if (engine) engine.stop();
  engine = new SyncEngine(userId);
  engine.start();
  return engine;
}

export function stopSyncEngine(): void {
  engine?.stop();
  engine = null;
}

export const currentEngine = () => engine;

/** «Повторить»: forget the refusal and send the audit again as a new batch. */
export async function retryAudit(uuid: string): Promise<void> {
  await resetAuditForRetry(uuid);
  await engine?.run();
}
