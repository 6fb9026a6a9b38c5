import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateUserSchema,
  ListUsersQuerySchema,
  TemporaryPasswordSchema,
  UpdateUserSchema,
  UserDtoSchema,
  UserIdParamsSchema,
  UserListSchema,
} from '../../shared/accounts/accounts.schema.js';
import { adminOnly, currentUser } from '../plugins/session.js';
import type { UsersService } from './users.service.js';

const userResponse = { 200: z.object({ user: UserDtoSchema }) };

export const usersRoutes: FastifyPluginAsyncZod<{ users: UsersService }> = async (app, { users }) => {
  app.addHook('preHandler', adminOnly);

  app.get(
    '/api/users',
    { schema: { querystring: ListUsersQuerySchema, response: { 200: UserListSchema } } },
    (request) => users.list(request.query),
  );

  app.post(
    '/api/users',
    { schema: { body: CreateUserSchema, response: { 201: TemporaryPasswordSchema } } },
    async (request, reply) =>
      reply.status(201).send(await users.create(currentUser(request).id, request.body)),
  );

  app.get(
    '/api/users/:id',
    { schema: { params: UserIdParamsSchema, response: userResponse } },
    async (request) => ({
      user: await users.get(request.params.id),
    }),
  );

  app.patch(
    '/api/users/:id',
    { schema: { params: UserIdParamsSchema, body: UpdateUserSchema, response: userResponse } },
    async (request) => ({
      user: await users.update(currentUser(request).id, request.params.id, request.body),
    }),
  );

  app.post(
    '/api/users/:id/deactivate',
    { schema: { params: UserIdParamsSchema, response: userResponse } },
    async (request) => ({
      user: await users.setActive(currentUser(request).id, request.params.id, false),
    }),
  );

  app.post(
    '/api/users/:id/activate',
    { schema: { params: UserIdParamsSchema, response: userResponse } },
    async (request) => ({
      user: await users.setActive(currentUser(request).id, request.params.id, true),
    }),
  );

  app.post(
    '/api/users/:id/reset-password',
    { schema: { params: UserIdParamsSchema, response: { 200: TemporaryPasswordSchema } } },
    (request) => users.resetPassword(currentUser(request).id, request.params.id),
  );
};
