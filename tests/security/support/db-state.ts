import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { sql } from 'kysely';
import type { Db } from '../../../src/server/db/database.js';

/** Every user table of the database (migration bookkeeping excluded). */
async function tableNames(db: Db): Promise<string[]> {
  const res = await sql<{ name: string }>`
    select name from sqlite_master
    where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'
    order by name`.execute(db);
  return res.rows.map((r) => r.name);
}

/**
 * A checksum of every row of every table (or of `only`), with per-table row counts for the failure
 * message. Two equal fingerprints mean the request changed nothing in the database.
 */
export async function dbFingerprint(db: Db, opts: { except?: string[]; only?: string[] } = {}) {
  const tables = (opts.only ?? (await tableNames(db))).filter((t) => !opts.except?.includes(t));
  const hash = createHash('sha256');
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by rowid`.execute(
      db,
    );
    counts[table] = rows.rows.length;
    hash.update(table);
    for (const row of rows.rows) hash.update(JSON.stringify(row));
  }
  return { sum: hash.digest('hex'), counts };
}

/**
 * How many rows the app's one SQLite connection has written since it opened: when it has not moved,
 * nothing was written (a cheap first check before a full fingerprint).
 */
export async function totalChanges(db: Db): Promise<number> {
  const res = await sql<{ n: number }>`select total_changes() as n`.execute(db);
  return Number(res.rows[0]?.n ?? 0);
}

/** Relative paths of every file under a directory (missing directory → empty). */
export function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => `${e.parentPath}/${e.name}`.slice(dir.length + 1))
      .sort();
  } catch {
    return [];
  }
}
