import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assembleDatabase } from './backup-db-assemble.js';
import { type BackupManifest, DB_FILE, MEDIA_SUBDIR, readManifest } from './backup-store.js';
import { sha256File, walkFiles } from './files.js';
import { inspectDatabase } from './sqlite-file.js';

export interface VerifyResult {
  ok: boolean;
  manifest: BackupManifest | null;
  problems: string[];
  checkedFiles: number;
  /** The SQLite check that ran on the database copy. */
  check: 'integrity_check' | 'quick_check';
}

export interface VerifyOptions {
  /** sha256 of every photo (default true); false checks presence and size only. */
  hashMedia?: boolean;
  /** `integrity_check` (default true) or the faster `quick_check`. */
  full?: boolean;
}

/**
 * A scratch directory for the assembled database: next to the backup (same disk, room for it),
 * or the system temp dir when the backup directory is read-only.
 */
function scratchDir(dir: string): string {
  try {
    return mkdtempSync(path.join(path.dirname(path.resolve(dir)), '.verify-'));
  } catch {
    return mkdtempSync(path.join(tmpdir(), 'souzlift-verify-'));
  }
}

/** sha256, SQLite check and row counts of a plain database file against the manifest. */
async function checkDatabaseFile(
  file: string,
  sha256: string,
  manifest: BackupManifest,
  full: boolean,
  problems: string[],
): Promise<void> {
  if (sha256 !== manifest.database.sha256)
    problems.push(`база ${DB_FILE}: sha256 ${sha256} не совпадает с манифестом ${manifest.database.sha256}`);
  if (problems.length) return; // a damaged copy: naming the damage is enough
  try {
    const facts = inspectDatabase(file, { full, readonly: true });
    const check = full ? 'integrity_check' : 'quick_check';
    if (facts.check !== 'ok') problems.push(`база ${DB_FILE}: ${check}: ${facts.check}`);
    else {
      for (const [table, count] of Object.entries(manifest.database.tables)) {
        if (facts.tables[table] !== count)
          problems.push(
            `база ${DB_FILE}: в таблице ${table} ${facts.tables[table] ?? 'нет'} строк, в манифесте ${count}`,
          );
      }
    }
  } catch (error) {
    problems.push(`база ${DB_FILE} не открывается: ${(error as Error).message}`);
  }
}

async function verifyDatabase(
  dir: string,
  manifest: BackupManifest,
  full: boolean,
  problems: string[],
): Promise<void> {
  if (manifest.format === 1) {
    const db = path.join(dir, manifest.database.file || DB_FILE);
    if (!existsSync(db)) problems.push(`нет файла базы ${db}`);
    else await checkDatabaseFile(db, await sha256File(db), manifest, full, problems);
    return;
  }
  // Format 2: rebuild the plain file from the parts (checking each part's sha256 on the way).
  const scratch = scratchDir(dir);
  try {
    const file = path.join(scratch, DB_FILE);
    const assembled = await assembleDatabase(dir, manifest, file);
    problems.push(...assembled.problems);
    if (!assembled.problems.length) await checkDatabaseFile(file, assembled.sha256, manifest, full, problems);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * `souzlift backup verify DIR`: the database copy's sha256 (and each part's, format 2), its
 * `integrity_check` (or `quick_check`), row counts against the manifest, and every media file's
 * presence, size and sha256. Never writes to DIR (format 2 is assembled in a scratch directory).
 */
export async function verifyBackup(dir: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const problems: string[] = [];
  const full = options.full !== false;
  const check = full ? 'integrity_check' : 'quick_check';
  let manifest: BackupManifest;
  try {
    manifest = readManifest(dir);
  } catch (error) {
    return { ok: false, manifest: null, problems: [(error as Error).message], checkedFiles: 0, check };
  }

  await verifyDatabase(dir, manifest, full, problems);

  const mediaRoot = path.join(dir, MEDIA_SUBDIR);
  const expected = new Map(manifest.media.entries.map((e) => [e.path, e]));
  const present = new Set<string>();
  let checkedFiles = 0;
  for (const file of walkFiles(mediaRoot)) {
    present.add(file.rel);
    const entry = expected.get(file.rel);
    if (!entry) {
      problems.push(`медиа ${file.rel}: файла нет в манифесте`);
      continue;
    }
    checkedFiles += 1;
    if (file.stat.size !== entry.size) {
      problems.push(`медиа ${file.rel}: размер ${file.stat.size}, в манифесте ${entry.size}`);
      continue;
    }
    if (options.hashMedia !== false && (await sha256File(file.abs)) !== entry.sha256)
      problems.push(`медиа ${file.rel}: sha256 не совпадает с манифестом (файл изменён)`);
  }
  for (const entry of manifest.media.entries)
    if (!present.has(entry.path)) problems.push(`медиа ${entry.path}: файл отсутствует`);
  if (manifest.media.files !== manifest.media.entries.length)
    problems.push(`манифест: media.files=${manifest.media.files}, записей ${manifest.media.entries.length}`);
  if (existsSync(mediaRoot) && !statSync(mediaRoot).isDirectory()) problems.push(`${mediaRoot} — не каталог`);

  return { ok: problems.length === 0, manifest, problems, checkedFiles, check };
}
