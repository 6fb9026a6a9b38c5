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
