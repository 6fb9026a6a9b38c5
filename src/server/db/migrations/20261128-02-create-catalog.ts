import type { Kysely } from 'kysely';
import { sql } from 'kysely';

const reviewCheck = sql`review_status in ('pending', 'approved', 'rejected')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('buildings')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('uuid', 'text', (c) => c.notNull().unique())
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('street', 'text', (c) => c.notNull())
    .addColumn('house', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('review_status', 'text', (c) => c.notNull().defaultTo('approved').check(reviewCheck))
    .addColumn('review_note', 'text')
    .addColumn('merged_into_id', 'integer', (c) => c.references('buildings.id'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('verified_by', 'integer', (c) => c.references('users.id'))
    .addColumn('verified_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('buildings_review_idx')
    .on('buildings')
    .columns(['review_status', 'created_by'])
    .execute();
  await db.schema
    .createIndex('buildings_city_idx')
    .on('buildings')
    .columns(['city', 'street', 'house'])
    .execute();
  await db.schema.createIndex('buildings_created_by_idx').on('buildings').column('created_by').execute();
  await db.schema.createIndex('buildings_verified_by_idx').on('buildings').column('verified_by').execute();
  await db.schema.createIndex('buildings_merged_into_idx').on('buildings').column('merged_into_id').execute();

  await db.schema
    .createTable('elevators')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('uuid', 'text', (c) => c.notNull().unique())
    .addColumn('building_id', 'integer', (c) => c.notNull().references('buildings.id'))
    .addColumn('entrance', 'text')
    .addColumn('capacity_kg', 'integer')
    .addColumn('stops', 'integer')
    .addColumn('identifier', 'text')
    .addColumn('description', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('active').check(sql`status in ('active', 'decommissioned')`),
    )
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('review_status', 'text', (c) => c.notNull().defaultTo('approved').check(reviewCheck))
    .addColumn('review_note', 'text')
    .addColumn('merged_into_id', 'integer', (c) => c.references('elevators.id'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('verified_by', 'integer', (c) => c.references('users.id'))
    .addColumn('verified_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('elevators_building_idx').on('elevators').column('building_id').execute();
  await db.schema
    .createIndex('elevators_review_idx')
    .on('elevators')
    .columns(['review_status', 'created_by'])
    .execute();
  await db.schema.createIndex('elevators_status_idx').on('elevators').column('status').execute();
  await db.schema.createIndex('elevators_identifier_idx').on('elevators').column('identifier').execute();
  await db.schema.createIndex('elevators_created_by_idx').on('elevators').column('created_by').execute();
  await db.schema.createIndex('elevators_verified_by_idx').on('elevators').column('verified_by').execute();
  await db.schema.createIndex('elevators_merged_into_idx').on('elevators').column('merged_into_id').execute();

  await db.schema
    .createTable('catalog_imports')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('created_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('catalog_imports_user_idx').on('catalog_imports').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('catalog_imports').execute();
  await db.schema.dropTable('elevators').execute();
  await db.schema.dropTable('buildings').execute();
}
