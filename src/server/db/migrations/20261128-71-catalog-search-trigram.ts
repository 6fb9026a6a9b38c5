import { type Kysely, sql } from 'kysely';

/**
 * Benchmark-driven (bench/README.md): catalog search is «every term occurs in search_text»
 * (`LIKE '%term%'`), which read all 10,000 lifts twice per request. These SQLite FTS5 tables with the
 * `trigram` tokenizer index the same `search_text` columns (external content, kept in step by
 * triggers, so every write path — the app, imports, merges, bench datasets inserted by raw SQL — is
 * covered) and answer a substring of ≥ 3 characters from the index (src/server/db/search.ts).
 *
 * SQLite only. On PostgreSQL the same role is played by `CREATE EXTENSION pg_trgm` and
 * `CREATE INDEX … USING gin (search_text gin_trgm_ops)` on both tables: the plain LIKE is then
 * index-backed and no mirror table or trigger is needed.
 */
const TABLES = ['buildings', 'elevators'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) {
    const fts = `${table}_fts`;
    await sql
      .raw(
        `create virtual table ${fts} using fts5(search_text, content='${table}', content_rowid='id', tokenize='trigram')`,
      )
      .execute(db);
    await sql.raw(`insert into ${fts}(${fts}) values ('rebuild')`).execute(db);
    await sql
      .raw(
        `create trigger ${fts}_ai after insert on ${table} begin
           insert into ${fts}(rowid, search_text) values (new.id, new.search_text);
         end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${fts}_ad after delete on ${table} begin
           insert into ${fts}(${fts}, rowid, search_text) values ('delete', old.id, old.search_text);
         end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${fts}_au after update of search_text on ${table} begin
           insert into ${fts}(${fts}, rowid, search_text) values ('delete', old.id, old.search_text);
           insert into ${fts}(rowid, search_text) values (new.id, new.search_text);
         end`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) {
    const fts = `${table}_fts`;
    for (const suffix of ['au', 'ad', 'ai'])
      await sql.raw(`drop trigger if exists ${fts}_${suffix}`).execute(db);
    await sql.raw(`drop table if exists ${fts}`).execute(db);
  }
}
