import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { APP_VERSION } from '../config.js';

/**
 * OpenAPI description of every route, generated from the same zod schemas that validate requests,
 * at /api/docs (UI) and /api/docs/json. Served by the app itself: no CDN. Registered at the root so
 * it sees every route, the health checks included.
 */
export async function registerApiDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Союзлифт Аудит API',
        version: APP_VERSION,
        description:
          'JSON API. Небезопасные запросы требуют заголовок X-CSRF-Token (из /api/auth/login или /api/auth/me). ' +
          'Ошибки: {error:{code,message,details},requestId}.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sid' } },
      },
    },
    transform: jsonSchemaTransform,
  });
}

/**
 * The docs UI and /api/docs/json, inside the application's hook chain. The UI loads only its own
 * files (no inline script), so the app's strict CSP applies unchanged.
 */
export async function registerApiDocsUi(app: FastifyInstance): Promise<void> {
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
}
