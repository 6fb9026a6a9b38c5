/**
 * The database copy of a format-2 backup: fixed-size parts under `db.sqlite3.parts/`, each part equal
 * to the previous backup's part of the same index being a hard link to it (so a night without
 * changes to some megabytes of the file costs no space for them). `cat db.sqlite3.parts/* > x`
 * rebuilds the plain file: names are zero-padded to one width per backup, so they sort in order.
 *
 * Each part is hashed once, on the thread pool while the next parts are read and written; there is
 * no whole-file sha256. The part hashes, sizes and order cover every byte, and a second sha256 stream
 * over the file (on a worker) cost ≈ 0.33 s of CPU per 550 MB copy without making it any faster or
 * safer. For checking by hand the same hashes go to `db.sqlite3.sha256sums` in coreutils format
 * (`sha256sum -c`).
 */
import { webcrypto } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseSnapshot } from './backup-db-snapshot.js';
import { type BackupManifest, type DatabasePart, DB_PARTS_DIR, DB_SUMS_FILE } from './backup-store.js';
import { fsyncFile, writeAll } from './files.js';
import { syncBehind } from './sync-behind.js';

/**
 * 1 MiB. Measured on the benchmark database (548 MB, 4 KiB pages): an unchanged database links every
 * part whatever the size. A simulated working day of 20 new audits touches 0.5 % of the pages, but
 * spread over the whole file (indexes), so 15 % of 256 KiB parts, 40 % of 1 MiB parts and 87 % of
 * 4 MiB parts differ. Each part costs a file, a link and an fsync: 256 KiB parts (2 150 files)
 * fsync in ≈ 0.6 s against ≈ 0.3 s for 1 MiB (540 files; `cp` + fsync of the whole file ≈ 0.4 s),
 * and the copy-time budget is 2× `cp`. With real photos the database is a small share of a backup,
 * so 1 MiB; the manifest records the size, so changing it only costs one night of linking.
 */
export const DEFAULT_PART_SIZE = 1024 * 1024;

/**
 * Parts being hashed on the thread pool while the main thread reads the next one, plus the one being
 * read. sha256 of 550 MB is ≈ 0.31 s of CPU; hashed in line it ran after every read, here it
 * overlaps the reads and writes (≈ 0.85 → 0.70 s for the benchmark database, `cp` + fsync ≈ 0.44 s).
 */
const PARTS_IN_FLIGHT = 3;

export function partNames(count: number): string[] {
  const width = Math.max(5, String(Math.max(0, count - 1)).length);
  return Array.from({ length: count }, (_, i) => String(i).padStart(width, '0'));
}

/**
 * The DB_SUMS_FILE text for `parts`: `<sha256>  db.sqlite3.parts/<name>` per part, in order, paths
 * relative to the backup directory (`cd <backup> && sha256sum -c db.sqlite3.sha256sums`).
 */
export function partSums(parts: DatabasePart[]): string {
  const names = partNames(parts.length);
  return parts.map((part, i) => `${part.sha256}  ${DB_PARTS_DIR}/${names[i]}\n`).join('');
}

function readExactly(fd: number, buffer: Buffer, position: number): void {
  let done = 0;
  while (done < buffer.length) {
    const n = readSync(fd, buffer, done, buffer.length - done, position + done);
    if (n === 0) throw new Error('копия базы: файл оказался короче, чем при начале чтения');
    done += n;
  }
}

export interface PreviousParts {
  dir: string;
  partSize: number;
  parts: DatabasePart[];
}

export interface WrittenParts {
  bytes: number;
  partSize: number;
  parts: DatabasePart[];
  linked: number;
}

/** The previous backup's parts, when its layout allows linking to them. */
export function previousParts(manifest: BackupManifest | undefined, dir: string): PreviousParts | null {
  if (manifest?.format !== 2) return null;
  const { partSize, parts } = manifest.database;
  return { dir, partSize, parts };
}

function linkIfSame(
  previous: PreviousParts | null,
  names: string[],
  i: number,
  part: DatabasePart,
  target: string,
) {
  const before = previous?.parts[i];
  if (!previous || !before || before.sha256 !== part.sha256 || before.size !== part.size) return false;
  const source = path.join(previous.dir, DB_PARTS_DIR, names[i] as string);
  try {
    if (statSync(source).size !== part.size) return false;
    linkSync(source, target);
    return true;
  } catch {
    return false; // removed meanwhile, another file system or too many links: write it instead
  }
}

/**
 * Streams the snapshot into `<backupDir>/db.sqlite3.parts/` and writes `<backupDir>/db.sqlite3.sha256sums`,
 * all fsynced before it returns (the manifest, written after, is what makes them a backup).
 * Header bytes 18–19 become 1 (rollback journal): the copy is a self-contained file, which is right
 * only because the snapshot has no WAL frames (it is the main file under WAL_READ_LOCK(0), or an
 * online-backup copy).
 */
export async function writeDatabaseParts(
  snapshot: DatabaseSnapshot,
  backupDir: string,
  previous: PreviousParts | null,
  partSize = DEFAULT_PART_SIZE,
): Promise<WrittenParts> {
  const partsDir = path.join(backupDir, DB_PARTS_DIR);
  mkdirSync(partsDir, { recursive: true });
  const count = Math.ceil(snapshot.size / partSize);
  const names = partNames(count);
  const usable = previous && previous.partSize === partSize ? previous : null;
  const previousNames = usable ? partNames(usable.parts.length) : [];
  const sums = path.join(backupDir, DB_SUMS_FILE);
  const syncs = syncBehind();
  const parts: DatabasePart[] = [];
  let linked = 0;
  // A buffer is read into again only after its part was hashed and written (or linked).
  const buffers = Array.from({ length: PARTS_IN_FLIGHT + 1 }, () => Buffer.allocUnsafe(partSize));
  const hashing: Array<{ i: number; data: Buffer; digest: Promise<ArrayBuffer> }> = [];
  const store = async (job: (typeof hashing)[number]) => {
    const part = { sha256: Buffer.from(await job.digest).toString('hex'), size: job.data.length };
    const target = path.join(partsDir, names[job.i] as string);
    if (job.i < previousNames.length && linkIfSame(usable, previousNames, job.i, part, target)) linked += 1;
    else {
      const fd = openSync(target, 'wx');
      try {
        writeAll(fd, job.data);
      } finally {
        closeSync(fd);
      }
      syncs.add(target);
    }
    parts.push(part);
  };
  try {
    for (let i = 0; i < count; i++) {
      if (hashing.length === PARTS_IN_FLIGHT) await store(hashing.shift()!);
      const offset = i * partSize;
      const data = (buffers[i % buffers.length] as Buffer).subarray(
        0,
        Math.min(partSize, snapshot.size - offset),
      );
      readExactly(snapshot.fd, data, offset);
      if (i === 0) {
        if (data.subarray(0, 16).toString('latin1') !== 'SQLite format 3\0')
          throw new Error('копия базы: это не файл SQLite (нет заголовка «SQLite format 3»)');
        data[18] = 1; // file format write version: legacy (rollback journal)
        data[19] = 1; // read version
      }
      hashing.push({ i, data, digest: webcrypto.subtle.digest('SHA-256', data) });
    }
    while (hashing.length) await store(hashing.shift()!);
    writeFileSync(sums, partSums(parts), { flag: 'wx' });
  } catch (error) {
    // No hash may still be reading a buffer, nor an fsync running, when the caller cleans up.
    await Promise.allSettled(hashing.map((job) => job.digest));
    await syncs.abandon();
    throw error;
  }
  await syncs.finish([sums]);
  fsyncFile(partsDir);
  return { bytes: snapshot.size, partSize, parts, linked };
}
