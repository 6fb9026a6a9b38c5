import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { messageFor } from '../../shared/errors.js';
import type { AppContext } from '../context.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built SPA: hashed files under /assets/ cached for a year, everything else revalidated;
 * any other GET that wants HTML gets index.html so client-side routes survive a reload.
 */
export async function registerWeb(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const root = ctx.config.clientDir;
  const hasClient = existsSync(path.join(root, 'index.html'));
  if (hasClient) {
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      // GET / is the SPA itself (without an index, @fastify/static answers a directory with 403).
      index: ['index.html'],
      wildcard: true,
      cacheControl: false,
      setHeaders: (res, filePath) => {
        const rel = path.relative(root, filePath);
        res.header('cache-control', rel.startsWith(`assets${path.sep}`) ? IMMUTABLE : 'no-cache');
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const wantsPage =
      hasClient &&
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      !request.url.startsWith('/assets/') &&
      (request.headers.accept ?? '').includes('text/html');
    if (wantsPage) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return reply.status(404).send({
      error: { code: 'request.not_found', message: messageFor('request.not_found') },
      requestId: request.id,
    });
  });
}
