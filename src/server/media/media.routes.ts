import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AttachmentParamsSchema,
  AttachmentResponseSchema,
  AttachmentUploadQuerySchema,
  AuditUuidParamsSchema,
} from '../../shared/audits/audits.schema.js';
import { MAX_PHOTO_BYTES } from '../../shared/audits/limits.js';
import { AppError, notFound } from '../errors.js';
import { authenticated, currentUser } from '../plugins/session.js';
import type { MediaService } from './media.service.js';
import type { MediaVariant } from './storage.js';

export interface MediaRoutesOptions {
  media: MediaService;
  mediaDir: string;
  /** nginx `internal` location prefix, or null to stream from Node. */
  accelRedirect: string | null;
}

export const mediaRoutes: FastifyPluginAsyncZod<MediaRoutesOptions> = async (app, opts) => {
  const { media } = opts;
  // Upload bodies are raw image bytes: hand the stream to the storage code instead of parsing it.
  // The real type is decided by decoding, so any declared Content-Type is accepted here.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  app.post(
    '/api/audits/:uuid/attachments',
    {
      preHandler: authenticated,
      // The exact 8 MB limit is enforced while streaming; this only caps what Fastify accepts.
      bodyLimit: MAX_PHOTO_BYTES + 256 * 1024,
      schema: {
        params: AuditUuidParamsSchema,
        querystring: AttachmentUploadQuerySchema,
        response: { 200: AttachmentResponseSchema, 201: AttachmentResponseSchema },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (!(body instanceof Readable)) throw new AppError('media.not_image', 415);
      try {
        const { attachment, created } = await media.upload(
          currentUser(request),
          request.params.uuid,
          request.query,
          body,
        );
        return reply.status(created ? 201 : 200).send({ attachment });
      } catch (error) {
        body.resume(); // drain what was not read so the error answer reaches the client
        throw error;
      }
    },
  );

  const variants: Array<[string, MediaVariant]> = [
    ['', 'original'],
    ['/thumb', 'thumb'],
    ['/preview', 'preview'],
  ];
  for (const [suffix, variant] of variants) {
    app.get(
      `/api/attachments/:uuid${suffix}`,
      { preHandler: authenticated, schema: { params: AttachmentParamsSchema } },
      async (request, reply) => {
        const file = await media.download(currentUser(request), request.params.uuid, variant);
        reply
          .header('content-type', file.mime)
          .header('content-disposition', `inline; filename="${file.fileName}"`)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, max-age=86400');
        if (opts.accelRedirect) {
          // nginx serves the file from its `internal` location; Node sends headers only.
          return reply.header('x-accel-redirect', `${opts.accelRedirect}/${file.key}`).send();
        }
        const filePath = path.join(opts.mediaDir, file.key);
        const info = await stat(filePath).catch(() => null);
        if (!info) throw notFound('media.not_found');
        return reply.header('content-length', info.size).send(createReadStream(filePath));
      },
    );
  }

  app.delete(
    '/api/attachments/:uuid',
    { preHandler: authenticated, schema: { params: AttachmentParamsSchema } },
    async (request, reply) => {
      await media.remove(currentUser(request), request.params.uuid);
      return reply.status(204).send();
    },
  );
};
