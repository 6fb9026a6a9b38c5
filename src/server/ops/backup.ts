/**
 * `souzlift backup`: a consistent copy of a live database and of the media tree.
 *
 * - The database is read from one consistent snapshot while writers carry on (backup-db-snapshot.ts:
 *   the main file under a WAL read-mark-0 transaction, or SQLite's online backup API as a fallback;
 *   a plain `cp` of a live WAL database can lose the last transactions or copy a torn file). It is
 *   stored as fixed-size parts, each part unchanged since the previous backup being a hard link to
 *   it (backup-db-parts.ts). Integrity checks (`quick_check`) run in `backup verify`, which
 *   scripts/backup.sh runs right after every backup.
 * - The database is copied before the media, so every photo the copy refers to is already on disk
 *   (photos are written under a temporary name, fsynced and renamed before their row says `stored`).
 * - Media files unchanged since the previous backup (same path, size and mtime) become hard links to
 *   it, like `rsync --link-dest`: a nightly backup of unchanged photos costs no space.
 * - Everything is written under `.tmp-<name>` and renamed when complete; manifest.json comes last.
 */
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import type { Clock } from '../clock.js';
import { APP_VERSION, type Config } from '../config.js';
import { DEFAULT_PART_SIZE, previousParts, writeDatabaseParts } from './backup-db-parts.js';
import { withDatabaseSnapshot } from './backup-db-snapshot.js';
import { selectBackupsToKeep } from './backup-retention.js';
import {
  type BackupManifest,
  backupName,
  DB_FILE,
  listBackups,
  MANIFEST_FILE,
  MEDIA_SUBDIR,
  type MediaManifestEntry,
  type PartsManifest,
  TMP_PREFIX,
  writeLatest,
} from './backup-store.js';
import { fsyncFile, sha256File, walkFiles } from './files.js';
import { acquireFileLock } from './run-lock.js';

export interface BackupOptions {
  /** Another backup root instead of BACKUP_DIR. */
  dest?: string;
  label?: string | null;
  /** Apply retention after the backup (default true). */
  prune?: boolean;
  clock: Clock;
  /** Database part size in bytes (tests; default DEFAULT_PART_SIZE). */
  partSize?: number;
  /** Attempts at a WAL snapshot before the online-backup fallback (tests; default 5). */
  snapshotAttempts?: number;
}

export interface BackupResult {
  dir: string;
  manifest: PartsManifest;
  removed: string[];
}

/** Files still being written by an upload (`*.part`) are not part of a backup. */
const isInFlight = (rel: string) => rel.endsWith('.part');

async function snapshotMedia(
  mediaDir: string,
  targetDir: string,
  previous: { dir: string; entries: Map<string, MediaManifestEntry> } | null,
): Promise<BackupManifest['media']> {
  const media: BackupManifest['media'] = { files: 0, bytes: 0, linked: 0, copied: 0, entries: [] };
  for (const file of walkFiles(mediaDir)) {
    if (isInFlight(file.rel)) continue;
    const target = path.join(targetDir, ...file.rel.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    const before = previous?.entries.get(file.rel);
    let entry: MediaManifestEntry | null = null;
    if (before && previous && before.size === file.stat.size && before.mtimeMs === file.stat.mtimeMs) {
      const source = path.join(previous.dir, MEDIA_SUBDIR, ...file.rel.split('/'));
      try {
        if (statSync(source).size === before.size) {
          linkSync(source, target);
          entry = before;
          media.linked += 1;
        }
      } catch {
        // previous copy gone, another filesystem or too many links: copy instead
      }
    }
    if (!entry) {
      try {
        copyFileSync(file.abs, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // removed meanwhile
        throw error;
      }
      utimesSync(target, file.stat.atime, file.stat.mtime);
      entry = {
        path: file.rel,
        size: file.stat.size,
        sha256: await sha256File(target),
        mtimeMs: file.stat.mtimeMs,
      };
      media.copied += 1;
    }
    media.entries.push(entry);
    media.files += 1;
    media.bytes += entry.size;
  }
  return media;
}

function uniqueName(root: string, base: string): string {
  let name = base;
  for (let i = 2; existsSync(path.join(root, name)) || existsSync(path.join(root, TMP_PREFIX + name)); i++)
    name = `${base}-${i}`;
  return name;
}

/** Scratch directories of `backup`, `backup verify` and `backup drill` runs that crashed. */
const SCRATCH_PREFIXES = [TMP_PREFIX, '.verify-', '.drill-'];

/** Removes scratch leftovers older than a day. */
function removeStaleTemp(root: string, now: Date): void {
  for (const name of readdirSync(root)) {
    if (!SCRATCH_PREFIXES.some((prefix) => name.startsWith(prefix))) continue;
    const dir = path.join(root, name);
    if (now.getTime() - statSync(dir).mtimeMs > 86_400_000) rmSync(dir, { recursive: true, force: true });
  }
}

/** Applies the retention policy to the complete backups in `root`; returns the removed names. */
export function pruneBackups(root: string, policy: { daily: number; weekly: number }): string[] {
  const backups = listBackups(root);
  const decision = selectBackupsToKeep(
    backups.map((b) => ({ name: b.name, createdAt: b.createdAt })),
    policy,
  );
  for (const name of decision.remove) rmSync(path.join(root, name), { recursive: true, force: true });
  return decision.remove;
}

export async function createBackup(config: Config, options: BackupOptions): Promise<BackupResult> {
  const started = options.clock.now();
  const root = path.resolve(options.dest ?? config.backupDir);
  mkdirSync(root, { recursive: true });
  if (!existsSync(config.databasePath)) throw new Error(`база данных не найдена: ${config.databasePath}`);
  const lock = acquireFileLock(path.join(root, '.backup.lock'), 'резервное копирование уже выполняется');
  try {
    removeStaleTemp(root, started);
    const name = uniqueName(root, backupName(started, options.label ?? null));
    const tmp = path.join(root, TMP_PREFIX + name);
    mkdirSync(tmp, { recursive: true });
    try {
      const previous = listBackups(root)[0];
      const db = await withDatabaseSnapshot(
        config.databasePath,
        { fallbackFile: path.join(tmp, `${DB_FILE}.online-backup`), attempts: options.snapshotAttempts },
        async (snapshot) => ({
          snapshot,
          parts: await writeDatabaseParts(
            snapshot,
            tmp,
            previous ? previousParts(previous.manifest, previous.dir) : null,
            options.partSize ?? DEFAULT_PART_SIZE,
          ),
        }),
      );
      const media = await snapshotMedia(
        config.mediaDir,
        path.join(tmp, MEDIA_SUBDIR),
        previous
          ? { dir: previous.dir, entries: new Map(previous.manifest.media.entries.map((e) => [e.path, e])) }
          : null,
      );
      mkdirSync(path.join(tmp, MEDIA_SUBDIR), { recursive: true });

      const manifest: PartsManifest = {
        format: 2,
        name,
        createdAt: started.toISOString(),
        label: options.label ?? null,
        app: { version: APP_VERSION },
        schema: { version: db.snapshot.schemaVersion, migrations: db.snapshot.migrations },
        database: {
          file: DB_FILE,
          bytes: db.parts.bytes,
          tables: db.snapshot.tables,
          partSize: db.parts.partSize,
          parts: db.parts.parts,
          linkedParts: db.parts.linked,
          snapshot: db.snapshot.how,
        },
        media,
        durationMs: 0,
      };
      manifest.durationMs = Math.max(0, options.clock.now().getTime() - started.getTime());
      const manifestFile = path.join(tmp, MANIFEST_FILE);
      writeFileSync(manifestFile, `${JSON.stringify({ ...manifest, host: hostname() }, null, 1)}\n`);
      fsyncFile(manifestFile);
      fsyncFile(tmp);
      const dir = path.join(root, name);
      renameSync(tmp, dir);
      fsyncFile(root);
      writeLatest(root, { name, createdAt: manifest.createdAt });
      const removed =
        options.prune === false
          ? []
          : pruneBackups(root, { daily: config.backupKeepDaily, weekly: config.backupKeepWeekly });
      return { dir, manifest, removed };
    } catch (error) {
      rmSync(tmp, { recursive: true, force: true });
      throw error;
    }
  } finally {
    lock.release();
  }
}
