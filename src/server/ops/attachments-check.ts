import { statSync } from 'node:fs';
import path from 'node:path';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { variantKey } from '../media/index.js';
import { isInside, moveFile, sha256File, walkFiles } from './files.js';

export interface AttachmentProblem {
  uuid: string;
  storageKey: string;
  detail: string;
}

export interface AttachmentsReport {
  stored: number;
  ok: number;
  missing: AttachmentProblem[];
  wrongSize: AttachmentProblem[];
  corrupted: AttachmentProblem[];
  orphans: string[];
  /** Thumbnails/previews and files of attachments still expected: belong to a known uuid. */
  derived: number;
  /** `*.part` files younger than an hour: uploads in progress. */
  inFlight: number;
  quarantineDir: string | null;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const IN_FLIGHT_MS = 60 * 60 * 1000;

/**
 * `souzlift check-attachments`: every `stored` attachment row against its file under MEDIA_DIR
 * (present, size, sha256), and every file under MEDIA_DIR against the rows (orphans). Files named
 * after a known attachment uuid (thumbs/, previews/, a pending upload) are not orphans.
 */
export async function checkAttachments(
  db: Db,
  options: {
    mediaDir: string;
    dataDir: string;
    clock: Clock;
    hash?: boolean;
    quarantineOrphans?: boolean;
  },
): Promise<AttachmentsReport> {
  const mediaDir = path.resolve(options.mediaDir);
  const rows = await db
    .selectFrom('auditAttachments')
    .select(['uuid', 'storageKey', 'size', 'sha256', 'status'])
    .orderBy('id')
    .execute();
  const report: AttachmentsReport = {
    stored: 0,
    ok: 0,
    missing: [],
    wrongSize: [],
    corrupted: [],
    orphans: [],
    derived: 0,
    inFlight: 0,
    quarantineDir: null,
  };
  const keys = new Set<string>();
  const uuids = new Set<string>();
  const derivedKeys = new Set<string>();
  for (const row of rows) {
    uuids.add(row.uuid.toLowerCase());
    const key = row.storageKey.replaceAll('\\', '/');
    keys.add(key);
    for (const variant of ['thumb', 'preview'] as const) derivedKeys.add(variantKey(key, variant));
    if (row.status !== 'stored') continue;
    report.stored += 1;
    const problem = (detail: string): AttachmentProblem => ({ uuid: row.uuid, storageKey: key, detail });
    const file = path.resolve(mediaDir, key);
    if (!isInside(mediaDir, file)) {
      report.corrupted.push(problem('ключ хранения выходит за пределы MEDIA_DIR'));
      continue;
    }
    let size: number;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
      size = stat.size;
    } catch {
      report.missing.push(problem('файл отсутствует'));
      continue;
    }
    if (size !== row.size) {
      report.wrongSize.push(problem(`размер ${size} байт, в базе ${row.size}`));
      continue;
    }
    if (options.hash !== false && (await sha256File(file)) !== row.sha256.toLowerCase()) {
      report.corrupted.push(problem('sha256 не совпадает с базой (файл повреждён или подменён)'));
      continue;
    }
    report.ok += 1;
  }

  const now = options.clock.now().getTime();
  const orphanFiles: string[] = [];
  for (const file of walkFiles(mediaDir)) {
    if (keys.has(file.rel)) continue;
    if (file.rel.endsWith('.part') && now - file.stat.mtimeMs < IN_FLIGHT_MS) {
      report.inFlight += 1;
      continue;
    }
    const named = file.rel.match(UUID) ?? [];
    if (
      !file.rel.endsWith('.part') &&
      (derivedKeys.has(file.rel) || named.some((u) => uuids.has(u.toLowerCase())))
    ) {
      report.derived += 1;
      continue;
    }
    orphanFiles.push(file.rel);
  }
  report.orphans = orphanFiles;

  if (options.quarantineOrphans && orphanFiles.length) {
    const stamp = new Date(now)
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}Z$/, 'Z');
    const dir = path.join(options.dataDir, 'quarantine', stamp);
    for (const rel of orphanFiles)
      moveFile(path.join(mediaDir, ...rel.split('/')), path.join(dir, ...rel.split('/')));
    report.quarantineDir = dir;
  }
  return report;
}

/** Human lines for the CLI and the restore/drill reports. */
export function describeAttachmentsReport(report: AttachmentsReport): string[] {
  const lines = [
    `Вложений со статусом stored: ${report.stored}, в порядке: ${report.ok}.`,
    `Отсутствуют: ${report.missing.length}, неверный размер: ${report.wrongSize.length}, повреждены: ${report.corrupted.length}.`,
    `Лишние файлы (сироты): ${report.orphans.length}; производные (миниатюры и т. п.): ${report.derived}; загружаются: ${report.inFlight}.`,
  ];
  for (const p of report.missing) lines.push(`  ОТСУТСТВУЕТ ${p.storageKey} (${p.uuid}): ${p.detail}`);
  for (const p of report.wrongSize) lines.push(`  РАЗМЕР     ${p.storageKey} (${p.uuid}): ${p.detail}`);
  for (const p of report.corrupted) lines.push(`  ПОВРЕЖДЁН  ${p.storageKey} (${p.uuid}): ${p.detail}`);
  for (const rel of report.orphans.slice(0, 50)) lines.push(`  СИРОТА     ${rel}`);
  if (report.orphans.length > 50) lines.push(`  … и ещё ${report.orphans.length - 50} лишних файлов`);
  if (report.quarantineDir) lines.push(`Лишние файлы перенесены в ${report.quarantineDir}.`);
  return lines;
}

export const hasBrokenAttachments = (r: AttachmentsReport): boolean =>
  r.missing.length + r.wrongSize.length + r.corrupted.length > 0;
