import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * On-disk layout of the backup directory (BACKUP_DIR):
 *   <name>/db.sqlite3.parts/00000, 00001, …  format 2: the database copy (rollback-journal mode) cut
 *                          into fixed-size parts; a part equal to the previous backup's part of the
 *                          same index is a hard link to it. `cat db.sqlite3.parts/* > db.sqlite3`
 *                          rebuilds the plain file.
 *   <name>/db.sqlite3.sha256sums  format 2: `<sha256>  db.sqlite3.parts/00000` per part, in order (the
 *                          manifest's part hashes in coreutils format), so an operator can check the
 *                          parts without the app: `cd <name> && sha256sum -c db.sqlite3.sha256sums`.
 *                          Kept out of db.sqlite3.parts/ so that `cat` of the parts stays the database.
 *   <name>/db.sqlite3      format 1 (older backups): the copy as one file
 *   <name>/media/…         the media tree; unchanged files are hard links into the previous backup
 *   <name>/manifest.json   written last; a directory without it is not a backup
 *   .tmp-<name>/           a backup in progress (renamed to <name> when complete)
 *   latest.json            name and time of the newest complete backup (read by /readyz)
 */
export const MANIFEST_FILE = 'manifest.json';
export const DB_FILE = 'db.sqlite3';
export const DB_PARTS_DIR = 'db.sqlite3.parts';
export const DB_SUMS_FILE = 'db.sqlite3.sha256sums';
export const MEDIA_SUBDIR = 'media';
export const LATEST_FILE = 'latest.json';
export const TMP_PREFIX = '.tmp-';

export interface MediaManifestEntry {
  path: string;
  size: number;
  sha256: string;
  mtimeMs: number;
}

export interface DatabasePart {
  sha256: string;
  size: number;
}

interface DatabaseCommon {
  file: string;
  bytes: number;
  tables: Record<string, number>;
}

/** Format 1 (older backups): the copy is the one file `file`. */
export interface SingleFileDatabase extends DatabaseCommon {
  /** sha256 of the whole file. */
  sha256: string;
  /** `backup` ran quick_check (format 2 leaves checking to `backup verify`). */
  quickCheck?: string;
}

/**
 * Format 2: the copy is `parts` under DB_PARTS_DIR. No whole-file sha256: the parts' hashes, sizes
 * and order cover every byte; a second sha256 pass only cost CPU (backup-db-parts.ts).
 */
export interface PartsDatabase extends DatabaseCommon {
  /** Part size in bytes (every part but the last has exactly this size). */
  partSize: number;
  /** Parts in order; file name = index zero-padded to 5 digits (partNames). */
  parts: DatabasePart[];
  /** How many parts are hard links to the previous backup. */
  linkedParts: number;
  /** `wal` (the file read under a WAL read-mark-0 snapshot) or `online-backup` (fallback). */
  snapshot: 'wal' | 'online-backup';
}

interface ManifestCommon {
  name: string;
  createdAt: string;
  label: string | null;
  app: { version: string };
  schema: { version: string; migrations: number };
  media: {
    files: number;
    bytes: number;
    linked: number;
    copied: number;
    entries: MediaManifestEntry[];
  };
  durationMs: number;
}

export interface SingleFileManifest extends ManifestCommon {
  format: 1;
  database: SingleFileDatabase;
}

export interface PartsManifest extends ManifestCommon {
  format: 2;
  database: PartsDatabase;
}

export type BackupManifest = SingleFileManifest | PartsManifest;

export interface BackupSummary {
  name: string;
  dir: string;
  createdAt: Date;
  manifest: BackupManifest;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The shape `readManifest` relies on; everything else is checked where it is used (verify). */
function isManifest(value: unknown): value is BackupManifest {
  if (!isObject(value) || !isObject(value.database) || !isObject(value.media)) return false;
  if (!Array.isArray(value.media.entries)) return false;
  const db = value.database;
  if (value.format === 1) return typeof db.sha256 === 'string' && db.sha256 !== '';
  if (value.format === 2)
    return Array.isArray(db.parts) && typeof db.partSize === 'number' && db.partSize > 0;
  return false;
}

export function readManifest(dir: string): BackupManifest {
  const file = path.join(dir, MANIFEST_FILE);
  if (!existsSync(file)) throw new Error(`нет ${MANIFEST_FILE} в ${dir}: это не резервная копия souzlift`);
  const manifest: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isManifest(manifest)) throw new Error(`${file}: неизвестный формат манифеста`);
  return manifest;
}

/** Complete backups in `backupDir`, newest first. Directories without a readable manifest are skipped. */
export function listBackups(backupDir: string): BackupSummary[] {
  if (!existsSync(backupDir)) return [];
  const out: BackupSummary[] = [];
  for (const name of readdirSync(backupDir)) {
    if (name.startsWith('.')) continue;
    const dir = path.join(backupDir, name);
    if (!existsSync(path.join(dir, MANIFEST_FILE))) continue;
    try {
      const manifest = readManifest(dir);
      out.push({ name, dir, createdAt: new Date(manifest.createdAt), manifest });
    } catch {
      // a damaged manifest: `backup verify` names it; list and retention leave it alone
    }
  }
  return out.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.name.localeCompare(a.name));
}

/** Resolves a backup argument: a path, a name inside BACKUP_DIR, or `latest`. */
export function resolveBackupDir(backupDir: string, arg: string): string {
  if (arg === 'latest') {
    const newest = listBackups(backupDir)[0];
    if (!newest) throw new Error(`в ${backupDir} нет ни одной резервной копии`);
    return newest.dir;
  }
  if (existsSync(arg)) return path.resolve(arg);
  const inside = path.join(backupDir, arg);
  if (existsSync(inside)) return inside;
  throw new Error(`резервная копия не найдена: ${arg}`);
}

export interface LatestBackup {
  name: string;
  createdAt: string;
}

export function writeLatest(backupDir: string, latest: LatestBackup): void {
  const tmp = path.join(backupDir, `${LATEST_FILE}.tmp`);
  writeFileSync(tmp, `${JSON.stringify(latest)}\n`);
  renameSync(tmp, path.join(backupDir, LATEST_FILE));
}

/** The newest complete backup as recorded by `souzlift backup`, or null. Cheap: one small file. */
export function readLatest(backupDir: string): LatestBackup | null {
  try {
    const value = JSON.parse(readFileSync(path.join(backupDir, LATEST_FILE), 'utf8')) as LatestBackup;
    return typeof value.name === 'string' && typeof value.createdAt === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** Directory name for a backup taken at `at`: sortable UTC time, e.g. 20261128T020000Z. */
export function backupName(at: Date, label: string | null): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  return label ? `${stamp}-${label}` : stamp;
}
