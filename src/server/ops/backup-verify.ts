import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assembleDatabase, singleFileProblems } from './backup-db-assemble.js';
import { partNames } from './backup-db-parts.js';
import {
  type BackupManifest,
  DB_FILE,
  DB_PARTS_DIR,
  DB_SUMS_FILE,
  MEDIA_SUBDIR,
  type PartsManifest,
  readManifest,
} from './backup-store.js';
import { sha256File, walkFiles } from './files.js';
import { inspectDatabase } from './sqlite-file.js';

export interface VerifyResult {
  ok: boolean;
  manifest: BackupManifest | null;
  problems: string[];
  /** Worth telling, not a reason to refuse the copy (e.g. the by-hand sums file is missing). */
  warnings: string[];
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

/** SQLite check and row counts of a plain database file (its bytes already checked) against the manifest. */
function checkDatabaseFile(file: string, manifest: BackupManifest, full: boolean, problems: string[]): void {
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

/** Enough to see what is wrong without printing a line per part of a wiped file. */
const MAX_SUMS_PROBLEMS = 20;

const SUMS_LINE = /^([0-9a-f]{64}) [ *](.+)$/;

/**
 * DB_SUMS_FILE against the manifest's parts. It is what an operator checks by hand with
 * `sha256sum -c`, so it must list exactly the manifest's parts with the manifest's hashes; the
 * parts themselves are checked against the manifest while assembling.
 */
function sumsFileProblems(dir: string, manifest: PartsManifest, warnings: string[]): string[] {
  let text: string;
  try {
    text = readFileSync(path.join(dir, DB_SUMS_FILE), 'utf8');
  } catch {
    // Derived from the manifest, which is what the parts are checked against: its absence (copies
    // made before it existed) loses only the by-hand check, not the copy.
    warnings.push(
      `${DB_SUMS_FILE}: файла нет (копия сделана до его появления) — части проверены по манифесту, без него недоступна только ручная проверка sha256sum -c`,
    );
    return [];
  }
  const expected = new Map(
    partNames(manifest.database.parts.length).map((name, i) => [
      `${DB_PARTS_DIR}/${name}`,
      manifest.database.parts[i]?.sha256,
    ]),
  );
  const problems: string[] = [];
  const listed = new Set<string>();
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const [i, line] of lines.entries()) {
    const match = SUMS_LINE.exec(line);
    if (!match) {
      problems.push(`${DB_SUMS_FILE}, строка ${i + 1}: не в формате sha256sum («<sha256>  <файл>»)`);
      continue;
    }
    const sha256 = match[1] ?? '';
    const file = match[2] ?? '';
    if (listed.has(file)) problems.push(`${DB_SUMS_FILE}, строка ${i + 1}: ${file} указан повторно`);
    listed.add(file);
    if (!expected.has(file)) problems.push(`${DB_SUMS_FILE}, строка ${i + 1}: ${file} нет в манифесте`);
    else if (expected.get(file) !== sha256)
      problems.push(`${DB_SUMS_FILE}, строка ${i + 1}: sha256 для ${file} не совпадает с манифестом`);
  }
  for (const file of expected.keys())
    if (!listed.has(file)) problems.push(`${DB_SUMS_FILE}: нет строки для ${file}`);
  return problems.length > MAX_SUMS_PROBLEMS
    ? [
        ...problems.slice(0, MAX_SUMS_PROBLEMS),
        `… и ещё ${problems.length - MAX_SUMS_PROBLEMS} проблем в ${DB_SUMS_FILE}`,
      ]
    : problems;
}

async function verifyDatabase(
  dir: string,
  manifest: BackupManifest,
  full: boolean,
  problems: string[],
  warnings: string[],
): Promise<void> {
  if (manifest.format === 1) {
    const db = path.join(dir, manifest.database.file || DB_FILE);
    if (!existsSync(db)) {
      problems.push(`нет файла базы ${db}`);
      return;
    }
    const damage = singleFileProblems(await sha256File(db), manifest);
    problems.push(...damage);
    if (!damage.length) checkDatabaseFile(db, manifest, full, problems); // damage named is enough
    return;
  }
  problems.push(...sumsFileProblems(dir, manifest, warnings));
  // Format 2: rebuild the plain file from the parts (checking each part's sha256 on the way).
  const scratch = scratchDir(dir);
  try {
    const file = path.join(scratch, DB_FILE);
    const assembled = await assembleDatabase(dir, manifest, file);
    problems.push(...assembled.problems);
    if (!assembled.problems.length) checkDatabaseFile(file, manifest, full, problems);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * `souzlift backup verify DIR`: the database copy's sha256 (format 2: each part's, and the
 * db.sqlite3.sha256sums file against the manifest; format 1: the whole file's), its
 * `integrity_check` (or `quick_check`), row counts against the manifest, and every media file's
 * presence, size and sha256. Never writes to DIR (format 2 is assembled in a scratch directory).
 */
export async function verifyBackup(dir: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const problems: string[] = [];
  const warnings: string[] = [];
  const full = options.full !== false;
  const check = full ? 'integrity_check' : 'quick_check';
  let manifest: BackupManifest;
  try {
    manifest = readManifest(dir);
  } catch (error) {
    return {
      ok: false,
      manifest: null,
      problems: [(error as Error).message],
      warnings,
      checkedFiles: 0,
      check,
    };
  }

  await verifyDatabase(dir, manifest, full, problems, warnings);

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

  return { ok: problems.length === 0, manifest, problems, warnings, checkedFiles, check };
}
