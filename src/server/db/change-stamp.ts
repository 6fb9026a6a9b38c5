import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from './database.js';

const STAMP_SQL = 'select (select data_version from pragma_data_version) as d, total_changes() as c';

/** Connections opened by connectDatabase read the stamp with a statement of their own (below). */
const directReaders = new WeakMap<Db, () => string>();

/**
 * Lets `changeStamp(db)` read the stamp through prepared statements on the raw connection: two
 * requests' worth of Kysely query machinery (compile, connection mutex, promises) cost ≈ 18 µs of a
 * cached list answer's ≈ 160 µs; `PRAGMA data_version` and `total_changes()` on their own ≈ 1 µs
 * (the table-valued `pragma_data_version` in one select was ≈ 2–5 µs). Bypassing the mutex is safe:
 * they only read counters, and SQLite gives the same values inside or outside another query's
 * transaction.
 */
export function readStampDirectly(db: Db, sqlite: SQLite.Database): void {
  const dataVersion = sqlite.prepare('pragma data_version').pluck();
  const totalChanges = sqlite.prepare('select total_changes()').pluck();
  directReaders.set(db, () => `${dataVersion.get() as number}:${totalChanges.get() as number}`);
}

/**
 * A cheap stamp that changes whenever the database may have changed: SQLite's `data_version`
 * (bumped by commits of other connections — the CLI, a restore) and `total_changes()` (rows written by
 * this connection, triggers included; rolled-back writes count too, which only costs a recompute).
 * Equal stamps mean nothing was written since, so values derived from the data can be reused.
 * SQLite-only SQL, kept here. On PostgreSQL there is no equivalent per-database counter; use
 * `pg_stat_database.xact_commit` or a version row bumped by triggers instead.
 */
export async function changeStamp(db: Db): Promise<string> {
  const now = changeStampNow(db);
  if (now !== null) return now;
  const { rows } = await sql.raw<{ d: number; c: number }>(STAMP_SQL).execute(db);
  const row = rows[0];
  return row ? `${row.d}:${row.c}` : '';
}

/**
 * The stamp without waiting, for request hooks that can then answer synchronously; null on a
 * connection without direct readers (a transaction), where only `changeStamp` can read it.
 */
export function changeStampNow(db: Db): string | null {
  return directReaders.get(db)?.() ?? null;
}
