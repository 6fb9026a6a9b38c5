import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ActiveSession, SessionsService } from '../accounts/sessions.service.js';
import type { Config } from '../config.js';
import type { UserRow } from '../db/database.js';
import { AppError } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    auth: ActiveSession | null;
  }
  interface FastifyContextConfig {
    /** Login only: it has no session token yet; the Origin check and SameSite=Lax still apply. */
    csrfExempt?: boolean;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function sessionCookieName(config: Config): string {
  // The __Host- prefix pins the cookie to this host over HTTPS, path /, no Domain.
  return config.secureCookies ? '__Host-sid' : 'sid';
}

export function setSessionCookie(
  reply: FastifyReply,
  config: Config,
  token: string,
  expiresAt: string,
): void {
  reply.setCookie(sessionCookieName(config), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(sessionCookieName(config), {
    path: '/',
    secure: config.secureCookies,
    httpOnly: true,
    sameSite: 'lax',
  });
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function expectedOrigins(config: Config, request: FastifyRequest): Set<string> {
  const origins = new Set([new URL(config.publicUrl).origin]);
  // Behind nginx or on another port in development: the host the browser actually used.
  origins.add(`${request.protocol}://${request.host}`);
  return origins;
}

/**
 * Resolves the session cookie into `request.auth` and enforces CSRF on unsafe API requests:
 * a same-origin `Origin` (when sent) and, with a session, the session's `X-CSRF-Token`.
 */
export function registerSession(app: FastifyInstance, config: Config, sessions: SessionsService): void {
  app.decorateRequest('auth', null);
  const cookieName = sessionCookieName(config);

  const settle = (request: FastifyRequest, auth: ActiveSession | null): void => {
    request.auth = auth;
    if (!UNSAFE.has(request.method)) return;
    const origin = request.headers.origin;
    if (origin && !expectedOrigins(config, request).has(origin))
      throw new AppError('csrf.origin_mismatch', 403);
    if (auth && !request.routeOptions.config.csrfExempt) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !sameSecret(header, auth.session.csrfSecret)) {
        throw new AppError('csrf.invalid', 403);
      }
    }
  };

  // Callback style: a session already looked up under the current stamp is settled without a
  // promise (sessions.resolveNow); only a first lookup or a renewal waits. A CSRF refusal thrown on
  // the synchronous path is caught by Fastify's hook runner like one passed to `done`.
  app.addHook('onRequest', (request, _reply, done) => {
    if (!request.url.startsWith('/api/')) return done();
    const token = request.cookies[cookieName];
    const known = token ? sessions.resolveNow(token) : null;
    if (known !== undefined || !token) {
      settle(request, known ?? null);
      return done();
    }
    sessions.resolve(token).then((auth) => {
      let refused: Error | undefined;
      try {
        settle(request, auth);
      } catch (error) {
        refused = error as Error;
      }
      done(refused);
    }, done);
  });
}

/** Guards, used as route `preHandler`s. */
export function requireUser(request: FastifyRequest): UserRow {
  if (!request.auth) throw new AppError('auth.unauthenticated', 401);
  return request.auth.user;
}

export async function authenticated(request: FastifyRequest): Promise<void> {
  const user = requireUser(request);
  if (user.mustChangePassword === 1) throw new AppError('auth.password_change_required', 403);
}

export async function adminOnly(request: FastifyRequest): Promise<void> {
  await authenticated(request);
  if (request.auth?.user.role !== 'admin') throw new AppError('auth.forbidden', 403);
}

/** Logged in, even with a temporary password still to change (the auth endpoints themselves). */
export async function anySession(request: FastifyRequest): Promise<void> {
  requireUser(request);
}

/** The signed-in user of a guarded route. */
export function currentUser(request: FastifyRequest): UserRow {
  return requireUser(request);
}

export function currentSessionId(request: FastifyRequest): number {
  if (!request.auth) throw new AppError('auth.unauthenticated', 401);
  return request.auth.session.id;
}
