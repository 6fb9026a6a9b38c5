import { sql } from 'kysely';
import type { Db } from './database.js';

/**
 * A cheap stamp that changes whenever the database may have changed: SQLite's `data_version`
 * (bumped by commits of other connections — the CLI, a restore) and `total_changes()` (rows written by
 * this connection, triggers included; rolled-back writes count too, which only costs a recompute).
 * Equal stamps mean nothing was written since, so values derived from the data can be reused.
 * SQLite-only SQL, kept here. On PostgreSQL there is no equivalent per-database counter; use
 * `pg_stat_database.xact_commit` or a version row bumped by triggers instead.
 */
export async function changeStamp(db: Db): Promise<string> {
  const { rows } = await sql<{ d: number; c: number }>`
    select (select data_version from pragma_data_version) as d, total_changes() as c`.execute(db);
  const row = rows[0];
  return row ? `${row.d}:${row.c}` : '';
}
