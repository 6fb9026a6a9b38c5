import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audits')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('uuid', 'text', (c) => c.notNull().unique())
    .addColumn('elevator_id', 'integer', (c) => c.notNull().references('elevators.id'))
    .addColumn('checklist_version_id', 'integer', (c) => c.notNull().references('checklist_versions.id'))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('object_info', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('planned_date', 'text')
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('draft', 'in_progress', 'submitted', 'reviewed')`),
    )
    .addColumn('total_score', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('max_score', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('admin_notes', 'text')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('web').check(sql`source in ('web', 'offline')`))
    .addColumn('device_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The auditor's own list and the admin list both filter by owner/status and sort by date.
  await db.schema
    .createIndex('audits_owner_idx')
    .on('audits')
    .columns(['created_by', 'status', 'created_at'])
    .execute();
  await db.schema.createIndex('audits_status_idx').on('audits').columns(['status', 'submitted_at']).execute();
  await db.schema
    .createIndex('audits_elevator_idx')
    .on('audits')
    .columns(['elevator_id', 'created_at'])
    .execute();
  await db.schema.createIndex('audits_version_idx').on('audits').column('checklist_version_id').execute();
  await db.schema.createIndex('audits_reviewed_by_idx').on('audits').column('reviewed_by').execute();
  await db.schema.createIndex('audits_created_idx').on('audits').column('created_at').execute();

  await db.schema
    .createTable('audit_responses')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('audit_id', 'integer', (c) => c.notNull().references('audits.id').onDelete('cascade'))
    .addColumn('question_id', 'integer', (c) => c.notNull().references('checklist_questions.id'))
    .addColumn('question_text', 'text', (c) => c.notNull())
    .addColumn('question_max_score', 'real')
    .addColumn('score', 'real')
    .addColumn('yes_no', 'integer')
    .addColumn('text_value', 'text')
    .addColumn('comment', 'text')
    .addColumn('is_flagged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('audit_responses_audit_question_uq', ['audit_id', 'question_id'])
    .execute();
  await db.schema
    .createIndex('audit_responses_question_idx')
    .on('audit_responses')
    .column('question_id')
    .execute();

  await db.schema
    .createTable('audit_attachments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('uuid', 'text', (c) => c.notNull().unique())
    .addColumn('audit_id', 'integer', (c) => c.notNull().references('audits.id').onDelete('cascade'))
    .addColumn('response_id', 'integer', (c) => c.references('audit_responses.id'))
    .addColumn('question_id', 'integer', (c) => c.references('checklist_questions.id'))
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('caption', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('expected', 'stored')`))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('stored_at', 'text')
    .execute();
  await db.schema
    .createIndex('audit_attachments_audit_idx')
    .on('audit_attachments')
    .columns(['audit_id', 'question_id'])
    .execute();
  await db.schema
    .createIndex('audit_attachments_response_idx')
    .on('audit_attachments')
    .column('response_id')
    .execute();
  await db.schema
    .createIndex('audit_attachments_question_idx')
    .on('audit_attachments')
    .column('question_id')
    .execute();
  await db.schema
    .createIndex('audit_attachments_created_by_idx')
    .on('audit_attachments')
    .column('created_by')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_attachments').execute();
  await db.schema.dropTable('audit_responses').execute();
  await db.schema.dropTable('audits').execute();
}
