import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import type { Config } from '../config.js';

/**
 * Security headers (DESIGN §4): CSP self only, no framing, nosniff, same-origin referrer, HSTS on HTTPS.
 * The headers do not vary per request (no nonces), so helmet runs once, at start, against a recorder,
 * and each request gets the recorded set as Fastify reply headers. Running helmet's 13 middlewares
 * per request cost ≈ 5 µs of a cached answer, and headers set on the raw response made Node
 * validate Fastify's own headers a second time when writing the head (bench/README.md).
 */
export async function registerSecurityHeaders(app: FastifyInstance, config: Config): Promise<void> {
  const applyHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets style attributes at run time; scripts stay strictly 'self'.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
    hsts: config.secureCookies ? { maxAge: 31536000, includeSubDomains: true } : false,
  });
  const headers = recordHeaders(applyHeaders);
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(headers);
    // Authenticated API answers must not sit in shared or browser caches; a route that may be cached
    // (photos, the offline snapshot's ETag) sets its own, which replaces this one.
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    done();
  });
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** What a middleware sets and removes on a response, as a header object (names lower-case). */
export function recordHeaders(middleware: Middleware): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      return recorder;
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let finished = false;
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    if (error) throw error;
    finished = true;
  });
  // helmet calls next synchronously; anything else would mean it now needs a real request.
  if (!finished) throw new Error('security headers: the middleware did not finish synchronously');
  return Object.freeze(headers);
}
