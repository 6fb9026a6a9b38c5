import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  IMPORT_MAX_BYTES,
  ImportApplyResultSchema,
  ImportLogListSchema,
  ImportLogQuerySchema,
  ImportPreviewSchema,
  XLSX_MIME,
} from '../../../shared/catalog/import.schema.js';
import { badRequest } from '../../errors.js';
import { adminOnly } from '../../plugins/session.js';
import { viewerOf } from '../catalog.routes.js';
import type { ImportService } from './import.service.js';

/** The uploaded file: the raw request body; its name in `X-File-Name` (URI-encoded for Cyrillic). */
function upload(request: FastifyRequest): { fileName: string; body: Buffer } {
  const body = request.body;
  if (!Buffer.isBuffer(body)) throw badRequest('catalog.import_empty');
  const header = request.headers['x-file-name'];
  let fileName = typeof header === 'string' && header ? header : 'catalog.csv';
  try {
    fileName = decodeURIComponent(fileName);
  } catch {
    // Not URI-encoded: keep as sent.
  }
  return { fileName: fileName.slice(0, 255), body };
}

export const importRoutes: FastifyPluginAsyncZod<{ imports: ImportService }> = async (app, { imports }) => {
  app.addContentTypeParser(
    ['text/csv', 'text/plain', XLSX_MIME, 'application/octet-stream', 'application/vnd.ms-excel'],
    { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES + 1024 },
    (_request, body, done) => done(null, body),
  );
  app.addHook('preHandler', adminOnly);

  app.post(
    '/api/catalog/import/preview',
    { schema: { response: { 200: ImportPreviewSchema } } },
    (request) => {
      const { fileName, body } = upload(request);
      return imports.preview(fileName, body);
    },
  );

  app.post(
    '/api/catalog/import/apply',
    { schema: { response: { 200: ImportApplyResultSchema } } },
    (request) => {
      const { fileName, body } = upload(request);
      return imports.apply(viewerOf(request), fileName, body);
    },
  );

  app.get(
    '/api/catalog/imports',
    { schema: { querystring: ImportLogQuerySchema, response: { 200: ImportLogListSchema } } },
    (request) => imports.log(request.query.page, request.query.pageSize),
  );
};
