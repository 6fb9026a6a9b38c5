import type { Kysely } from 'kysely';

/**
 * Reports: «elevators not audited for N months» looks up the latest submission per elevator, and the
 * dashboard's monthly charts range over `submitted_at`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('audits_elevator_submitted_idx')
    .on('audits')
    .columns(['elevator_id', 'submitted_at'])
    .execute();
  await db.schema.createIndex('audits_submitted_idx').on('audits').columns(['submitted_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audits_submitted_idx').execute();
  await db.schema.dropIndex('audits_elevator_submitted_idx').execute();
}
