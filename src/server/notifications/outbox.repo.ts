import type { Db } from '../db/database.js';

export interface OutgoingMail {
  id: number;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  attempts: number;
}

export async function enqueueMail(
  db: Db,
  mail: { to: string; subject: string; text: string; html?: string | null },
  nowIso: string,
): Promise<void> {
  await db
    .insertInto('mailOutbox')
    .values({ ...mail, html: mail.html ?? null, createdAt: nowIso, nextAttemptAt: nowIso, attempts: 0 })
    .execute();
}

export function listDueMail(db: Db, nowIso: string, limit: number): Promise<OutgoingMail[]> {
  return db
    .selectFrom('mailOutbox')
    .select(['id', 'to', 'subject', 'text', 'html', 'attempts'])
    .where('sentAt', 'is', null)
    .where('nextAttemptAt', '<=', nowIso)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function markMailSent(db: Db, id: number, nowIso: string): Promise<void> {
  await db
    .updateTable('mailOutbox')
    .set((eb) => ({ sentAt: nowIso, attempts: eb('attempts', '+', 1), lastError: null }))
    .where('id', '=', id)
    .execute();
}

export async function markMailFailed(
  db: Db,
  id: number,
  error: string,
  nextAttemptAt: string,
): Promise<void> {
  await db
    .updateTable('mailOutbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), lastError: error.slice(0, 1000), nextAttemptAt }))
    .where('id', '=', id)
    .execute();
}

export interface Recipient {
  email: string;
  fullName: string;
}

/** Active users who have an e-mail address and have not switched notifications off. */
export async function listRecipients(
  db: Db,
  filter: { role?: 'admin'; userId?: number },
): Promise<Recipient[]> {
  let q = db
    .selectFrom('users')
    .select(['email', 'fullName'])
    .where('isActive', '=', 1)
    .where('notificationsEnabled', '=', 1)
    .where('email', 'is not', null);
  if (filter.role) q = q.where('role', '=', filter.role);
  if (filter.userId !== undefined) q = q.where('id', '=', filter.userId);
  const rows = await q.execute();
  return rows.flatMap((r) => (r.email ? [{ email: r.email, fullName: r.fullName }] : []));
}
