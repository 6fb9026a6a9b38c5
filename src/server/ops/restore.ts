/**
 * `souzlift restore DIR`: puts a verified backup back in place of the live data.
 * Order matters: refuse while the app runs (pid file / healthz), verify the backup, move the current
 * database (with its -wal/-shm, so the set stays consistent) aside, write the backup's database (format
 * 2: its parts concatenated, each part's sha256 checked; format 1: the file, its sha256 checked) under a
 * temporary name, fsync and rename it, integrity-check it, bring MEDIA_DIR to the backup's content (files the backup does
 * not know are moved aside, never deleted), give everything back to SERVICE_USER, scan the attachments.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
} from 'node:fs';
import path from 'node:path';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { connectDatabase } from '../db/connect.js';
import { SCHEMA_VERSION } from '../db/migrator.js';
import { type AttachmentsReport, checkAttachments } from './attachments-check.js';
import { assembleDatabase } from './backup-db-assemble.js';
import { MEDIA_SUBDIR } from './backup-store.js';
import { verifyBackup } from './backup-verify.js';
import { moveFile, sha256File, walkFiles } from './files.js';
import { detectRunningApp } from './run-lock.js';
import { inspectDatabase } from './sqlite-file.js';

export interface RestoreResult {
  asideDir: string;
  media: { restored: number; unchanged: number; setAside: number };
  schemaVersion: string;
  migrationsPending: boolean;
  owner: string | null;
  attachments: AttachmentsReport;
}

export class RestoreRefusedError extends Error {}

function stampOf(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

async function sameFile(file: string, size: number, sha256: string): Promise<boolean> {
  try {
    const stat = statSync(file);
    return stat.isFile() && stat.size === size && (await sha256File(file)) === sha256;
  } catch {
    return false;
  }
}

function chownTree(root: string, uid: number, gid: number): void {
  if (!existsSync(root)) return;
  chownSync(root, uid, gid);
  if (!lstatSync(root).isDirectory()) return;
  for (const name of readdirSync(root)) {
    const p = path.join(root, name);
    if (lstatSync(p).isSymbolicLink()) continue;
    chownTree(p, uid, gid);
  }
}

function resolveUser(user: string): { uid: number; gid: number } {
  const id = (flag: string) =>
    Number.parseInt(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim(), 10);
  return { uid: id('-u'), gid: id('-g') };
}

export async function restoreBackup(
  config: Config,
  dir: string,
  options: { force?: boolean; clock: Clock; say?: (line: string) => void },
): Promise<RestoreResult> {
  const say = options.say ?? (() => {});
  const running = await detectRunningApp(config);
  if (running.running && !options.force)
    throw new RestoreRefusedError(
      `приложение работает (${running.reasons.join('; ')}): остановите его (sudo systemctl stop souzlift) или укажите --force`,
    );

  say(`Проверка копии ${dir} …`);
  const verified = await verifyBackup(dir);
  if (!verified.ok || !verified.manifest)
    throw new RestoreRefusedError(`копия не прошла проверку: ${verified.problems.join('; ')}`);
  for (const warning of verified.warnings) say(`Предупреждение: ${warning}`);
  const manifest = verified.manifest;

  const asideDir = path.join(config.dataDir, `pre-restore-${stampOf(options.clock.now())}`);
  mkdirSync(asideDir, { recursive: true });
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    const file = config.databasePath + suffix;
    if (existsSync(file)) moveFile(file, path.join(asideDir, path.basename(file)));
  }
  say(`Текущая база отложена в ${asideDir}.`);

  mkdirSync(path.dirname(config.databasePath), { recursive: true });
  const incoming = `${config.databasePath}.restore-tmp`;
  rmSync(incoming, { force: true });
  const assembled = await assembleDatabase(dir, manifest, incoming);
  if (assembled.problems.length) {
    rmSync(incoming, { force: true });
    throw new Error(`копия базы изменилась после проверки: ${assembled.problems.join('; ')}`);
  }
  renameSync(incoming, config.databasePath);
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(config.databasePath + suffix, { force: true });
  const facts = inspectDatabase(config.databasePath, { full: true, readonly: false });
  if (facts.check !== 'ok') throw new Error(`integrity_check восстановленной базы: ${facts.check}`);
  say(`База восстановлена: integrity_check ok, схема ${facts.schemaVersion}.`);

  const media = { restored: 0, unchanged: 0, setAside: 0 };
  const known = new Set(manifest.media.entries.map((e) => e.path));
  for (const file of walkFiles(config.mediaDir)) {
    if (known.has(file.rel)) continue;
    moveFile(file.abs, path.join(asideDir, MEDIA_SUBDIR, ...file.rel.split('/')));
    media.setAside += 1;
  }
  for (const entry of manifest.media.entries) {
    const target = path.join(config.mediaDir, ...entry.path.split('/'));
    if (await sameFile(target, entry.size, entry.sha256)) {
      media.unchanged += 1;
      continue;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    const tmp = `${target}.restore-tmp`;
    copyFileSync(path.join(dir, MEDIA_SUBDIR, ...entry.path.split('/')), tmp);
    renameSync(tmp, target);
    utimesSync(target, new Date(entry.mtimeMs), new Date(entry.mtimeMs));
    media.restored += 1;
  }
  mkdirSync(config.mediaDir, { recursive: true });
  say(
    `Медиа: восстановлено ${media.restored}, без изменений ${media.unchanged}, отложено лишних ${media.setAside}.`,
  );

  let owner: string | null = null;
  if (config.serviceUser && process.getuid?.() === 0) {
    const { uid, gid } = resolveUser(config.serviceUser);
    for (const p of [config.databasePath, config.mediaDir, asideDir]) chownTree(p, uid, gid);
    chmodSync(config.databasePath, 0o600);
    owner = config.serviceUser;
    say(`Владелец файлов: ${owner}.`);
  }

  const handle = connectDatabase(config.databasePath, { mustExist: true }); // back to WAL mode
  try {
    const attachments = await checkAttachments(handle.db, {
      mediaDir: config.mediaDir,
      dataDir: config.dataDir,
      clock: options.clock,
    });
    return {
      asideDir,
      media,
      schemaVersion: facts.schemaVersion,
      migrationsPending: facts.schemaVersion !== SCHEMA_VERSION,
      owner,
      attachments,
    };
  } finally {
    await handle.close();
  }
}
