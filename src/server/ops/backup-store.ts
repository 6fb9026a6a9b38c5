import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * On-disk layout of the backup directory (BACKUP_DIR):
 *   <name>/db.sqlite3.parts/00000, 00001, …  format 2: the database copy (rollback-journal mode) cut
 *                          into fixed-size parts; a part equal to the previous backup's part of the
 *                          same index is a hard link to it. `cat db.sqlite3.parts/* > db.sqlite3`
 *                          rebuilds the plain file.
 *   <name>/db.sqlite3      format 1 (older backups): the copy as one file
 *   <name>/media/…         the media tree; unchanged files are hard links into the previous backup
 *   <name>/manifest.json   written last; a directory without it is not a backup
 *   .tmp-<name>/           a backup in progress (renamed to <name> when complete)
 *   latest.json            name and time of the newest complete backup (read by /readyz)
 */
export const MANIFEST_FILE = 'manifest.json';
export const DB_FILE = 'db.sqlite3';
export const DB_PARTS_DIR = 'db.sqlite3.parts';
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

export interface BackupManifest {
  /** 1: `database.file` is the copy; 2: the copy is `database.parts` under DB_PARTS_DIR. */
  format: 1 | 2;
  name: string;
  createdAt: string;
  label: string | null;
  app: { version: string };
  schema: { version: string; migrations: number };
  database: {
    file: string;
    bytes: number;
    /** sha256 of the whole (assembled) database file. */
    sha256: string;
    /** Format 1 only: `backup` ran quick_check; format 2 leaves checking to `backup verify`. */
    quickCheck?: string;
    tables: Record<string, number>;
    /** Format 2: part size in bytes (every part but the last has exactly this size). */
    partSize?: number;
    /** Format 2: parts in order; file name = index zero-padded to 5 digits. */
    parts?: DatabasePart[];
    /** Format 2: how many parts are hard links to the previous backup. */
    linkedParts?: number;
    /** Format 2: `wal` (the file read under a WAL read-mark-0 snapshot) or `online-backup` (fallback). */
    snapshot?: 'wal' | 'online-backup';
  };
  media: {
    files: number;
    bytes: number;
    linked: number;
    copied: number;
    entries: MediaManifestEntry[];
  };
  durationMs: number;
}

export interface BackupSummary {
  name: string;
  dir: string;
  createdAt: Date;
  manifest: BackupManifest;
}

export function readManifest(dir: string): BackupManifest {
  const file = path.join(dir, MANIFEST_FILE);
  if (!existsSync(file)) throw new Error(`нет ${MANIFEST_FILE} в ${dir}: это не резервная копия souzlift`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as BackupManifest;
  if (
    (manifest.format !== 1 && manifest.format !== 2) ||
    !manifest.database?.sha256 ||
    !Array.isArray(manifest.media?.entries) ||
    (manifest.format === 2 && (!Array.isArray(manifest.database.parts) || !manifest.database.partSize))
  )
    throw new Error(`${file}: неизвестный формат манифеста`);
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
