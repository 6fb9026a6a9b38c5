import { type RawBuilder, type SqlBool, sql } from 'kysely';

/** Escapes LIKE wildcards so user input matches literally. */
export function likePattern(term: string): string {
  return `%${term.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}

/**
 * `lower(column) LIKE '%term%'` with wildcards in the term escaped. `column` is a snake_case SQL
 * reference such as `users.full_name` (raw SQL bypasses the CamelCase plugin).
 */
export function containsText(column: string, term: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${likePattern(term)} escape '\\'`;
}

/** Catalog tables whose `search_text` has an FTS5 trigram mirror `<table>_fts` (migration 71). */
export type SearchableTable = 'buildings' | 'elevators';

/**
 * `<alias>.search_text` contains `term` (a folded search term: lower case, ё → е, see searchTerms()).
 * A term of 3 or more characters is answered by the FTS5 trigram index (a quoted phrase = substring,
 * same result as `LIKE '%term%'`); shorter terms cannot be trigram-indexed and use LIKE.
 * SQLite-only SQL, kept here: on PostgreSQL this is the plain LIKE with a pg_trgm GIN index on
 * search_text (see the migration).
 */
export function searchTextContains(table: SearchableTable, alias: string, term: string): RawBuilder<SqlBool> {
  if ([...term].length >= 3) {
    const fts = sql.raw(`${table}_fts`);
    const phrase = `"${term.replaceAll('"', '""')}"`;
    return sql<SqlBool>`${sql.ref(`${alias}.id`)} in (select rowid from ${fts} where ${fts} match ${phrase})`;
  }
  return sql<SqlBool>`${sql.ref(`${alias}.search_text`)} like ${likePattern(term)} escape '\\'`;
}
