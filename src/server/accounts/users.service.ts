import type {
  ChangePassword,
  CreateUser,
  ListUsersQuery,
  UpdateOwnProfile,
  UpdateUser,
  UserDto,
  UserList,
} from '../../shared/accounts/accounts.schema.js';
import { checkPassword, PASSWORD_PROBLEM_MESSAGES } from '../../shared/accounts/password-policy.js';
import { type Clock, isoNow } from '../clock.js';
import type { Db, UserRow } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, notFound } from '../errors.js';
import { recordEvent } from '../events/index.js';
import type { Notifier } from '../notifications/index.js';
import * as repo from './accounts.repo.js';
import { generateTemporaryPassword, hashPassword, verifyPassword } from './passwords.js';
import { toUserDto } from './user-dto.js';

export interface UsersDeps {
  db: Db;
  clock: Clock;
  /** Mail about account changes; absent in CLI use. */
  notifier?: Notifier;
}

export type UsersService = ReturnType<typeof createUsersService>;

/** Throws 400 auth.weak_password listing every policy problem, in Russian. */
export function assertPasswordAcceptable(password: string, username: string): void {
  const problems = checkPassword(password, username);
  if (problems.length === 0) return;
  const details = problems.map((p) => ({ path: 'password', code: p, message: PASSWORD_PROBLEM_MESSAGES[p] }));
  throw new AppError('auth.weak_password', 400, details.map((d) => d.message).join(' '), details);
}

export function createUsersService({ db, clock, notifier }: UsersDeps) {
  const event = (trx: Db, actorId: number | null, action: string, userId: number, payload: unknown = {}) =>
    recordEvent(trx, {
      userId: actorId,
      action,
      entityType: 'user',
      entityId: userId,
      payload,
      createdAt: isoNow(clock),
    });

  async function requireUser(trx: Db, id: number): Promise<UserRow> {
    const user = await repo.findUserById(trx, id);
    if (!user) throw notFound('user.not_found');
    return user;
  }

  /** Refuses to leave the installation without an active administrator. */
  async function assertNotLastAdmin(trx: Db, user: UserRow): Promise<void> {
    if (user.role === 'admin' && user.isActive === 1 && (await repo.countActiveAdmins(trx)) <= 1) {
      throw new AppError('user.last_admin', 409);
    }
  }

  async function insertNewUser(
    trx: Db,
    input: Omit<CreateUser, 'temporaryPassword'>,
    password: string,
    mustChange: boolean,
  ): Promise<UserRow> {
    if (await repo.findUserByUsername(trx, input.username)) throw new AppError('user.username_taken', 409);
    const now = isoNow(clock);
    return repo.insertUser(trx, {
      username: input.username,
      usernameKey: repo.usernameKey(input.username),
      passwordHash: await hashPassword(password),
      fullName: input.fullName,
      role: input.role,
      email: input.email ?? null,
      phone: input.phone ?? null,
      employeeId: input.employeeId ?? null,
      isActive: 1,
      mustChangePassword: mustChange ? 1 : 0,
      notificationsEnabled: 1,
      locale: 'ru',
      passwordChangedAt: mustChange ? null : now,
      createdAt: now,
      updatedAt: now,
    });
  }

  return {
    async list(query: ListUsersQuery): Promise<UserList> {
      const { rows, total } = await repo.listUsers(db, {
        search: query.search || undefined,
        role: query.role,
        isActive: query.isActive === undefined ? undefined : query.isActive === 'true',
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      return { items: rows.map(toUserDto), total, page: query.page, pageSize: query.pageSize };
    },

    async get(id: number): Promise<UserDto> {
      return toUserDto(await requireUser(db, id));
    },

    /** Admin creates a user with a temporary password (typed or generated) to change at first login. */
    async create(
      actorId: number | null,
      input: CreateUser,
    ): Promise<{ user: UserDto; temporaryPassword: string }> {
      const temporaryPassword = input.temporaryPassword || generateTemporaryPassword();
      assertPasswordAcceptable(temporaryPassword, input.username);
      const user = await inTransaction(db, async (trx) => {
        const created = await insertNewUser(trx, input, temporaryPassword, true);
        await event(trx, actorId, 'user.created', created.id, {
          username: created.username,
          role: created.role,
        });
        await notifier?.accountCreated(trx, created);
        return created;
      });
      return { user: toUserDto(user), temporaryPassword };
    },

    /** CLI `createadmin`: a password given on the command line needs no change at first login. */
    async createAdmin(input: { username: string; password: string; fullName: string }): Promise<UserDto> {
      assertPasswordAcceptable(input.password, input.username);
      const user = await inTransaction(db, async (trx) => {
        const created = await insertNewUser(trx, { ...input, role: 'admin' }, input.password, false);
        await event(trx, null, 'user.created', created.id, {
          username: created.username,
          role: 'admin',
          via: 'cli',
        });
        return created;
      });
      return toUserDto(user);
    },

    async update(actorId: number, id: number, patch: UpdateUser): Promise<UserDto> {
      return toUserDto(
        await inTransaction(db, async (trx) => {
          const before = await requireUser(trx, id);
          if (patch.role && patch.role !== before.role) await assertNotLastAdmin(trx, before);
          const changes = { ...patch, updatedAt: isoNow(clock) };
          const after = await repo.updateUser(trx, id, changes);
          const diff = Object.fromEntries(
            Object.keys(patch).map((k) => [
              k,
              { from: before[k as keyof UserRow], to: after[k as keyof UserRow] },
            ]),
          );
          await event(trx, actorId, 'user.updated', id, diff);
          return after;
        }),
      );
    },

    /** Deactivation also ends every session of that user at once. */
    async setActive(actorId: number, id: number, isActive: boolean): Promise<UserDto> {
      if (!isActive && actorId === id) throw new AppError('user.cannot_deactivate_self', 409);
      return toUserDto(
        await inTransaction(db, async (trx) => {
          const before = await requireUser(trx, id);
          if (!isActive) {
            await assertNotLastAdmin(trx, before);
            await repo.deleteUserSessions(trx, id);
          }
          const after = await repo.updateUser(trx, id, {
            isActive: isActive ? 1 : 0,
            updatedAt: isoNow(clock),
          });
          await event(trx, actorId, isActive ? 'user.activated' : 'user.deactivated', id);
          return after;
        }),
      );
    },

    /** Admin reset: a new temporary password, forced change at next login, every session ended. */
    async resetPassword(actorId: number, id: number): Promise<{ user: UserDto; temporaryPassword: string }> {
      const temporaryPassword = generateTemporaryPassword();
      const passwordHash = await hashPassword(temporaryPassword);
      const user = await inTransaction(db, async (trx) => {
        await requireUser(trx, id);
        await repo.deleteUserSessions(trx, id);
        const after = await repo.updateUser(trx, id, {
          passwordHash,
          mustChangePassword: 1,
          updatedAt: isoNow(clock),
        });
        await event(trx, actorId, 'user.password_reset', id);
        await notifier?.passwordReset(trx, after);
        return after;
      });
      return { user: toUserDto(user), temporaryPassword };
    },

    /** Own password change; optionally ends the user's other sessions (devices). */
    async changeOwnPassword(userId: number, sessionId: number, input: ChangePassword): Promise<UserDto> {
      const user = await requireUser(db, userId);
      if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
        throw new AppError('auth.wrong_current_password', 400);
      }
      if (input.newPassword === input.currentPassword) {
        throw new AppError('auth.weak_password', 400, 'Новый пароль должен отличаться от текущего.', [
          {
            path: 'newPassword',
            code: 'same_as_current',
            message: 'Новый пароль должен отличаться от текущего.',
          },
        ]);
      }
      assertPasswordAcceptable(input.newPassword, user.username);
      const passwordHash = await hashPassword(input.newPassword);
      return toUserDto(
        await inTransaction(db, async (trx) => {
          const now = isoNow(clock);
          if (input.endOtherSessions) await repo.deleteUserSessions(trx, userId, sessionId);
          const after = await repo.updateUser(trx, userId, {
            passwordHash,
            mustChangePassword: 0,
            passwordChangedAt: now,
            updatedAt: now,
          });
          await event(trx, userId, 'user.password_changed', userId, {
            endOtherSessions: !!input.endOtherSessions,
          });
          return after;
        }),
      );
    },

    async updateOwnProfile(userId: number, patch: UpdateOwnProfile): Promise<UserDto> {
      const { notificationsEnabled, ...rest } = patch;
      const changes = {
        ...rest,
        ...(notificationsEnabled === undefined ? {} : { notificationsEnabled: notificationsEnabled ? 1 : 0 }),
        updatedAt: isoNow(clock),
      };
      return toUserDto(await repo.updateUser(db, userId, changes));
    },

    /** First start: when there is no user at all, an administrator with a one-time password. */
    async ensureInitialAdmin(): Promise<{ username: string; password: string } | null> {
      const password = generateTemporaryPassword();
      const created = await inTransaction(db, async (trx) => {
        if ((await repo.countUsers(trx)) > 0) return null;
        const user = await insertNewUser(
          trx,
          { username: 'admin', fullName: 'Администратор', role: 'admin' },
          password,
          true,
        );
        await event(trx, null, 'user.created', user.id, {
          username: 'admin',
          role: 'admin',
          via: 'first-start',
        });
        return user;
      });
      return created ? { username: created.username, password } : null;
    },
  };
}
