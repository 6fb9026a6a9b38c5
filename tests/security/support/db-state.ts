import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { sql } from 'kysely';
import type { Db } from '../../../src/server/db/database.js';

/**
 * Every real table of the database: migration bookkeeping and virtual tables (full-text indexes,
 * whose content lives in their shadow tables, which are included) excluded.
 */
async function tableNames(db: Db): Promise<string[]> {
  const res = await sql<{ name: string }>`
    select name from sqlite_master
    where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'
      and sql not like 'CREATE VIRTUAL TABLE%'
    order by name`.execute(db);
  return res.rows.map((r) => r.name);
}

const rowText = (row: Record<string, unknown>) =>
  JSON.stringify(row, (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString('hex') : value));

/**
 * A checksum of every row of every table (or of `only`), with per-table row counts for the failure
 * message. Two equal fingerprints mean the request changed nothing in the database.
 */
export async function dbFingerprint(db: Db, opts: { except?: string[]; only?: string[] } = {}) {
  const tables = (opts.only ?? (await tableNames(db))).filter((t) => !opts.except?.includes(t));
  const hash = createHash('sha256');
  const counts: Record<string, number> = {};
  for (const table of tables) {
    // No ORDER BY rowid: FTS shadow tables are WITHOUT ROWID. The rows are sorted here instead.
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    counts[table] = rows.rows.length;
    hash.update(table);
    for (const line of rows.rows.map(rowText).sort()) hash.update(line);
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
