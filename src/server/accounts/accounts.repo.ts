import type { Db, NewUser, SessionRow, UserRow, UserUpdate } from '../db/database.js';
import { containsText } from '../db/search.js';

export const usernameKey = (username: string) => username.trim().toLowerCase();

export function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('usernameKey', '=', usernameKey(username))
    .executeTakeFirst();
}

export async function insertUser(db: Db, user: NewUser): Promise<UserRow> {
  return db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
}

export async function updateUser(db: Db, id: number, patch: UserUpdate): Promise<UserRow> {
  return db.updateTable('users').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function countUsers(db: Db): Promise<number> {
  return db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

export async function countActiveAdmins(db: Db): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('isActive', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface UserFilter {
  search?: string | undefined;
  role?: 'auditor' | 'admin' | undefined;
  isActive?: boolean | undefined;
  limit: number;
  offset: number;
}

export async function listUsers(db: Db, f: UserFilter): Promise<{ rows: UserRow[]; total: number }> {
  let q = db.selectFrom('users');
  if (f.role) q = q.where('role', '=', f.role);
  if (f.isActive !== undefined) q = q.where('isActive', '=', f.isActive ? 1 : 0);
  if (f.search) {
    const term = f.search;
    q = q.where((eb) =>
      eb.or(
        ['username_key', 'full_name', 'email', 'employee_id'].map((column) => containsText(column, term)),
      ),
    );
  }
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('fullName').orderBy('id').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export interface SessionWithUser {
  session: SessionRow;
  user: UserRow;
}

export async function findSessionByTokenHash(
  db: Db,
  tokenHash: string,
): Promise<SessionWithUser | undefined> {
  const session = await db
    .selectFrom('sessions')
    .selectAll()
    .where('tokenHash', '=', tokenHash)
    .executeTakeFirst();
  if (!session) return undefined;
  const user = await findUserById(db, session.userId);
  return user ? { session, user } : undefined;
}

export async function insertSession(db: Db, session: Omit<SessionRow, 'id'>): Promise<SessionRow> {
  return db.insertInto('sessions').values(session).returningAll().executeTakeFirstOrThrow();
}

export async function touchSession(db: Db, id: number, lastSeenAt: string, expiresAt: string): Promise<void> {
  await db.updateTable('sessions').set({ lastSeenAt, expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: number): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteUserSessions(db: Db, userId: number, exceptId?: number): Promise<number> {
  let q = db.deleteFrom('sessions').where('userId', '=', userId);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteExpiredSessions(db: Db, nowIso: string): Promise<number> {
  const r = await db.deleteFrom('sessions').where('expiresAt', '<=', nowIso).executeTakeFirst();
  return Number(r.numDeletedRows);
}
