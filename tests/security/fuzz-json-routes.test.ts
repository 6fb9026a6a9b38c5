import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createTestApp } from '../helpers/app.js';
import { ROUTE_POLICIES } from './route-policies.js';
import { brokenJson, hostileBody } from './support/body-arbitraries.js';
import { createGuard, errorCodeOf, FUZZ_SEED } from './support/fuzz.js';
import { bodySchemaOf, fillPath, liveRoutes, resetRecordedRoutes } from './support/route-table.js';
import { type Actor, buildWorld, clientOf, login } from './support/world.js';

vi.mock('fastify', async (original) =>
  (await import('./support/route-table.js')).recordingFastify(await original()),
);

/*
 * Every route with a JSON body schema gets generated and mutated bodies (wrong types, missing and
 * extra fields, huge strings, deep nesting, lone surrogates, RTL, zero-width, NUL, 1e308, negative
 * ids) as the most privileged actor its policy allows, on real objects, so the bodies reach the
 * service. Invariants: never a 5xx, every rejection a JSON error with a code, a rejection changes no
 * row, and nothing the route's own schema rejects is ever accepted. The sync batch and photo uploads
 * have their own files.
 */

resetRecordedRoutes();
const t = await createTestApp();
const routes = liveRoutes().filter((r) => bodySchemaOf(r) && r.url !== '/api/offline-sync/');
const w = await buildWorld(t);
const guard = createGuard(t);
afterAll(() => t.close());

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);

function actorFor(key: string): Actor {
  const access = ROUTE_POLICIES[key]?.access;
  const actor = (['auditorA', 'admin', 'anonymous'] as const).find((a) => access?.[a] === 'allow');
  if (!actor) throw new Error(`${key}: no actor may call it`);
  return actor;
}

async function freshSession(actor: Actor) {
  if (actor === 'anonymous') return { cookie: '', csrf: '' };
  const me = await clientOf(t, w.sessions[actor]).get('/api/auth/me');
  if (me.statusCode !== 200) w.sessions[actor] = await login(t, w.users[actor]);
  return w.sessions[actor];
}

let address = 0;
async function headersFor(actor: Actor) {
  const session = await freshSession(actor);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (session.cookie) headers.cookie = session.cookie;
  if (session.csrf) headers['x-csrf-token'] = session.csrf;
  address += 1;
  // The login throttle counts per address: a fresh one per run keeps the body checks reachable.
  return { headers, remoteAddress: `10.9.${(address >> 8) & 255}.${address & 255}` };
}

describe('fuzzing every JSON route from its own schema', () => {
  it('found the JSON routes of every domain', () => {
    const urls = routes.map((r) => r.url);
    for (const prefix of [
      '/api/auth',
      '/api/users',
      '/api/buildings',
      '/api/checklists',
      '/api/audits',
      '/api/announcements',
    ])
      expect(
        urls.some((u) => u.startsWith(prefix)),
        prefix,
      ).toBe(true);
  });

  for (const route of routes) {
    const schema = bodySchemaOf(route);
    const policy = ROUTE_POLICIES[route.key];
    if (!schema || !policy) continue;
    const actor = actorFor(route.key);
    const url = fillPath(route.url, policy.params?.(w) ?? {});

    it(`${route.key} (as ${actor}): no 5xx, coded rejections, nothing written on rejection`, async () => {
      let reached = 0;
      await fc.assert(
        fc.asyncProperty(hostileBody(schema, policy.body ? [policy.body(w, actor)] : []), async (body) => {
          const text = JSON.stringify(body);
          const sent: unknown = text === undefined ? undefined : JSON.parse(text);
          const { res, problem } = await guard.send(
            { method: route.method as 'POST', url, payload: text ?? '', ...(await headersFor(actor)) },
            route.key,
          );
          if (problem) throw new Error(problem);
          if (errorCodeOf(res) !== 'validation.failed') reached += 1;
          if (res.statusCode < 400 && !schema.safeParse(sent).success)
            throw new Error(`${route.key}: accepted a body its schema rejects: ${text?.slice(0, 200)}`);
        }),
        { seed: FUZZ_SEED, numRuns: RUNS, endOnFailure: true },
      );
      // Some bodies got past the schema into the service: the fuzzing is not stopped at the door.
      expect(reached, 'bodies that passed validation').toBeGreaterThan(0);
      await fc.assert(
        fc.asyncProperty(
          brokenJson,
          fc.constantFrom(
            'application/json',
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/xml',
            '',
          ),
          async (payload, contentType) => {
            const { headers, remoteAddress } = await headersFor(actor);
            if (contentType) headers['content-type'] = contentType;
            else delete (headers as Record<string, string | undefined>)['content-type'];
            const { problem } = await guard.send(
              { method: route.method as 'POST', url, payload, headers, remoteAddress },
              `${route.key} raw`,
            );
            if (problem) throw new Error(problem);
          },
        ),
        { seed: FUZZ_SEED, numRuns: 8, endOnFailure: true },
      );
    });
  }
});
