import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_PHOTO_BYTES } from '../../shared/audits/limits.js';
import {
  AttachmentStoredSchema,
  AttachmentUuidParamsSchema,
  OfflineSnapshotSchema,
  SyncAppliedSchema,
  SyncBatchSchema,
  SyncRejectedSchema,
} from '../../shared/sync/sync.schema.js';
import { AppError } from '../errors.js';
import { acceptsGzip } from '../plugins/content-encoding.js';
import { authenticated, currentUser } from '../plugins/session.js';
import type { SyncAttachmentsService } from './attachments.service.js';
import type { BatchService } from './batch.service.js';
import { etagOf, type SnapshotService } from './snapshot.service.js';

const ApiErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  requestId: z.string(),
});

export interface SyncRoutesOptions {
  snapshots: SnapshotService;
  batches: BatchService;
  attachments: SyncAttachmentsService;
}

/** A batch of one audit with 150 answers and long comments stays well under this. */
const BATCH_BODY_LIMIT = 16 * 1024 * 1024;

export const syncRoutes: FastifyPluginAsyncZod<SyncRoutesOptions> = async (app, opts) => {
  const { snapshots, batches } = opts;

  app.get(
    '/api/offline/snapshot',
    {
      preHandler: authenticated,
      // 200 documents the body; the route sends the cached, already encoded JSON bytes itself.
      schema: { response: { 200: OfflineSnapshotSchema, 304: z.null() } },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const version = await snapshots.versionKey(user);
      const etag = etagOf(version);
      reply
        .header('etag', etag)
        .header('cache-control', 'private, no-cache')
        .header('vary', 'accept-encoding');
      const ifNoneMatch = request.headers['if-none-match'];
      if (ifNoneMatch?.split(',').some((v) => v.trim().replace(/^W\//, '') === etag)) {
        // send() without a payload: no body and no content-length (RFC 9110 §15.4.5); `null` would be
        // serialized to "null" and announced as `content-length: 4`.
        return reply.code(304).send(undefined as never);
      }
      const body = await snapshots.serialized(user, version);
      reply.type('application/json; charset=utf-8');
      if (acceptsGzip(request.headers['accept-encoding'])) {
        const gz = await body.gzipped();
        return reply.header('content-encoding', 'gzip').send(gz as never);
      }
      return reply.send(body.json as never);
    },
  );

  app.post(
    '/api/offline-sync/',
    {
      preHandler: authenticated,
      bodyLimit: BATCH_BODY_LIMIT,
      schema: {
        body: SyncBatchSchema,
        // 409 is either a locked audit (batch format) or `sync.batch_conflict` (the usual error body).
        response: {
          200: SyncAppliedSchema,
          409: z.union([SyncRejectedSchema, ApiErrorBodySchema]),
          422: SyncRejectedSchema,
        },
      },
    },
    async (request, reply) => {
      const outcome = await batches.receive(currentUser(request), request.body);
      return reply.status(outcome.httpStatus).send(outcome.body);
    },
  );

  await app.register(async (raw) => {
    // Photo bodies are raw bytes streamed into storage; the type is decided by decoding.
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    const typed = raw.withTypeProvider<ZodTypeProvider>();

    typed.put(
      '/api/offline-sync/attachments/:uuid',
      {
        preHandler: authenticated,
        bodyLimit: MAX_PHOTO_BYTES + 256 * 1024,
        schema: {
          params: AttachmentUuidParamsSchema,
          response: { 200: AttachmentStoredSchema, 201: AttachmentStoredSchema },
        },
      },
      async (request, reply) => {
        const body = request.body;
        if (!(body instanceof Readable)) throw new AppError('media.not_image', 415);
        const sha = request.headers['x-content-sha256'];
        try {
          const { created } = await opts.attachments.upload(
            currentUser(request),
            request.params.uuid,
            typeof sha === 'string' ? sha : undefined,
            body,
          );
          return reply.status(created ? 201 : 200).send({ uuid: request.params.uuid, status: 'stored' });
        } catch (error) {
          body.resume(); // drain what was not read so the error answer reaches the client
          throw error;
        }
      },
    );

    typed.head(
      '/api/offline-sync/attachments/:uuid',
      { preHandler: authenticated, schema: { params: AttachmentUuidParamsSchema } },
      async (request, reply) => {
        const stored = await opts.attachments.isStored(currentUser(request), request.params.uuid);
        return reply
          .status(stored ? 200 : 404)
          .header('cache-control', 'no-store')
          .send();
      },
    );
  });
};
