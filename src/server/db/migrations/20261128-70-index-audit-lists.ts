import type { Kysely } from 'kysely';

/**
 * Benchmark-driven (bench/README.md): the audit lists count comments and flagged answers per audit
 * and filter/sort all audits by status, period and score. Both indexes cover their queries, so
 * SQLite answers from the index alone instead of reading 150 response rows per listed audit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('audit_responses_counts_idx')
    .on('audit_responses')
    .columns(['audit_id', 'is_flagged', 'comment'])
    .execute();
  await db.schema
    .createIndex('audits_status_created_idx')
    .on('audits')
    .columns(['status', 'created_at', 'total_score', 'max_score', 'elevator_id', 'created_by'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audits_status_created_idx').execute();
  await db.schema.dropIndex('audit_responses_counts_idx').execute();
}
