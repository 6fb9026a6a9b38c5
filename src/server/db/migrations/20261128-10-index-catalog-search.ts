import type { Kysely } from 'kysely';

/**
 * Catalog search and matching: a normalised address key per building (import matching, duplicate
 * checks) and indexes behind every catalog filter and the autocomplete.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('buildings')
    .addColumn('address_key', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('buildings_address_key_idx').on('buildings').column('address_key').execute();
  await db.schema.createIndex('buildings_search_idx').on('buildings').column('search_text').execute();
  await db.schema.createIndex('elevators_search_idx').on('elevators').column('search_text').execute();
  await db.schema
    .createIndex('elevators_building_entrance_idx')
    .on('elevators')
    .columns(['building_id', 'entrance'])
    .execute();
  await db.schema
    .createIndex('catalog_imports_created_idx')
    .on('catalog_imports')
    .column('created_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('catalog_imports_created_idx').execute();
  await db.schema.dropIndex('elevators_building_entrance_idx').execute();
  await db.schema.dropIndex('elevators_search_idx').execute();
  await db.schema.dropIndex('buildings_search_idx').execute();
  await db.schema.dropIndex('buildings_address_key_idx').execute();
  await db.schema.alterTable('buildings').dropColumn('address_key').execute();
}
