import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { z } from 'zod';
import { type OfflineSnapshot, OfflineSnapshotSchema } from '../../shared/sync/sync.schema.js';
import { listVisibleCatalog } from '../catalog/index.js';
import { getLatestPublishedVersion } from '../checklists/index.js';
import { type Clock, isoNow } from '../clock.js';
import { changeStamp } from '../db/change-stamp.js';
import type { Db, UserRow } from '../db/database.js';

export interface SnapshotDeps {
  db: Db;
  clock: Clock;
}

export type SnapshotService = ReturnType<typeof createSnapshotService>;

const gzipAsync = promisify(gzip);

/** The finished response body of one snapshot version: JSON bytes, gzip made on first demand. */
export interface SerializedSnapshot {
  readonly version: string;
  readonly json: Buffer;
  gzipped(): Promise<Buffer>;
}

/**
 * How many finished snapshots stay in memory (≈ 2 MB each for 10,000 lifts, plus ≈ 0.2 MB gzip).
 * The key is the ETag version, so an entry is never stale: any catalog or checklist change, and any
 * pending record of the user, yields a new key, and the old entry simply ages out.
 */
const SNAPSHOT_CACHE_ENTRIES = 8;

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
  /** The data part of the key, reused while nothing was written (`changeStamp`). */
  let dataPart: { stamp: string; key: string } | null = null;

  async function catalogKey(): Promise<string> {
    const stamp = await changeStamp(db);
    if (dataPart?.stamp === stamp) return dataPart.key;
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
    const key = [b.n, b.m, e.n, e.m, v.id, v.n].join('|');
    dataPart = { stamp, key };
    return key;
  }

  async function versionKey(user: Pick<UserRow, 'id' | 'role'>): Promise<string> {
    const key = ['s1', user.id, user.role, await catalogKey()].join('|');
    return createHash('sha256').update(key).digest('base64url').slice(0, 27);
  }

  async function build(user: UserRow, version: string): Promise<OfflineSnapshot> {
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
  }

  /** Small LRU by version key (Map keeps insertion order; a hit is re-inserted as the newest). */
  const cache = new Map<string, Promise<SerializedSnapshot>>();

  async function serializeOnce(user: UserRow, version: string): Promise<SerializedSnapshot> {
    const snapshot = await build(user, version);
    // Checked and encoded by the response schema once per version, as the route's serializer did.
    const json = Buffer.from(JSON.stringify(z.encode(OfflineSnapshotSchema, snapshot)));
    let gz: Promise<Buffer> | null = null;
    return {
      version,
      json,
      gzipped() {
        gz ??= gzipAsync(json, { level: 6 });
        return gz;
      },
    };
  }

  return {
    versionKey,
    build,

    /** The serialized snapshot for this user's current version key, built at most once per key. */
    serialized(user: UserRow, version: string): Promise<SerializedSnapshot> {
      const hit = cache.get(version);
      if (hit) {
        cache.delete(version);
        cache.set(version, hit);
        return hit;
      }
      const pending = serializeOnce(user, version);
      cache.set(version, pending);
      pending.catch(() => {
        if (cache.get(version) === pending) cache.delete(version);
      });
      while (cache.size > SNAPSHOT_CACHE_ENTRIES) {
        const oldest = cache.keys().next().value as string;
        cache.delete(oldest);
      }
      return pending;
    },
  };
}
