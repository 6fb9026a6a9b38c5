import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AutocompleteQuerySchema,
  AutocompleteResponseSchema,
  BuildingDetailSchema,
  BuildingListSchema,
  BuildingResponseSchema,
  CitiesResponseSchema,
  CreateBuildingSchema,
  CreateElevatorSchema,
  ElevatorListSchema,
  ElevatorResponseSchema,
  IdParamsSchema,
  ListBuildingsQuerySchema,
  ListElevatorsQuerySchema,
  UpdateBuildingSchema,
  UpdateElevatorSchema,
} from '../../shared/catalog/catalog.schema.js';
import type { ReadCache } from '../plugins/read-cache.js';
import { adminOnly, authenticated, currentUser } from '../plugins/session.js';
import type { Viewer } from './catalog.repo.js';
import type { CatalogService } from './catalog.service.js';

export function viewerOf(request: FastifyRequest): Viewer {
  const user = currentUser(request);
  return { id: user.id, role: user.role };
}

export const catalogRoutes: FastifyPluginAsyncZod<{ catalog: CatalogService; readCache: ReadCache }> = async (
  app,
  { catalog, readCache },
) => {
  app.get(
    '/api/buildings',
    {
      preHandler: authenticated,
      schema: { querystring: ListBuildingsQuerySchema, response: { 200: BuildingListSchema } },
    },
    (request) => catalog.listBuildings(viewerOf(request), request.query),
  );

  app.get(
    '/api/buildings/autocomplete',
    {
      preHandler: authenticated,
      schema: { querystring: AutocompleteQuerySchema, response: { 200: AutocompleteResponseSchema } },
    },
    async (request) => ({ items: await catalog.autocomplete(viewerOf(request), request.query.q) }),
  );

  app.get(
    '/api/buildings/cities',
    { preHandler: authenticated, schema: { response: { 200: CitiesResponseSchema } } },
    async (request) => ({ items: await catalog.cities(viewerOf(request)) }),
  );

  app.post(
    '/api/buildings',
    {
      preHandler: authenticated,
      schema: { body: CreateBuildingSchema, response: { 201: BuildingResponseSchema } },
    },
    async (request, reply) =>
      reply.status(201).send({ building: await catalog.createBuilding(viewerOf(request), request.body) }),
  );

  app.get(
    '/api/buildings/:id',
    {
      preHandler: authenticated,
      schema: { params: IdParamsSchema, response: { 200: BuildingDetailSchema } },
    },
    (request) => catalog.getBuilding(viewerOf(request), request.params.id),
  );

  app.patch(
    '/api/buildings/:id',
    {
      preHandler: authenticated,
      schema: {
        params: IdParamsSchema,
        body: UpdateBuildingSchema,
        response: { 200: BuildingResponseSchema },
      },
    },
    async (request) => ({
      building: await catalog.updateBuilding(viewerOf(request), request.params.id, request.body),
    }),
  );

  app.get(
    '/api/elevators',
    {
      onRequest: readCache.lookup,
      preHandler: authenticated,
      schema: { querystring: ListElevatorsQuerySchema, response: { 200: ElevatorListSchema } },
    },
    (request) => catalog.listElevators(viewerOf(request), request.query),
  );

  app.post(
    '/api/elevators',
    {
      preHandler: authenticated,
      schema: { body: CreateElevatorSchema, response: { 201: ElevatorResponseSchema } },
    },
    async (request, reply) =>
      reply.status(201).send({ elevator: await catalog.createElevator(viewerOf(request), request.body) }),
  );

  app.get(
    '/api/elevators/:id',
    {
      preHandler: authenticated,
      schema: { params: IdParamsSchema, response: { 200: ElevatorResponseSchema } },
    },
    async (request) => ({ elevator: await catalog.getElevator(viewerOf(request), request.params.id) }),
  );

  app.patch(
    '/api/elevators/:id',
    {
      preHandler: authenticated,
      schema: {
        params: IdParamsSchema,
        body: UpdateElevatorSchema,
        response: { 200: ElevatorResponseSchema },
      },
    },
    async (request) => ({
      elevator: await catalog.updateElevator(viewerOf(request), request.params.id, request.body),
    }),
  );

  app.post(
    '/api/elevators/:id/decommission',
    { preHandler: adminOnly, schema: { params: IdParamsSchema, response: { 200: ElevatorResponseSchema } } },
    async (request) => ({
      elevator: await catalog.setElevatorStatus(viewerOf(request), request.params.id, 'decommissioned'),
    }),
  );

  app.post(
    '/api/elevators/:id/recommission',
    { preHandler: adminOnly, schema: { params: IdParamsSchema, response: { 200: ElevatorResponseSchema } } },
    async (request) => ({
      elevator: await catalog.setElevatorStatus(viewerOf(request), request.params.id, 'active'),
    }),
  );
};
