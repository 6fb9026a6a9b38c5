import { appendFileSync, existsSync, mkdirSync, statfsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { listBackups, readLatest } from './backup-store.js';
import { diskUsage, formatBytes } from './files.js';

export interface FilesystemUsage {
  path: string;
  totalBytes: number;
  freeBytes: number;
  usedPercent: number;
}

export interface StorageReport {
  at: string;
  databaseBytes: number;
  /** null with --quick */
  media: { files: number; bytes: number } | null;
  backups: { count: number | null; allocatedBytes: number | null; newest: string | null };
  filesystems: FilesystemUsage[];
  problems: string[];
}

function filesystem(p: string): FilesystemUsage & { id: string } {
  const s = statfsSync(p);
  const total = s.blocks * s.bsize;
  const free = s.bavail * s.bsize;
  const used = total - s.bfree * s.bsize;
  const usedPercent = total ? Math.round((used / (used + free)) * 1000) / 10 : 0;
  return { path: p, totalBytes: total, freeBytes: free, usedPercent, id: String(statSync(p).dev) };
}

/** Nearest existing ancestor (BACKUP_DIR may not exist before the first backup). */
function existing(p: string): string {
  let dir = path.resolve(p);
  while (!existsSync(dir)) dir = path.dirname(dir);
  return dir;
}

/**
 * `souzlift storage-report` (runbook §3.3: hourly `df -h`, weekly `du -sh media`): sizes of the
 * database, media and backups (hard-linked files counted once, like du) and free space of every
 * filesystem involved. A problem when free space is below DISK_MIN_FREE_MB or usage above maxUsedPercent.
 */
export function buildStorageReport(
  config: Config,
  options: { clock: Clock; maxUsedPercent: number; minFreeMb?: number; quick?: boolean },
): StorageReport {
  let databaseBytes = 0;
  for (const suffix of ['', '-wal', '-shm'])
    if (existsSync(config.databasePath + suffix))
      databaseBytes += statSync(config.databasePath + suffix).size;
  // --quick (hourly): free space only; walking every photo and every backup is the weekly report's job.
  const media = options.quick ? null : diskUsage(config.mediaDir);
  const backups = options.quick ? null : listBackups(config.backupDir);
  const backupBytes =
    !backups || !existsSync(config.backupDir) ? 0 : diskUsage(config.backupDir).allocatedBytes;

  const seen = new Set<string>();
  const filesystems: FilesystemUsage[] = [];
  for (const p of [config.dataDir, config.mediaDir, config.backupDir, config.logDir]) {
    const fs = filesystem(existing(p));
    if (seen.has(fs.id)) continue;
    seen.add(fs.id);
    filesystems.push({
      path: fs.path,
      totalBytes: fs.totalBytes,
      freeBytes: fs.freeBytes,
      usedPercent: fs.usedPercent,
    });
  }
  const minFree = (options.minFreeMb ?? config.diskMinFreeMb) * 1024 * 1024;
  const problems: string[] = [];
  for (const fs of filesystems) {
    if (fs.freeBytes < minFree)
      problems.push(`${fs.path}: свободно ${formatBytes(fs.freeBytes)}, минимум ${formatBytes(minFree)}`);
    if (fs.usedPercent > options.maxUsedPercent)
      problems.push(`${fs.path}: занято ${fs.usedPercent}% (порог ${options.maxUsedPercent}%)`);
  }
  return {
    at: options.clock.now().toISOString(),
    databaseBytes,
    media: media ? { files: media.files, bytes: media.bytes } : null,
    backups: backups
      ? { count: backups.length, allocatedBytes: backupBytes, newest: backups[0]?.name ?? null }
      : { count: null, allocatedBytes: null, newest: readLatest(config.backupDir)?.name ?? null },
    filesystems,
    problems,
  };
}

export function describeStorageReport(r: StorageReport): string[] {
  const lines = [`База данных: ${formatBytes(r.databaseBytes)}`];
  if (r.media) lines.push(`Медиа: ${r.media.files} файлов, ${formatBytes(r.media.bytes)}`);
  if (r.backups.count !== null)
    lines.push(
      `Резервные копии: ${r.backups.count}, на диске ${formatBytes(r.backups.allocatedBytes ?? 0)}${r.backups.newest ? `, последняя ${r.backups.newest}` : ''}`,
    );
  else lines.push(`Последняя резервная копия: ${r.backups.newest ?? 'нет'}`);
  for (const fs of r.filesystems)
    lines.push(
      `Диск ${fs.path}: свободно ${formatBytes(fs.freeBytes)} из ${formatBytes(fs.totalBytes)} (занято ${fs.usedPercent}%)`,
    );
  lines.push(r.problems.length ? `ВНИМАНИЕ: ${r.problems.join('; ')}` : 'Место на дисках в норме.');
  return lines;
}

/** One line for the hourly disk log (LOG_DIR/disk-usage.log), the runbook's `df -h >> disk_usage.log`. */
export function storageLogLine(r: StorageReport): string {
  const fs = r.filesystems
    .map((f) => `fs=${f.path} free_mb=${Math.floor(f.freeBytes / 1048576)} used=${f.usedPercent}%`)
    .join(' ');
  const mb = (bytes: number) => (bytes / 1048576).toFixed(1);
  const parts = [r.at, `status=${r.problems.length ? 'LOW' : 'ok'}`, `db_mb=${mb(r.databaseBytes)}`];
  if (r.media) parts.push(`media_files=${r.media.files}`, `media_mb=${mb(r.media.bytes)}`);
  if (r.backups.count !== null)
    parts.push(`backups=${r.backups.count}`, `backups_mb=${mb(r.backups.allocatedBytes ?? 0)}`);
  return `${parts.join(' ')} ${fs}`;
}

export function appendStorageLog(config: Config, r: StorageReport): string {
  mkdirSync(config.logDir, { recursive: true });
  const file = path.join(config.logDir, 'disk-usage.log');
  appendFileSync(file, `${storageLogLine(r)}\n`);
  return file;
}
