import type { ChecklistSnapshot } from '../../shared/checklists/snapshot.schema.js';
import { getLatestPublishedVersion, getVersionById } from '../checklists/index.js';
import type { Db } from '../db/database.js';

export { findVisibleElevator } from '../catalog/index.js';

export interface PinnedVersion {
  id: number;
  number: number;
  snapshot: ChecklistSnapshot;
}

export interface ChecklistLookup {
  latestPublished(db: Db): Promise<PinnedVersion | undefined>;
  get(db: Db, id: number): Promise<PinnedVersion>;
}

/**
 * Published checklist versions through the checklist domain. Versions are immutable, so each parsed
 * snapshot is cached for the app's lifetime (every answer save needs the pinned snapshot).
 */
export function createChecklistLookup(): ChecklistLookup {
  const cache = new Map<number, PinnedVersion>();
  const remember = (v: PinnedVersion): PinnedVersion => {
    const pinned = { id: v.id, number: v.number, snapshot: v.snapshot };
    cache.set(v.id, pinned);
    return pinned;
  };
  return {
    async latestPublished(db) {
      const latest = await getLatestPublishedVersion(db);
      if (!latest) return undefined;
      return cache.get(latest.id) ?? remember(latest);
    },
    async get(db, id) {
      const cached = cache.get(id);
      if (cached) return cached;
      const version = await getVersionById(db, id);
      if (!version) throw new Error(`checklist version ${id} is missing`);
      return remember(version);
    },
  };
}
