import { sql } from 'kysely';
import type { Db } from './database.js';

/**
 * Runs `fn` in a write transaction that takes SQLite's write lock up front (BEGIN IMMEDIATE), so a
 * read-then-write never fails half-way with SQLITE_BUSY on lock upgrade. The handle passed to `fn`
 * is the only one to use inside. Kysely's own `transaction()` issues a deferred BEGIN on SQLite.
 */
export async function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      try {
        await sql`rollback`.execute(conn);
      } catch {
        // SQLite already rolled back by itself (SQLITE_FULL, SQLITE_IOERR, …): "no transaction is
        // active" must not replace the real error, or a full disk would answer 500 instead of 507.
      }
      throw error;
    }
  });
}
