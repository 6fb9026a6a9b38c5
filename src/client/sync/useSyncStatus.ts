import { useSyncExternalStore } from 'react';
import { getPersistResult, getSnapshot, listLocalAudits, photosToUpload, useLiveQuery } from '../db';
import { currentEngine, type EngineStatus } from './engine';

const idle: EngineStatus = {
  running: false,
  online: true,
  lastRunAt: null,
  lastOkAt: null,
  nextRetryAt: null,
  lastProblem: null,
};
const noop = () => () => undefined;

/** The engine's state (running, online, next retry) for the signed-in auditor. */
export function useEngineStatus(): EngineStatus {
  const engine = currentEngine();
  return useSyncExternalStore(engine?.subscribe ?? noop, engine?.getStatus ?? (() => idle));
}

export interface DeviceAuditState {
  uuid: string;
  label: string;
  status: string;
  syncState: string;
  progress: { done: number; total: number } | null;
  errors: Array<{
    path: string;
    code: string;
    message: string;
    questionId?: number | null | undefined;
    attachmentUuid?: string | null | undefined;
  }>;
  lastBatchId: string | null;
  unsentPhotos: number;
  hasUnsent: boolean;
}

/** Every audit on the device with its sync state (live: updates as the engine works). */
export function useDeviceAudits(userId: number): DeviceAuditState[] | undefined {
  return useLiveQuery(async () => {
    const out: DeviceAuditState[] = [];
    for (const a of await listLocalAudits(userId)) {
      const photos = await photosToUpload(a.uuid);
      out.push({
        uuid: a.uuid,
        label: [
          a.display.street,
          a.display.house ? `д. ${a.display.house}` : '',
          a.display.entrance ? `подъезд ${a.display.entrance}` : '',
        ]
          .filter(Boolean)
          .join(', '),
        status: a.status,
        syncState: a.syncState,
        progress: a.progress,
        errors: a.errors,
        lastBatchId: a.lastBatchId,
        unsentPhotos: photos.length,
        hasUnsent: a.revision > a.syncedRevision || photos.length > 0 || a.status === 'submitted',
      });
    }
    return out;
  }, [userId]);
}

export function useSnapshotInfo() {
  return useLiveQuery(async () => {
    const s = await getSnapshot();
    return {
      fetchedAt: s?.fetchedAt ?? null,
      checkedAt: s?.checkedAt ?? null,
      persisted: (await getPersistResult()) ?? null,
    };
  }, []);
}
