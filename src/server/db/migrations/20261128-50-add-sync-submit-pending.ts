import type { Kysely } from 'kysely';

/**
 * Offline sync: an audit a device submitted while some of its photos were still on the way keeps
 * `in_progress` with `submit_requested_at` set; the last photo to arrive submits it. Pending
 * (`expected`) photos are listed for the admin's «Синхронизация» page by status.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audits').addColumn('submit_requested_at', 'text').execute();
  await db.schema
    .createIndex('audit_attachments_status_idx')
    .on('audit_attachments')
    .columns(['status', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_attachments_status_idx').execute();
  await db.schema.alterTable('audits').dropColumn('submit_requested_at').execute();
}
