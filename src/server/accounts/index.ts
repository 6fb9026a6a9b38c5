import type { FastifyInstance } from 'fastify';
import { type Clock, isoNow } from '../clock.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/database.js';
import { createNotifier } from '../notifications/index.js';
import { registerSession } from '../plugins/session.js';
import { deleteExpiredSessions } from './accounts.repo.js';
import { authRoutes } from './auth.routes.js';
import { createSessionsService, type SessionsService } from './sessions.service.js';
import { usersRoutes } from './users.routes.js';
import { createUsersService, type UsersService } from './users.service.js';

export { toUserDto } from './user-dto.js';

/** Removes expired sessions; returns how many (`souzlift clearsessions`). */
export function clearExpiredSessions(db: Db, clock: Clock): Promise<number> {
  return deleteExpiredSessions(db, isoNow(clock));
}
export { createSessionsService, createUsersService, type SessionsService, type UsersService };

/** Accounts domain: sessions (with CSRF), login/logout/password, admin user management. */
export async function registerAccounts(app: FastifyInstance, ctx: AppContext): Promise<UsersService> {
  const sessions = createSessionsService({
    db: ctx.db,
    clock: ctx.clock,
    secret: ctx.sessionSecret,
    ttlDays: ctx.config.sessionTtlDays,
    maxFailuresPerUser: ctx.config.loginMaxFailuresPerUser,
    maxFailuresPerIp: ctx.config.loginMaxFailuresPerIp,
  });
  const notifier = createNotifier({ clock: ctx.clock, publicUrl: ctx.config.publicUrl });
  const users = createUsersService({ db: ctx.db, clock: ctx.clock, notifier });
  registerSession(app, ctx.config, sessions);
  await app.register(authRoutes, { config: ctx.config, sessions, users });
  await app.register(usersRoutes, { users });
  return users;
}
