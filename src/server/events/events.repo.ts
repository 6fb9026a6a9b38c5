import type { Db } from '../db/database.js';

export interface EventInput {
  userId: number | null;
  action: string;
  entityType: string;
  entityId: string | number;
  payload?: unknown;
  createdAt: string;
}

/** Appends to the change trail. Call inside the transaction that made the change. */
export async function recordEvent(db: Db, e: EventInput): Promise<void> {
  await db
    .insertInto('events')
    .values({
      userId: e.userId,
      action: e.action,
      entityType: e.entityType,
      entityId: String(e.entityId),
      payload: JSON.stringify(e.payload ?? {}),
      createdAt: e.createdAt,
    })
    .execute();
}

export interface EventRecord {
  id: number;
  userId: number | null;
  action: string;
  entityType: string;
  entityId: string;
  payload: unknown;
  createdAt: string;
}

export async function listEventsFor(
  db: Db,
  entityType: string,
  entityId: string | number,
): Promise<EventRecord[]> {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('entityType', '=', entityType)
    .where('entityId', '=', String(entityId))
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as unknown }));
}
