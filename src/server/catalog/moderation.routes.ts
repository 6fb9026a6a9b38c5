import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BuildingDtoSchema,
  BuildingResponseSchema,
  ElevatorDtoSchema,
  ElevatorResponseSchema,
  IdParamsSchema,
  MergeBuildingResultSchema,
  MergeElevatorResultSchema,
  MergeSchema,
  ModerationQueueSchema,
  RejectSchema,
} from '../../shared/catalog/catalog.schema.js';
import { adminOnly } from '../plugins/session.js';
import { viewerOf } from './catalog.routes.js';
import type { ModerationService } from './moderation.service.js';

export const moderationRoutes: FastifyPluginAsyncZod<{ moderation: ModerationService }> = async (
  app,
  { moderation },
) => {
  app.addHook('preHandler', adminOnly);

  app.get('/api/catalog/moderation', { schema: { response: { 200: ModerationQueueSchema } } }, () =>
    moderation.queue(),
  );

  const byId = { params: IdParamsSchema };

  app.post(
    '/api/catalog/buildings/:id/approve',
    { schema: { ...byId, response: { 200: BuildingResponseSchema } } },
    async (request) => ({ building: await moderation.approveBuilding(viewerOf(request), request.params.id) }),
  );
  app.post(
    '/api/catalog/buildings/:id/reject',
    { schema: { ...byId, body: RejectSchema, response: { 200: BuildingResponseSchema } } },
    async (request) => ({
      building: await moderation.rejectBuilding(viewerOf(request), request.params.id, request.body.reason),
    }),
  );
  app.post(
    '/api/catalog/buildings/:id/merge',
    { schema: { ...byId, body: MergeSchema, response: { 200: MergeBuildingResultSchema } } },
    (request) => moderation.mergeBuilding(viewerOf(request), request.params.id, request.body.targetId),
  );
  app.get(
    '/api/catalog/buildings/:id/duplicates',
    { schema: { ...byId, response: { 200: z.object({ items: z.array(BuildingDtoSchema) }) } } },
    async (request) => ({ items: await moderation.buildingCandidates(request.params.id) }),
  );

  app.post(
    '/api/catalog/elevators/:id/approve',
    { schema: { ...byId, response: { 200: ElevatorResponseSchema } } },
    async (request) => ({ elevator: await moderation.approveElevator(viewerOf(request), request.params.id) }),
  );
  app.post(
    '/api/catalog/elevators/:id/reject',
    { schema: { ...byId, body: RejectSchema, response: { 200: ElevatorResponseSchema } } },
    async (request) => ({
      elevator: await moderation.rejectElevator(viewerOf(request), request.params.id, request.body.reason),
    }),
  );
  app.post(
    '/api/catalog/elevators/:id/merge',
    { schema: { ...byId, body: MergeSchema, response: { 200: MergeElevatorResultSchema } } },
    (request) => moderation.mergeElevator(viewerOf(request), request.params.id, request.body.targetId),
  );
  app.get(
    '/api/catalog/elevators/:id/duplicates',
    { schema: { ...byId, response: { 200: z.object({ items: z.array(ElevatorDtoSchema) }) } } },
    async (request) => ({ items: await moderation.elevatorCandidates(request.params.id) }),
  );
};
