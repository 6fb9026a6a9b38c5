import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AdminUpdateAuditSchema,
  AuditDetailResponseSchema,
  AuditListSchema,
  AuditUuidParamsSchema,
  CreateAuditSchema,
  ListAuditsQuerySchema,
  PatchObjectInfoSchema,
  ResponseParamsSchema,
  SaveResponseResultSchema,
  SaveResponseSchema,
} from '../../shared/audits/audits.schema.js';
import type { ReadCache } from '../plugins/read-cache.js';
import { adminOnly, authenticated, currentUser } from '../plugins/session.js';
import type { AuditsService } from './audits.service.js';
import { auditDetailSerializerCompiler as serializerCompiler } from './detail-serializer.js';

const detail = { 200: AuditDetailResponseSchema };

export const auditsRoutes: FastifyPluginAsyncZod<{ audits: AuditsService; readCache: ReadCache }> = async (
  app,
  { audits, readCache },
) => {
  app.post(
    '/api/audits',
    {
      preHandler: authenticated,
      schema: {
        body: CreateAuditSchema,
        response: { 200: AuditDetailResponseSchema, 201: AuditDetailResponseSchema },
      },
      serializerCompiler,
    },
    async (request, reply) => {
      const { audit, created } = await audits.create(currentUser(request), request.body);
      return reply.status(created ? 201 : 200).send({ audit });
    },
  );

  app.get(
    '/api/audits',
    {
      onRequest: readCache.lookup,
      preHandler: authenticated,
      schema: { querystring: ListAuditsQuerySchema, response: { 200: AuditListSchema } },
    },
    (request) => audits.list(currentUser(request), request.query),
  );

  app.get(
    '/api/audits/:uuid',
    {
      onRequest: readCache.lookup,
      preHandler: authenticated,
      schema: { params: AuditUuidParamsSchema, response: detail },
      serializerCompiler,
    },
    async (request) => ({ audit: await audits.getDetail(currentUser(request), request.params.uuid) }),
  );

  app.put(
    '/api/audits/:uuid/responses/:questionId',
    {
      preHandler: authenticated,
      schema: {
        params: ResponseParamsSchema,
        body: SaveResponseSchema,
        response: { 200: SaveResponseResultSchema },
      },
    },
    (request) =>
      audits.saveResponse(currentUser(request), request.params.uuid, request.params.questionId, request.body),
  );

  app.patch(
    '/api/audits/:uuid/object-info',
    {
      preHandler: authenticated,
      schema: { params: AuditUuidParamsSchema, body: PatchObjectInfoSchema, response: detail },
      serializerCompiler,
    },
    async (request) => ({
      audit: await audits.patchObjectInfo(currentUser(request), request.params.uuid, request.body.objectInfo),
    }),
  );

  app.post(
    '/api/audits/:uuid/submit',
    {
      preHandler: authenticated,
      schema: { params: AuditUuidParamsSchema, response: detail },
      serializerCompiler,
    },
    async (request) => ({ audit: await audits.submit(currentUser(request), request.params.uuid) }),
  );

  app.patch(
    '/api/audits/:uuid',
    {
      preHandler: adminOnly,
      schema: { params: AuditUuidParamsSchema, body: AdminUpdateAuditSchema, response: detail },
      serializerCompiler,
    },
    async (request) => ({
      audit: await audits.updateMetadata(currentUser(request), request.params.uuid, request.body),
    }),
  );

  app.post(
    '/api/audits/:uuid/review',
    {
      preHandler: adminOnly,
      schema: { params: AuditUuidParamsSchema, response: detail },
      serializerCompiler,
    },
    async (request) => ({ audit: await audits.review(currentUser(request), request.params.uuid) }),
  );
};
