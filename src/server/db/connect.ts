import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { readStampDirectly } from './change-stamp.js';
import type { Database, Db } from './database.js';
import { withStatementCache } from './statement-cache.js';

export interface DatabaseHandle {
  db: Db;
  /** The raw SQLite connection: for the online backup API and pragmas only. */
  sqlite: SQLite.Database;
  close(): Promise<void>;
}

export interface ConnectOptions {
  readonly?: boolean;
  /** Fail instead of creating an empty database file (checks, backups). */
  mustExist?: boolean;
}

/** Opens the SQLite database file with the pragmas DESIGN §1 requires (WAL, FKs, busy timeout). */
export function connectDatabase(databasePath: string, options: ConnectOptions = {}): DatabaseHandle {
  if (!options.readonly) mkdirSync(path.dirname(databasePath), { recursive: true });
  const sqlite = new SQLite(databasePath, {
    readonly: options.readonly ?? false,
    fileMustExist: Boolean(options.readonly || options.mustExist),
  });
  sqlite.pragma('busy_timeout = 5000');
  if (!options.readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  // SQLite's lower() folds ASCII only; PostgreSQL's folds Cyrillic too. Make SQLite match.
  sqlite.function('lower', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? value.toLowerCase() : value,
  );
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    plugins: [new CamelCasePlugin()],
  });
  readStampDirectly(db, sqlite);
  return {
    db,
    sqlite,
    // Kysely's destroy() closes the SQLite handle too.
    close: () => db.destroy(),
  };
}
