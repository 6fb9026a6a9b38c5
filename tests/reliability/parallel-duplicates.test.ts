import { sql } from 'kysely';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createTestApp } from '../helpers/app.js';
import { ROUTE_POLICIES } from '../security/route-policies.js';
import { validBody } from '../security/support/body-arbitraries.js';
import { errorCodeOf } from '../security/support/fuzz.js';
import { bodySchemaOf, fillPath, liveRoutes, resetRecordedRoutes } from '../security/support/route-table.js';
import { buildWorld, clientOf, login } from '../security/support/world.js';

vi.mock('fastify', async (original) =>
  (await import('../security/support/route-table.js')).recordingFastify(await original()),
);

/*
 * A double tap or a retry on a bad network sends the same request several times at once. For every
 * unsafe JSON route of the live route table, five identical requests in parallel never produce a 5xx
 * (a race on a unique index is a coded 409, never an unhandled constraint error), and the database
 * passes integrity_check afterwards.
 */

resetRecordedRoutes();
const t = await createTestApp();
const routes = liveRoutes().filter(
  (r) =>
    bodySchemaOf(r) &&
    r.method !== 'GET' &&
    r.key !== 'POST /api/auth/login' &&
    r.key !== 'POST /api/auth/password',
);
const w = await buildWorld(t);
afterAll(() => t.close());

function actorFor(key: string): 'auditorA' | 'admin' {
  const access = ROUTE_POLICIES[key]?.access;
  return (['auditorA', 'admin'] as const).find((a) => access?.[a] === 'allow') ?? 'admin';
}

describe('identical requests in parallel', () => {
  it('never answer 5xx on any unsafe JSON route', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const policy = ROUTE_POLICIES[route.key];
      const schema = bodySchemaOf(route);
      if (!policy || !schema) continue;
      const actor = actorFor(route.key);
      const me = await clientOf(t, w.sessions[actor]).get('/api/auth/me');
      if (me.statusCode !== 200) w.sessions[actor] = await login(t, w.users[actor]);
      const body = policy.body?.(w, actor) ?? validBody(schema);
      const session = w.sessions[actor];
      const request = {
        method: route.method as 'POST',
        url: fillPath(route.url, policy.params?.(w) ?? {}),
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      };
      const answers = await Promise.all(Array.from({ length: 5 }, () => t.app.inject(request)));
      for (const res of answers) {
        if (res.statusCode >= 500) failures.push(`${route.key}: ${res.statusCode} ${res.body.slice(0, 160)}`);
        else if (res.statusCode >= 400 && !errorCodeOf(res))
          failures.push(`${route.key}: ${res.statusCode} without a code`);
      }
    }
    expect(routes.length).toBeGreaterThan(30);
    expect(failures).toEqual([]);
    const check = await sql<{ integrityCheck: string }>`pragma integrity_check`.execute(t.ctx.db);
    expect(check.rows).toEqual([{ integrityCheck: 'ok' }]);
  });
});
