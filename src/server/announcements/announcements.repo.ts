import type { Db } from '../db/database.js';

export function listAnnouncements(db: Db) {
  return db
    .selectFrom('announcements')
    .selectAll()
    .orderBy('startsAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function listActiveAnnouncements(db: Db, nowIso: string) {
  return db
    .selectFrom('announcements')
    .selectAll()
    .where('startsAt', '<=', nowIso)
    .where('endsAt', '>', nowIso)
    .orderBy('startsAt', 'asc')
    .orderBy('id', 'asc')
    .execute();
}

export function findAnnouncement(db: Db, id: number) {
  return db.selectFrom('announcements').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertAnnouncement(
  db: Db,
  values: { message: string; startsAt: string; endsAt: string; createdBy: number; createdAt: string },
) {
  return db.insertInto('announcements').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateAnnouncement(
  db: Db,
  id: number,
  patch: { message?: string; startsAt?: string; endsAt?: string },
) {
  return db
    .updateTable('announcements')
    .set(patch)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteAnnouncement(db: Db, id: number): Promise<void> {
  await db.deleteFrom('announcements').where('id', '=', id).execute();
}
