import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ChangePasswordSchema,
  LoginSchema,
  SessionInfoSchema,
  UpdateOwnProfileSchema,
  UserDtoSchema,
} from '../../shared/accounts/accounts.schema.js';
import type { Config } from '../config.js';
import {
  anySession,
  clearSessionCookie,
  currentSessionId,
  currentUser,
  sessionCookieName,
  setSessionCookie,
} from '../plugins/session.js';
import type { SessionsService } from './sessions.service.js';
import { toUserDto } from './user-dto.js';
import type { UsersService } from './users.service.js';

export interface AuthRoutesOptions {
  config: Config;
  sessions: SessionsService;
  users: UsersService;
}

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (
  app,
  { config, sessions, users },
) => {
  app.post(
    '/api/auth/login',
    { schema: { body: LoginSchema, response: { 200: SessionInfoSchema } }, config: { csrfExempt: true } },
    async (request, reply) => {
      const previous = request.cookies[sessionCookieName(config)];
      const { user, token, session } = await sessions.login(
        request.body,
        { ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
        previous,
      );
      setSessionCookie(reply, config, token, session.expiresAt);
      return { user: toUserDto(user), csrfToken: session.csrfSecret };
    },
  );

  app.get(
    '/api/auth/me',
    { preHandler: anySession, schema: { response: { 200: SessionInfoSchema } } },
    async (request) => {
      const auth = request.auth!;
      return { user: toUserDto(auth.user), csrfToken: auth.session.csrfSecret };
    },
  );

  app.post('/api/auth/logout', { preHandler: anySession }, async (request, reply) => {
    await sessions.logout(currentSessionId(request));
    clearSessionCookie(reply, config);
    return reply.status(204).send();
  });

  app.post(
    '/api/auth/password',
    {
      preHandler: anySession,
      schema: { body: ChangePasswordSchema, response: { 200: z.object({ user: UserDtoSchema }) } },
    },
    async (request) => {
      const user = await users.changeOwnPassword(
        currentUser(request).id,
        currentSessionId(request),
        request.body,
      );
      return { user };
    },
  );

  app.patch(
    '/api/auth/me',
    {
      preHandler: anySession,
      schema: { body: UpdateOwnProfileSchema, response: { 200: z.object({ user: UserDtoSchema }) } },
    },
    async (request) => ({ user: await users.updateOwnProfile(currentUser(request).id, request.body) }),
  );
};
