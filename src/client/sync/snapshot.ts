import type { OfflineSnapshot } from '../../shared/sync/sync.schema';
import { ApiError } from '../api/request';
import {
  getSnapshot,
  pruneCatalogAdditions,
  putChecklistVersion,
  putSnapshot,
  type StoredSnapshot,
  touchSnapshot,
} from '../db';

/**
 * Refreshes the device's snapshot (catalog + checklist) with If-None-Match: a 304 costs nothing.
 * Called at login, at app start, on `online` and by the engine every few minutes while online.
 */
export async function refreshSnapshot(userId: number): Promise<'updated' | 'unchanged'> {
  const current = await getSnapshot();
  const mine = current?.userId === userId ? current : undefined;
  const response = await fetch('/api/offline/snapshot', {
    headers: { Accept: 'application/json', ...(mine ? { 'If-None-Match': mine.etag } : {}) },
    credentials: 'same-origin',
    cache: 'no-store',
  }).catch(() => {
    throw new ApiError(0, 'network.unavailable', 'Network error');
  });
  const now = new Date().toISOString();
  if (response.status === 304 && mine) {
    await touchSnapshot(now);
    return 'unchanged';
  }
  if (!response.ok) throw new ApiError(response.status, `http.${response.status}`, response.statusText);
  const body = (await response.json()) as OfflineSnapshot;
  const stored: StoredSnapshot = {
    ...body,
    key: 'current',
    userId,
    etag: response.headers.get('etag') ?? `"${body.version}"`,
    fetchedAt: now,
    checkedAt: now,
  };
  await putSnapshot(stored);
  if (body.checklist) await putChecklistVersion(body.checklist);
  await pruneCatalogAdditions(
    new Set([...body.catalog.buildings.map((b) => b.uuid), ...body.catalog.elevators.map((e) => e.uuid)]),
  );
  return 'updated';
}
