import { createHash } from 'node:crypto';
import type { OfflineSnapshot } from '../../shared/sync/sync.schema.js';
import { listVisibleCatalog } from '../catalog/index.js';
import { getLatestPublishedVersion } from '../checklists/index.js';
import { type Clock, isoNow } from '../clock.js';
import type { Db, UserRow } from '../db/database.js';

export interface SnapshotDeps {
  db: Db;
  clock: Clock;
}

export type SnapshotService = ReturnType<typeof createSnapshotService>;

/** Quoted ETag value for a version key. */
export const etagOf = (version: string) => `"${version}"`;

/**
 * GET /api/offline/snapshot. The version key is cheap (two aggregate queries and the latest version
 * id, no catalog read) so a device asking "anything new?" with If-None-Match gets a 304 without the
 * server building a 10,000-lift document. It changes whenever a building or elevator is added,
 * changed, approved, rejected, merged or removed (count and max(updated_at)), when a checklist version
 * is published, and it differs per user (pending records are per author).
 */
export function createSnapshotService({ db, clock }: SnapshotDeps) {
  async function versionKey(user: Pick<UserRow, 'id' | 'role'>): Promise<string> {
    const [b, e, v] = await Promise.all([
      db
        .selectFrom('buildings')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updatedAt').as('m')])
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('elevators')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updatedAt').as('m')])
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('checklistVersions')
        .select((eb) => [eb.fn.max('id').as('id'), eb.fn.countAll<number>().as('n')])
        .executeTakeFirstOrThrow(),
    ]);
    const key = ['s1', user.id, user.role, b.n, b.m, e.n, e.m, v.id, v.n].join('|');
    return createHash('sha256').update(key).digest('base64url').slice(0, 27);
  }

  return {
    versionKey,

    async build(user: UserRow, version: string): Promise<OfflineSnapshot> {
      const [catalog, latest] = await Promise.all([
        listVisibleCatalog(db, { id: user.id, role: user.role }),
        getLatestPublishedVersion(db),
      ]);
      return {
        version,
        generatedAt: isoNow(clock),
        catalog,
        checklist: latest ? { id: latest.id, number: latest.number, snapshot: latest.snapshot } : null,
      };
    },
  };
}
