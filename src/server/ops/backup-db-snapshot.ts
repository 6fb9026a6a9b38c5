/**
 * A consistent point-in-time view of the live database as a plain file descriptor, taken without
 * holding up the server's writers (they only wait for one short checkpoint, bounded by
 * CHECKPOINT_BUSY_MS).
 *
 * Why reading the main file is safe (SQLite wal.c, walTryBeginRead / walCheckpoint): a read
 * transaction that starts while the WAL is fully backfilled takes WAL_READ_LOCK(0) and reads the
 * database file only, ignoring the WAL. A checkpoint must hold WAL_READ_LOCK(0) exclusively to copy
 * frames back into the database file, so while our read transaction is open nothing is written to
 * the main file; writers keep appending to the WAL (and may even restart it, which also leaves the
 * main file alone). We cannot ask SQLite which read-mark we got, so we check the one thing that
 * proves it: after `wal_checkpoint(TRUNCATE)` and `BEGIN; select …`, the `-wal` file is absent or
 * empty. A reader that used any WAL frame would keep those frames in the file (truncating or
 * restarting the WAL needs every read-mark but 0 free), so an empty WAL means our snapshot is exactly
 * the main file. Otherwise (a writer slipped in, or a long reader kept the checkpoint busy) we retry
 * a few times, then fall back to SQLite's online backup API into a scratch file.
 *
 * POSIX advisory locks belong to the process and are dropped when *any* descriptor of the file is
 * closed (SQLite's "How To Corrupt", §2.2). SQLite's connection keeps a lock on the database file,
 * so our raw descriptor is closed only after that connection: see `close()`.
 */
import { closeSync, fstatSync, openSync, rmSync, statSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { schemaVersion, tableCounts } from './sqlite-file.js';

export interface DatabaseSnapshot {
  /** Read-only descriptor of a file holding exactly the snapshot (bytes 18–19 still as on disk). */
  fd: number;
  size: number;
  how: 'wal' | 'online-backup';
  tables: Record<string, number>;
  schemaVersion: string;
  migrations: number;
}

export interface SnapshotOptions {
  /** Scratch file for the fallback copy (on the backup's file system); removed afterwards. */
  fallbackFile: string;
  /** Attempts to get an empty WAL before falling back (default 5). */
  attempts?: number;
  /** Pause between attempts, doubled each time (default 50 ms). */
  retryDelayMs?: number;
}

/** How long our checkpoint may wait for readers/writers; writers wait at most this long for it. */
const CHECKPOINT_BUSY_MS = 200;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function walIsEmpty(databasePath: string): boolean {
  try {
    return statSync(`${databasePath}-wal`).size === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

function facts(sqlite: SQLite.Database) {
  const schema = schemaVersion(sqlite);
  return { tables: tableCounts(sqlite), schemaVersion: schema.version, migrations: schema.migrations };
}

/**
 * Tries to open a read transaction whose snapshot is the main database file alone.
 * Returns true with the transaction open, or false with no transaction.
 */
function beginMainFileSnapshot(sqlite: SQLite.Database, databasePath: string, wal: boolean): boolean {
  if (wal) {
    // PASSIVE first: it copies what it can without taking the writer lock, so the TRUNCATE that
    // follows (which does hold it, up to CHECKPOINT_BUSY_MS) has little left to do.
    sqlite.pragma('wal_checkpoint(PASSIVE)');
    const [result] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result?.busy) return false;
  }
  sqlite.exec('BEGIN');
  sqlite.prepare('select count(*) from sqlite_schema').pluck().get();
  // Rollback-journal mode: our SHARED lock alone keeps the file unchanged.
  if (!wal || walIsEmpty(databasePath)) return true;
  sqlite.exec('ROLLBACK');
  return false;
}

/**
 * Runs `use` with a consistent snapshot of the database at `databasePath`. The read transaction (or
 * the fallback copy) lives until `use` settles.
 */
export async function withDatabaseSnapshot<T>(
  databasePath: string,
  options: SnapshotOptions,
  use: (snapshot: DatabaseSnapshot) => Promise<T>,
): Promise<T> {
  const sqlite = new SQLite(databasePath, { fileMustExist: true });
  let fd: number | null = null;
  let fallback = false;
  try {
    sqlite.pragma(`busy_timeout = ${CHECKPOINT_BUSY_MS}`);
    const wal = (sqlite.pragma('journal_mode', { simple: true }) as string).toLowerCase() === 'wal';
    const attempts = options.attempts ?? 5;
    let delay = options.retryDelayMs ?? 50;
    let inSnapshot = false;
    for (let attempt = 1; attempt <= attempts && !inSnapshot; attempt++) {
      inSnapshot = beginMainFileSnapshot(sqlite, databasePath, wal);
      if (!inSnapshot && attempt < attempts) {
        await sleep(delay);
        delay *= 2;
      }
    }
    if (inSnapshot) {
      fd = openSync(databasePath, 'r');
      return await use({ fd, size: fstatSync(fd).size, how: 'wal', ...facts(sqlite) });
    }

    // Fallback: one backup step copies every page from one read snapshot; writers are not blocked.
    fallback = true;
    sqlite.pragma('busy_timeout = 5000');
    await sqlite.backup(options.fallbackFile, { progress: () => 0x7fffffff });
    const copy = new SQLite(options.fallbackFile, { fileMustExist: true });
    let copyFacts: ReturnType<typeof facts>;
    try {
      copy.pragma('journal_mode = DELETE'); // a plain file: no -wal/-shm next to it
      copyFacts = facts(copy);
    } finally {
      copy.close();
    }
    fd = openSync(options.fallbackFile, 'r');
    return await use({ fd, size: fstatSync(fd).size, how: 'online-backup', ...copyFacts });
  } finally {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    sqlite.close();
    // Only now: closing a descriptor of the live file earlier would drop SQLite's locks on it.
    if (fd !== null) closeSync(fd);
    if (fallback) rmSync(options.fallbackFile, { force: true });
  }
}
