/**
 * The other direction of backup-db-parts.ts: a backup's database as one plain file (restore, drill,
 * verify), checking every part's size and sha256 on the way so a damaged part is named. Format 1
 * (one file) is checked against its whole-file sha256 instead.
 */
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, fsyncSync, openSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { partNames } from './backup-db-parts.js';
import { type BackupManifest, DB_FILE, DB_PARTS_DIR, type SingleFileManifest } from './backup-store.js';
import { fsyncFile, sha256File, writeAll } from './files.js';

/** Enough to see what is wrong without printing thousands of lines for a wiped directory. */
const MAX_PROBLEMS = 20;

export interface AssembleResult {
  problems: string[];
}

/** Format 1: the copy's sha256 against the manifest's, as a problem list. */
export function singleFileProblems(sha256: string, manifest: SingleFileManifest): string[] {
  return sha256 === manifest.database.sha256
    ? []
    : [`база ${DB_FILE}: sha256 ${sha256} не совпадает с манифестом ${manifest.database.sha256}`];
}

/**
 * Writes the backup's database as one plain file at `target` (fsynced) and returns every problem
 * found: for format 2 each missing, resized or altered part by name (and a manifest whose part sizes
 * do not add up), for format 1 a whole-file sha256 different from the manifest's. The backup itself
 * is only read.
 */
export async function assembleDatabase(
  backupDir: string,
  manifest: BackupManifest,
  target: string,
): Promise<AssembleResult> {
  if (manifest.format === 1) {
    copyFileSync(path.join(backupDir, manifest.database.file || DB_FILE), target);
    fsyncFile(target);
    return { problems: singleFileProblems(await sha256File(target), manifest) };
  }
  const { parts } = manifest.database;
  const names = partNames(parts.length);
  const partsDir = path.join(backupDir, DB_PARTS_DIR);
  const problems: string[] = [];
  const label = (name: string) => `база ${DB_PARTS_DIR}/${name}`;
  let present: string[];
  try {
    present = readdirSync(partsDir);
  } catch {
    return { problems: [`база: нет каталога частей ${DB_PARTS_DIR}`] };
  }
  const known = new Set(names);
  for (const name of present) if (!known.has(name)) problems.push(`${label(name)}: файла нет в манифесте`);
  const total = parts.reduce((sum, p) => sum + p.size, 0);
  if (total !== manifest.database.bytes)
    problems.push(`манифест: сумма частей ${total} байт, размер базы ${manifest.database.bytes}`);

  const out = openSync(target, 'wx');
  try {
    for (const [i, part] of parts.entries()) {
      const name = names[i] as string;
      let data: Buffer;
      try {
        data = readFileSync(path.join(partsDir, name));
      } catch {
        problems.push(`${label(name)}: часть отсутствует`);
        continue;
      }
      if (data.length !== part.size) {
        problems.push(`${label(name)}: размер ${data.length}, в манифесте ${part.size} (часть повреждена)`);
        continue;
      }
      if (createHash('sha256').update(data).digest('hex') !== part.sha256)
        problems.push(`${label(name)}: sha256 не совпадает с манифестом (часть повреждена)`);
      writeAll(out, data);
    }
    fsyncSync(out);
    if (problems.length > MAX_PROBLEMS)
      problems.splice(
        MAX_PROBLEMS,
        problems.length,
        `… и ещё ${problems.length - MAX_PROBLEMS} проблем с частями`,
      );
    return { problems };
  } finally {
    closeSync(out);
  }
}
