import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { type BackupManifest, DB_FILE, MEDIA_SUBDIR, readManifest } from './backup-store.js';
import { sha256File, walkFiles } from './files.js';
import { inspectDatabase } from './sqlite-file.js';

export interface VerifyResult {
  ok: boolean;
  manifest: BackupManifest | null;
  problems: string[];
  checkedFiles: number;
}

/**
 * `souzlift backup verify DIR`: the database copy's sha256 and `integrity_check`, its row counts
 * against the manifest, and every media file's presence, size and sha256. Never writes to DIR.
 */
export async function verifyBackup(
  dir: string,
  options: { hashMedia?: boolean } = {},
): Promise<VerifyResult> {
  const problems: string[] = [];
  let manifest: BackupManifest;
  try {
    manifest = readManifest(dir);
  } catch (error) {
    return { ok: false, manifest: null, problems: [(error as Error).message], checkedFiles: 0 };
  }

  const db = path.join(dir, manifest.database.file || DB_FILE);
  if (!existsSync(db)) problems.push(`нет файла базы ${db}`);
  else {
    const sha = await sha256File(db);
    if (sha !== manifest.database.sha256)
      problems.push(`база ${DB_FILE}: sha256 ${sha} не совпадает с манифестом ${manifest.database.sha256}`);
    try {
      const facts = inspectDatabase(db, { full: true, readonly: true });
      if (facts.check !== 'ok') problems.push(`база ${DB_FILE}: integrity_check: ${facts.check}`);
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

  return { ok: problems.length === 0, manifest, problems, checkedFiles };
}
