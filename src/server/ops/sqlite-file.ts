import SQLite from 'better-sqlite3';

/** Facts about a database file, read through SQLite (never by parsing the file). */
export interface DatabaseFacts {
  check: string;
  tables: Record<string, number>;
  schemaVersion: string;
  migrations: number;
}

export function tableCounts(sqlite: SQLite.Database): Record<string, number> {
  const names = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .pluck()
    .all() as string[];
  const counts: Record<string, number> = {};
  for (const name of names) {
    counts[name] = sqlite
      .prepare(`select count(*) from "${name.replaceAll('"', '""')}"`)
      .pluck()
      .get() as number;
  }
  return counts;
}

/** The last applied migration (Kysely's table), which is this app's schema version. */
export function schemaVersion(sqlite: SQLite.Database): { version: string; migrations: number } {
  const exists = sqlite
    .prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'")
    .get();
  if (!exists) return { version: 'none', migrations: 0 };
  const rows = sqlite.prepare('select name from kysely_migration order by name').pluck().all() as string[];
  return { version: rows.at(-1) ?? 'none', migrations: rows.length };
}

/**
 * Runs `PRAGMA quick_check` or `integrity_check` and returns "ok" or the problems joined.
 * Opens the file read-only when asked, so checking a backup never changes it.
 */
export function inspectDatabase(file: string, options: { full: boolean; readonly: boolean }): DatabaseFacts {
  const sqlite = new SQLite(file, { readonly: options.readonly, fileMustExist: true });
  try {
    const rows = sqlite.pragma(options.full ? 'integrity_check' : 'quick_check', { simple: false }) as Record<
      string,
      string
    >[];
    const check = rows.map((r) => Object.values(r)[0]).join('; ');
    if (check !== 'ok') return { check, tables: {}, schemaVersion: 'unknown', migrations: 0 };
    const schema = schemaVersion(sqlite);
    return {
      check,
      tables: tableCounts(sqlite),
      schemaVersion: schema.version,
      migrations: schema.migrations,
    };
  } finally {
    sqlite.close();
  }
}
