import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/**
 * Kysely's SQLite driver prepares every query anew; compiling the same SQL text on every request
 * cost about a tenth of the server's busy time in the benchmark profiles (bench/README.md). This
 * keeps the most recently used statements (Kysely's parameters are bound at execution, so the same
 * text is the same statement). A statement still iterating (a streamed query that has not finished)
 * is never handed out twice: a fresh one is prepared instead.
 */
export function withStatementCache(sqlite: SQLite.Database, capacity = 300): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare(sql: string) {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        // Map order is insertion order: re-inserting marks it most recently used.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      if (!cached) {
        cache.set(sql, statement);
        if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
      }
      return statement;
    },
  };
}
