import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('checklist_categories')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('checklist_sections')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('category_id', 'integer', (c) => c.notNull().references('checklist_categories.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('checklist_sections_category_idx')
    .on('checklist_sections')
    .column('category_id')
    .execute();

  await db.schema
    .createTable('checklist_questions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('section_id', 'integer', (c) => c.notNull().references('checklist_sections.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('criterion_group', 'text')
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('score', 'yes_no', 'text')`))
    .addColumn('max_score', 'integer')
    .addColumn('weight', 'real', (c) => c.notNull().defaultTo(1))
    .addColumn('guideline', 'text')
    .addColumn('requires_comment_when_reduced', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_critical', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('checklist_questions_section_idx')
    .on('checklist_questions')
    .column('section_id')
    .execute();

  await db.schema
    .createTable('score_options')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('question_id', 'integer', (c) =>
      c.notNull().references('checklist_questions.id').onDelete('cascade'),
    )
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addUniqueConstraint('score_options_question_score_uq', ['question_id', 'score'])
    .execute();

  await db.schema
    .createTable('object_info_fields')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('field_type', 'text', (c) =>
      c.notNull().check(sql`field_type in ('text', 'number', 'date', 'select', 'boolean')`),
    )
    .addColumn('is_required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('choices', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('prefill_from', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('checklist_versions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('published_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .execute();
  await db.schema
    .createIndex('checklist_versions_published_by_idx')
    .on('checklist_versions')
    .column('published_by')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'checklist_versions',
    'object_info_fields',
    'score_options',
    'checklist_questions',
    'checklist_sections',
    'checklist_categories',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
