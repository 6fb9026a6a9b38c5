import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ZodType } from 'zod';
import { createTestApp } from '../helpers/app.js';
import { ROUTE_POLICIES } from './route-policies.js';
import { hostileBody, nastyValue } from './support/body-arbitraries.js';
import { dbFingerprint } from './support/db-state.js';
import { createGuard, FUZZ_SEED } from './support/fuzz.js';
import { fillPath, type LiveRoute, liveRoutes, resetRecordedRoutes } from './support/route-table.js';
import { type Actor, buildWorld } from './support/world.js';

vi.mock('fastify', async (original) =>
  (await import('./support/route-table.js')).recordingFastify(await original()),
);

/*
 * Path parameters and query strings of every route: ids replaced by hostile text (negative, huge,
 * 1e308, hex, traversal, unicode, NUL, very long), list filters generated from each route's
 * querystring schema and then spoiled, raw malformed query strings. Never a 5xx, every refusal a
 * coded JSON error, a refusal writes nothing, and a GET never writes at all.
 */

resetRecordedRoutes();
const t = await createTestApp();
const routes = liveRoutes().filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
const w = await buildWorld(t);
const guard = createGuard(t);
afterAll(() => t.close());

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);

function actorFor(route: LiveRoute): Actor {
  const access = ROUTE_POLICIES[route.key]?.access;
  return (['auditorA', 'admin', 'anonymous'] as const).find((a) => access?.[a] === 'allow') ?? 'anonymous';
}

function headersFor(route: LiveRoute, actor: Actor): Record<string, string> {
  const session = w.sessions[actor];
  const headers: Record<string, string> = {};
  if (session.cookie) headers.cookie = session.cookie;
  if (session.csrf && route.method !== 'GET' && route.method !== 'HEAD')
    headers['x-csrf-token'] = session.csrf;
  return headers;
}

const hostileText = fc.oneof(
  fc.constantFrom(
    '-1',
    '0',
    '1e308',
    '9999999999999999999999',
    '0x10',
    '1.5',
    'NaN',
    'null',
    '..%2F..%2Fetc%2Fpasswd',
    '%00',
    '%FF%FE',
    '%E2%80%AE',
    '%F0%9F%98%80',
    '<script>',
    "1' OR '1'='1",
    'x'.repeat(300),
  ),
  nastyValue.map((v) =>
    encodeURIComponent((typeof v === 'string' ? v : (JSON.stringify(v) ?? '')).slice(0, 300)),
  ),
);

function queryOf(value: unknown): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return `q=${encodeURIComponent(String(JSON.stringify(value)))}`;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(value)) {
    if (Array.isArray(v)) for (const item of v) params.append(k, String(item));
    else params.append(k, typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
  }
  return params.toString();
}

function isZod(value: unknown): value is ZodType {
  return typeof value === 'object' && value !== null && 'safeParse' in value;
}

describe('fuzzing path parameters and query strings', () => {
  it('covers the routes with parameters and the list filters', () => {
    expect(routes.filter((r) => r.url.includes(':')).length).toBeGreaterThan(40);
    expect(routes.filter((r) => isZod(r.schema?.querystring)).length).toBeGreaterThan(5);
  });

  for (const route of routes) {
    const policy = ROUTE_POLICIES[route.key];
    if (!policy) continue;
    const actor = actorFor(route);
    const names = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1] ?? '');
    const query = route.schema?.querystring;
    if (!names.length && !isZod(query)) continue;

    it(`${route.key} (as ${actor})`, async () => {
      const params = policy.params?.(w) ?? {};
      const pathArb = names.length
        ? fc
            .tuple(fc.constantFrom(...names), hostileText)
            .map(([name, value]) =>
              fillPath(route.url, { ...params, [name]: '\u0000' }).replace('%00', value),
            )
        : fc.constant(fillPath(route.url, params));
      const queryArb = isZod(query)
        ? fc.oneof(
            hostileBody(query).map(queryOf),
            fc.constantFrom(
              'a=%',
              'page=1e308&pageSize=-1',
              '__proto__[role]=admin',
              'a[b]=c',
              `search=${'щ'.repeat(3000)}`,
            ),
          )
        : fc.constant('');
      await fc.assert(
        fc.asyncProperty(pathArb, queryArb, fc.boolean(), async (path, qs, mutatePath) => {
          const url = `${mutatePath || !qs ? path : fillPath(route.url, params)}${qs ? `?${qs}` : ''}`;
          const before = route.method === 'GET' ? await dbFingerprint(t.ctx.db) : null;
          const { res, problem } = await guard.send(
            { method: route.method as 'GET', url, headers: headersFor(route, actor) },
            `${route.key} → ${url.slice(0, 120)}`,
          );
          if (problem) throw new Error(problem);
          if (before) {
            const after = await dbFingerprint(t.ctx.db);
            if (after.sum !== before.sum)
              throw new Error(`${url.slice(0, 120)}: a GET changed the database (${res.statusCode})`);
          }
        }),
        { seed: FUZZ_SEED, numRuns: RUNS, endOnFailure: true },
      );
    });
  }
});
