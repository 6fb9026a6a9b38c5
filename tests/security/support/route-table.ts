import type { FastifySchema, HTTPMethods, RouteOptions } from 'fastify';
import type { ZodType } from 'zod';

/*
 * The server's own route table, read while `buildApp` registers its routes: a test file mocks the
 * `fastify` factory with `recordingFastify`, which adds an `onRoute` hook to every instance before any
 * plugin runs. Nothing in `src/` knows about it, and a route added tomorrow is seen without any edit here.
 *
 *   vi.mock('fastify', async (original) =>
 *     (await import('./support/route-table.js')).recordingFastify(await original()));
 */

type FastifyModule = typeof import('fastify');

export interface LiveRoute {
  method: string;
  url: string;
  /** `METHOD /path` as written in route-policies.ts. */
  key: string;
  schema: FastifySchema | undefined;
}

const recorded: Array<{ method: string; url: string; schema: FastifySchema | undefined }> = [];

/** Wraps the `fastify` module so every instance records its routes (used inside `vi.mock`). */
export function recordingFastify(mod: FastifyModule): Record<string, unknown> {
  const original = mod.default as unknown as (opts?: object) => {
    addHook(name: 'onRoute', hook: (route: RouteOptions) => void): unknown;
  };
  function wrapped(opts?: object) {
    const app = original(opts);
    app.addHook('onRoute', (route) => {
      const methods: HTTPMethods[] = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) recorded.push({ method, url: route.url, schema: route.schema });
    });
    return app;
  }
  return { ...mod, default: wrapped };
}

/** Forget what earlier apps registered (call before building the app whose routes you want). */
export function resetRecordedRoutes(): void {
  recorded.length = 0;
}

/**
 * The routes registered since the last reset. HEAD twins Fastify adds for every GET are folded into
 * their GET (they run the same handler); a HEAD route of its own (the photo existence check) stays.
 */
export function liveRoutes(): LiveRoute[] {
  if (recorded.length === 0)
    throw new Error('no routes recorded: is vi.mock("fastify", recordingFastify) in place?');
  const gets = new Set(recorded.filter((r) => r.method === 'GET').map((r) => r.url));
  const seen = new Map<string, LiveRoute>();
  for (const r of recorded) {
    if (r.method === 'HEAD' && (gets.has(r.url) || gets.has(r.url.replace(/\/$/, '')))) continue;
    const key = `${r.method} ${r.url}`;
    if (!seen.has(key)) seen.set(key, { method: r.method, url: r.url, key, schema: r.schema });
  }
  return [...seen.values()];
}

function isZod(value: unknown): value is ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value && 'safeParse' in value;
}

/** The zod schema a route validates its JSON body with, if any. */
export function bodySchemaOf(route: LiveRoute): ZodType | undefined {
  const body = route.schema?.body;
  return isZod(body) ? body : undefined;
}

/** `/api/audits/:uuid/responses/:questionId` with `{uuid, questionId}` filled in (missing ones throw). */
export function fillPath(url: string, params: Record<string, string | number>): string {
  return url.replace(/:([A-Za-z]+|\*)/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${url}`);
    return encodeURIComponent(String(value));
  });
}
