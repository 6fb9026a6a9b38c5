import { createHmac, randomBytes } from 'node:crypto';
import type { Login } from '../../shared/accounts/accounts.schema.js';
import { type Clock, isoNow } from '../clock.js';
import { changeStamp, changeStampNow } from '../db/change-stamp.js';
import type { Db, SessionRow, UserRow } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../errors.js';
import * as repo from './accounts.repo.js';
import { LoginThrottle } from './login-throttle.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';

const DAY_MS = 24 * 60 * 60 * 1000;
// Sliding expiry is written at most this often, so reading pages does not write on every request.
const TOUCH_INTERVAL_MS = 10 * 60 * 1000;
// Sessions looked up recently (one per signed-in device; the oldest go first past this).
const RESOLVED_MAX = 2000;

export interface SessionsDeps {
  db: Db;
  clock: Clock;
  secret: string;
  ttlDays: number;
  maxFailuresPerUser: number;
  maxFailuresPerIp: number;
}

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface ActiveSession {
  session: SessionRow;
  user: UserRow;
  /**
   * The database change stamp this session was looked up under (db/change-stamp.ts), for the rest of
   * the request to reuse instead of reading it again; null when the lookup itself wrote (a renewal).
   */
  stamp: string | null;
}

export type SessionsService = ReturnType<typeof createSessionsService>;

export function createSessionsService(deps: SessionsDeps) {
  const { db, clock } = deps;
  const byUser = new LoginThrottle(clock, deps.maxFailuresPerUser);
  const byIp = new LoginThrottle(clock, deps.maxFailuresPerIp);
  const hashToken = (token: string) => createHmac('sha256', deps.secret).update(token).digest('hex');
  const expiry = (from: Date) => new Date(from.getTime() + deps.ttlDays * DAY_MS).toISOString();

  /**
   * Token → session and user, reused while the database is unchanged: the HMAC and two lookups were
   * about a fifth of a small API answer's CPU time. Valid only under the change stamp read before
   * the lookup (db/change-stamp.ts), so any commit — a logout, a role change, a deactivation, the CLI,
   * a session renewal — makes every entry stale; expiry is still checked against the clock each time.
   */
  const resolved = new Map<string, { stamp: string; found: repo.SessionWithUser }>();
  async function lookup(token: string): Promise<{ found: repo.SessionWithUser; stamp: string } | undefined> {
    const stamp = await changeStamp(db);
    const hit = resolved.get(token);
    if (hit?.stamp === stamp) return hit;
    const found = await repo.findSessionByTokenHash(db, hashToken(token));
    resolved.delete(token);
    if (!found) return undefined;
    resolved.set(token, { stamp, found });
    if (resolved.size > RESOLVED_MAX) resolved.delete(resolved.keys().next().value as string);
    return { found, stamp };
  }

  /** A found session as it stands at `now`: usable, over (expired, user deactivated), or due a renewal. */
  function liveSession(
    found: repo.SessionWithUser,
    stamp: string,
    now: Date,
  ): ActiveSession | null | 'renew' {
    if (found.session.expiresAt <= now.toISOString() || found.user.isActive !== 1) return null;
    if (now.getTime() - Date.parse(found.session.lastSeenAt) >= TOUCH_INTERVAL_MS) return 'renew';
    return { ...found, stamp };
  }

  async function openSession(
    conn: Db,
    userId: number,
    meta: RequestMeta,
  ): Promise<{ token: string; session: SessionRow }> {
    const token = randomBytes(32).toString('base64url');
    const now = clock.now();
    const session = await repo.insertSession(conn, {
      tokenHash: hashToken(token),
      userId,
      csrfSecret: randomBytes(24).toString('base64url'),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: expiry(now),
    });
    return { token, session };
  }

  return {
    hashToken,

    /**
     * Checks credentials and opens a fresh session (a new token every login: no fixation). Unknown
     * user and wrong password give the same error after the same scrypt work.
     */
    async login(input: Login, meta: RequestMeta, previousToken?: string) {
      const userKey = `u:${repo.usernameKey(input.username)}`;
      const ipKey = `ip:${meta.ip ?? 'unknown'}`;
      if (byUser.isBlocked(userKey) || byIp.isBlocked(ipKey)) {
        throw new AppError('auth.too_many_attempts', 429);
      }
      const user = await repo.findUserByUsername(db, input.username);
      const isValid = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash));
      if (!user || !isValid || user.isActive !== 1) {
        byUser.recordFailure(userKey);
        byIp.recordFailure(ipKey);
        throw new AppError('auth.invalid_credentials', 401);
      }
      byUser.reset(userKey);
      return inTransaction(db, async (trx) => {
        if (previousToken) {
          const old = await repo.findSessionByTokenHash(trx, hashToken(previousToken));
          if (old) await repo.deleteSession(trx, old.session.id);
        }
        const loggedIn = await repo.updateUser(trx, user.id, { lastLoginAt: isoNow(clock) });
        const opened = await openSession(trx, user.id, meta);
        return { user: loggedIn, ...opened };
      });
    },

    /** The live session for a cookie token, renewed (sliding expiry); null when absent or expired. */
    async resolve(token: string): Promise<ActiveSession | null> {
      const looked = await lookup(token);
      if (!looked) return null;
      const { found, stamp } = looked;
      const now = clock.now();
      const live = liveSession(found, stamp, now);
      if (live !== 'renew') return live;
      const renewed = { lastSeenAt: now.toISOString(), expiresAt: expiry(now) };
      await repo.touchSession(db, found.session.id, renewed.lastSeenAt, renewed.expiresAt);
      return { user: found.user, session: { ...found.session, ...renewed }, stamp: null };
    },

    /**
     * `resolve` without waiting, for the request hook: the answer when this token was looked up under
     * the current stamp and no renewal is due (nearly every request of a signed-in user); undefined
     * when only `resolve` can tell. Saves the promise round trips of a request that needs no I/O.
     */
    resolveNow(token: string): ActiveSession | null | undefined {
      const stamp = changeStampNow(db);
      const hit = resolved.get(token);
      if (stamp === null || hit?.stamp !== stamp) return undefined;
      const live = liveSession(hit.found, stamp, clock.now());
      return live === 'renew' ? undefined : live;
    },

    async logout(sessionId: number): Promise<void> {
      await repo.deleteSession(db, sessionId);
    },

    openSession,
  };
}
