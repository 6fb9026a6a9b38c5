import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { ROUTE_POLICIES, type RoutePolicy } from './route-policies.js';
import { validBody } from './support/body-arbitraries.js';
import { dbFingerprint } from './support/db-state.js';
import {
  bodySchemaOf,
  fillPath,
  type LiveRoute,
  liveRoutes,
  resetRecordedRoutes,
} from './support/route-table.js';
import { ACTORS, type Actor, buildWorld, clientOf, login, type World } from './support/world.js';

vi.mock('fastify', async (original) =>
  (await import('./support/route-table.js')).recordingFastify(await original()),
);

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const DENIALS = new Set([401, 403, 404]);

let t: TestApp;
let w: World;
let routes: LiveRoute[];

beforeAll(async () => {
  resetRecordedRoutes();
  t = await createTestApp();
  routes = liveRoutes();
  w = await buildWorld(t);
});
afterAll(() => t.close());

function requestFor(route: LiveRoute, policy: RoutePolicy, actor: Actor): InjectOptions & { url: string } {
  const path = fillPath(route.url.replace('*', ':*'), policy.params?.(w) ?? {});
  const url = policy.query ? `${path}?${policy.query(w)}` : path;
  const session = w.sessions[actor];
  const headers: Record<string, string> = {};
  if (session.cookie) headers.cookie = session.cookie;
  if (session.csrf && UNSAFE.has(route.method)) headers['x-csrf-token'] = session.csrf;
  const options: InjectOptions & { url: string } = { method: route.method as 'GET', url, headers };
  const raw = policy.raw?.(w);
  if (raw) {
    Object.assign(headers, { 'content-type': raw.contentType }, raw.headers);
    options.payload = raw.payload;
  } else if (policy.body) {
    options.payload = policy.body(w, actor) as object;
  } else {
    const schema = bodySchemaOf(route);
    if (schema) {
      const body = validBody(schema);
      if (body === undefined)
        throw new Error(`${route.key}: no valid body could be generated; declare one in route-policies.ts`);
      options.payload = body as object;
    }
  }
  return options;
}

function verdict(
  route: LiveRoute,
  policy: RoutePolicy,
  actor: Actor,
  res: LightMyRequestResponse,
): string | null {
  const expected = policy.access[actor];
  const where = `${route.key} as ${actor}: ${res.statusCode} ${res.body.slice(0, 160)}`;
  if (res.statusCode >= 500) return `${where} (server error)`;
  if (res.headers['x-content-type-options'] !== 'nosniff')
    return `${where} (no X-Content-Type-Options: nosniff)`;
  if (!String(res.headers['content-security-policy']).includes("frame-ancestors 'none'"))
    return `${where} (no CSP with frame-ancestors 'none')`;
  if (expected === 'allow') {
    if (DENIALS.has(res.statusCode)) return `${where} (expected to be allowed)`;
    const isApi = route.url.startsWith('/api/') && !route.url.startsWith('/api/docs');
    const isPublic = Object.values(policy.access).every((o) => o === 'allow');
    if (isApi && !isPublic && res.statusCode < 300) {
      const cache = res.headers['cache-control'];
      const wanted = policy.cacheControl ?? 'no-store';
      if (cache !== wanted) return `${where} (Cache-Control ${String(cache)}, expected ${wanted})`;
    }
    return null;
  }
  if (res.statusCode !== expected) return `${where} (expected ${expected})`;
  if (route.method !== 'HEAD') {
    const code = res.json<{ error?: { code?: string } }>().error?.code ?? '';
    if (!/^[a-z_]+\.[a-z_]+$/.test(code)) return `${where} (no error code)`;
  }
  return null;
}

/** Logout, login and password routes may end a session: sign the actor in again before the next route. */
async function refreshSessions(): Promise<void> {
  for (const actor of ['admin', 'auditorA', 'auditorB', 'temporary'] as const) {
    const me = await clientOf(t, w.sessions[actor]).get('/api/auth/me');
    if (me.statusCode !== 200) w.sessions[actor] = await login(t, w.users[actor]);
  }
}

describe('access-control matrix built from the live route table', () => {
  it('declares a policy for every route and no policy for a route that does not exist', () => {
    const live = new Set(routes.map((r) => r.key));
    const declared = new Set(Object.keys(ROUTE_POLICIES));
    expect({ undeclared: [...live].filter((k) => !declared.has(k)) }).toEqual({ undeclared: [] });
    expect({ stale: [...declared].filter((k) => !live.has(k)) }).toEqual({ stale: [] });
    // The table really is the server's: the sync and report routes are in it.
    expect(live).toContain('POST /api/offline-sync/');
    expect(live).toContain('GET /api/reports/audits/:uuid.csv');
  });

  it('answers every route × {anonymous, deactivated, temporary password, auditor B, admin, auditor A} as declared', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const policy = ROUTE_POLICIES[route.key];
      if (!policy) continue; // reported by the test above
      for (const actor of ACTORS) {
        const res = await t.app.inject(requestFor(route, policy, actor));
        const problem = verdict(route, policy, actor, res);
        if (problem) failures.push(problem);
      }
      await refreshSessions();
    }
    expect(failures).toEqual([]);
  });
});

describe('CSRF on every unsafe route', () => {
  it('refuses a signed-in request without the token or from a foreign Origin, before anything is written', async () => {
    const failures: string[] = [];
    const unsafe = routes.filter((r) => UNSAFE.has(r.method) && !ROUTE_POLICIES[r.key]?.csrfExempt);
    expect(unsafe.length).toBeGreaterThan(50);
    for (const route of unsafe) {
      const policy = ROUTE_POLICIES[route.key];
      if (!policy) continue;
      const actor = (['auditorA', 'admin'] as const).find((a) => policy.access[a] === 'allow') ?? 'auditorA';
      await refreshSessions();
      const before = await dbFingerprint(t.ctx.db, { except: ['sessions'] });
      const base = requestFor(route, policy, actor);
      const headers = { ...(base.headers as Record<string, string>) };
      delete headers['x-csrf-token'];
      const missing = await t.app.inject({ ...base, headers });
      const foreign = await t.app.inject({
        ...requestFor(route, policy, actor),
        headers: { ...(base.headers as Record<string, string>), origin: 'https://evil.example' },
      });
      const codes = [missing, foreign].map(
        (r) => `${r.statusCode} ${r.json<{ error?: { code?: string } }>().error?.code}`,
      );
      if (codes[0] !== '403 csrf.invalid' || codes[1] !== '403 csrf.origin_mismatch')
        failures.push(`${route.key} as ${actor}: ${codes.join(' / ')}`);
      const after = await dbFingerprint(t.ctx.db, { except: ['sessions'] });
      if (after.sum !== before.sum) failures.push(`${route.key}: database changed by a refused request`);
    }
    expect(failures).toEqual([]);
  });
});

describe('object-level isolation between auditors', () => {
  it("never lists auditor A's audits, pending records or photos to auditor B", async () => {
    await refreshSessions();
    const b = clientOf(t, w.sessions.auditorB);
    const a = clientOf(t, w.sessions.auditorA);
    const leaks = (body: string) =>
      [w.auditA, w.syncAuditA, w.photoA, `"id":${w.pendingBuildingA},`, `"id":${w.pendingElevatorA},`].filter(
        (needle) => body.includes(needle),
      );
    for (const url of [
      '/api/audits?pageSize=100',
      '/api/buildings?pageSize=100',
      '/api/elevators?pageSize=100',
      '/api/buildings/autocomplete?q=%D1%83%D0%BB',
      '/api/offline/snapshot',
      '/api/reports/audits.csv',
    ]) {
      const res = await b.get(url);
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
      expect({ url, leaks: leaks(res.body) }).toEqual({ url, leaks: [] });
    }
    // The same lists do show them to A: the needles are real.
    expect((await a.get('/api/audits?pageSize=100')).body).toContain(w.auditA);
    expect((await a.get('/api/reports/audits.csv')).body).toContain(w.auditA);
    const snapshot = (await a.get('/api/offline/snapshot')).body;
    expect(snapshot).toContain(`"id":${w.pendingElevatorA},`);
  });

  it("gives B the same 404 for A's audit as for an audit that does not exist (ids are not confirmed)", async () => {
    const b = clientOf(t, w.sessions.auditorB);
    const foreign = await b.get(`/api/audits/${w.auditA}`);
    const missing = await b.get('/api/audits/00000000-0000-4000-8000-000000000000');
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe(missing.json().error.code);
    const foreignPhoto = await b.get(`/api/attachments/${w.photoA}`);
    const missingPhoto = await b.get('/api/attachments/00000000-0000-4000-8000-000000000000');
    expect(foreignPhoto.json().error.code).toBe(missingPhoto.json().error.code);
  });
});
