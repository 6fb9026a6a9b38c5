import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AnnouncementDtoSchema,
  AnnouncementIdParamsSchema,
  AnnouncementInputSchema,
  AnnouncementListSchema,
  SupportInfoSchema,
  UpdateAnnouncementSchema,
} from '../../shared/announcements/announcements.schema.js';
import { APP_VERSION } from '../config.js';
import { adminOnly, anySession, currentUser } from '../plugins/session.js';
import type { AnnouncementsService } from './announcements.service.js';

const one = { 200: z.object({ announcement: AnnouncementDtoSchema }) };

export const announcementsRoutes: FastifyPluginAsyncZod<{
  announcements: AnnouncementsService;
  support: { email: string; phone: string };
}> = async (app, { announcements, support }) => {
  // Public: a user who cannot log in still needs to find out whom to call.
  app.get('/api/support', { schema: { response: { 200: SupportInfoSchema } } }, async () => ({
    email: support.email,
    phone: support.phone,
    version: APP_VERSION,
  }));

  // Every signed-in user, even one who still has to change a temporary password, sees the banner.
  app.get(
    '/api/announcements/active',
    { preHandler: anySession, schema: { response: { 200: AnnouncementListSchema } } },
    async () => ({ items: await announcements.listActive() }),
  );

  app.get(
    '/api/announcements',
    { preHandler: adminOnly, schema: { response: { 200: AnnouncementListSchema } } },
    async () => ({ items: await announcements.list() }),
  );

  app.post(
    '/api/announcements',
    {
      preHandler: adminOnly,
      schema: {
        body: AnnouncementInputSchema,
        response: { 201: z.object({ announcement: AnnouncementDtoSchema }) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ announcement: await announcements.create(currentUser(request).id, request.body) }),
  );

  app.patch(
    '/api/announcements/:id',
    {
      preHandler: adminOnly,
      schema: { params: AnnouncementIdParamsSchema, body: UpdateAnnouncementSchema, response: one },
    },
    async (request) => ({
      announcement: await announcements.update(currentUser(request).id, request.params.id, request.body),
    }),
  );

  app.delete(
    '/api/announcements/:id',
    { preHandler: adminOnly, schema: { params: AnnouncementIdParamsSchema } },
    async (request, reply) => {
      await announcements.remove(currentUser(request).id, request.params.id);
      return reply.status(204).send();
    },
  );
};
