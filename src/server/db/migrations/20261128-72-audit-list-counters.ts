import { type Kysely, sql } from 'kysely';

/**
 * Benchmark-driven (bench/README.md): every audit list row showed how many answers carry a comment
 * or a flag and how many photos are stored, counted per listed audit on every request (150 answers
 * each; the comment count alone was the most expensive part of a list page). The counts now live on
 * the audit and are kept by triggers, so every write path — answer saves, sync batches, imports,
 * merges, raw SQL of the bench dataset — keeps them right without the application's help.
 *
 * «Has a comment» is exactly the lists' former condition: `trim(coalesce(comment, '')) <> ''`.
 * (PostgreSQL: the same triggers as PL/pgSQL functions.)
 */
const HAS_COMMENT = (row: 'new' | 'old') => `(trim(coalesce(${row}.comment, '')) <> '')`;
const IS_FLAGGED = (row: 'new' | 'old') => `(${row}.is_flagged = 1)`;
const IS_STORED = (row: 'new' | 'old') => `(${row}.status = 'stored')`;

const responseDelta = (row: 'new' | 'old', sign: '+' | '-') =>
  `update audits set comment_count = comment_count ${sign} ${HAS_COMMENT(row)},
     flagged_count = flagged_count ${sign} ${IS_FLAGGED(row)}
   where id = ${row}.audit_id;`;
const photoDelta = (row: 'new' | 'old', sign: '+' | '-') =>
  `update audits set photo_count = photo_count ${sign} ${IS_STORED(row)} where id = ${row}.audit_id;`;

const TRIGGERS: Record<string, string> = {
  audit_responses_counts_ai: `after insert on audit_responses begin ${responseDelta('new', '+')} end`,
  audit_responses_counts_ad: `after delete on audit_responses begin ${responseDelta('old', '-')} end`,
  audit_responses_counts_au: `after update of comment, is_flagged, audit_id on audit_responses begin
     ${responseDelta('old', '-')} ${responseDelta('new', '+')} end`,
  audit_attachments_counts_ai: `after insert on audit_attachments begin ${photoDelta('new', '+')} end`,
  audit_attachments_counts_ad: `after delete on audit_attachments begin ${photoDelta('old', '-')} end`,
  audit_attachments_counts_au: `after update of status, audit_id on audit_attachments begin
     ${photoDelta('old', '-')} ${photoDelta('new', '+')} end`,
};

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of ['comment_count', 'flagged_count', 'photo_count'])
    await db.schema
      .alterTable('audits')
      .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  await sql`
    update audits set
      comment_count = (select count(*) from audit_responses r
                       where r.audit_id = audits.id and trim(coalesce(r.comment, '')) <> ''),
      flagged_count = (select count(*) from audit_responses r where r.audit_id = audits.id and r.is_flagged = 1),
      photo_count = (select count(*) from audit_attachments t where t.audit_id = audits.id and t.status = 'stored')
  `.execute(db);
  for (const [name, body] of Object.entries(TRIGGERS))
    await sql.raw(`create trigger ${name} ${body}`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of Object.keys(TRIGGERS)) await sql.raw(`drop trigger if exists ${name}`).execute(db);
  for (const column of ['photo_count', 'flagged_count', 'comment_count'])
    await db.schema.alterTable('audits').dropColumn(column).execute();
}
