import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ApiErrorBody, ApiErrorDetail } from '../../shared/errors.js';
import { messageFor } from '../../shared/errors.js';
import { AppError } from '../errors.js';

const FASTIFY_CODES: Record<string, { code: string; status: number }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'request.invalid_json', status: 400 },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'request.invalid_json', status: 400 },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'request.too_large', status: 413 },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'request.unsupported_media_type', status: 415 },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'request.invalid_json', status: 400 },
};

const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);
const UNIQUE_CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY', '23505']);

function body(requestId: string, code: string, message: string, details?: unknown): ApiErrorBody {
  return details === undefined
    ? { error: { code, message }, requestId }
    : { error: { code, message, details }, requestId };
}

function fieldLabel(instancePath: string, where: string | undefined): string {
  const p = instancePath.replace(/^\//, '').replaceAll('/', '.');
  if (p) return p;
  return where === 'querystring' ? 'параметры запроса' : 'тело запроса';
}

/**
 * URLs the router refuses before any route or hook runs (malformed %-encoding: 400; a path
 * parameter over the length limit: 414): the same error body as everywhere else, not Fastify's own.
 */
export function frameworkErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
  // Sent before the app's hooks exist for this request: add the headers helmet would have added.
  void reply
    .status(status)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(body(request.id, 'request.invalid_url', messageFor('request.invalid_url')));
}

/**
 * One error handler: AppError → its status and code; zod validation → 400 validation.failed with a
 * Russian message per field; Fastify's own client errors → mapped codes; anything else → logged 500.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.status).send(body(request.id, error.code, error.message, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = (error as FastifyError).validationContext;
      const details: ApiErrorDetail[] = error.validation.map((v) => ({
        path: fieldLabel(v.instancePath, where),
        code: String(v.keyword),
        message: v.message ?? 'Некорректное значение.',
      }));
      const summary = details.map((d) => `${d.path}: ${d.message}`).join('; ');
      return reply
        .status(400)
        .send(
          body(request.id, 'validation.failed', `${messageFor('validation.failed')} ${summary}`, details),
        );
    }
    const fastifyError = error as FastifyError;
    const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
    if (mapped)
      return reply.status(mapped.status).send(body(request.id, mapped.code, messageFor(mapped.code)));
    if (fastifyError.statusCode === 429) {
      return reply
        .status(429)
        .send(body(request.id, 'request.rate_limited', messageFor('request.rate_limited')));
    }
    if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      const code = fastifyError.statusCode === 413 ? 'request.too_large' : 'request.invalid';
      return reply
        .status(fastifyError.statusCode)
        .send(body(request.id, code, messageFor(code, 'Некорректный запрос.')));
    }
    if (UNIQUE_CODES.has(String((error as NodeJS.ErrnoException).code))) {
      // Two requests raced to create the same thing (DESIGN §2: constraint violations are 409).
      request.log.warn({ err: error }, 'unique constraint');
      return reply.status(409).send(body(request.id, 'request.conflict', messageFor('request.conflict')));
    }
    if (DISK_FULL_CODES.has(String((error as NodeJS.ErrnoException).code))) {
      request.log.error({ err: error }, 'disk full');
      return reply.status(507).send(body(request.id, 'server.disk_full', messageFor('server.disk_full')));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(body(request.id, 'server.internal', messageFor('server.internal')));
  });
}
