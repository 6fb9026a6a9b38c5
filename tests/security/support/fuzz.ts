import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../../helpers/app.js';
import { dbFingerprint, totalChanges } from './db-state.js';

/** Fixed by default so a failure reproduces; fast-check prints the seed and path of any failure. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261128);

/** The error code of an answer: `{error:{code}}`, or the sync batch format `{status:'error', errors:[{code}]}`. */
export function errorCodeOf(res: LightMyRequestResponse): string | null {
  let body: unknown;
  try {
    body = res.json();
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null) return null;
  const error = (body as { error?: { code?: unknown } }).error;
  if (typeof error?.code === 'string') return error.code;
  const errors = (body as { errors?: Array<{ code?: unknown }> }).errors;
  const first = errors?.[0]?.code;
  return typeof first === 'string' ? first : null;
}

export const CODE_RE = /^[a-z_]+\.[a-z_]+$/;

/**
 * Sends hostile requests and checks the invariants every rejection must keep: no 5xx, a JSON error
 * with a machine code, and (for any 4xx) not one row of the database changed. A cached fingerprint
 * is recomputed only after the connection actually wrote something.
 */
export function createGuard(t: TestApp, opts: { except?: string[] } = {}) {
  let known = -1;
  let fingerprint = { sum: '', counts: {} as Record<string, number> };

  async function current() {
    const tc = await totalChanges(t.ctx.db);
    if (tc !== known) {
      fingerprint = await dbFingerprint(t.ctx.db, opts);
      known = tc;
    }
    return fingerprint;
  }

  return {
    /** Injects the request and returns a problem description, or null when every invariant holds. */
    async send(request: InjectOptions & { url: string }, label: string) {
      const before = await current();
      const res = await t.app.inject(request);
      const where = `${label}: ${res.statusCode} ${res.body.slice(0, 200)}`;
      if (res.statusCode >= 500) return { res, problem: `${where} (server error)` };
      if (res.headers['x-content-type-options'] !== 'nosniff')
        return { res, problem: `${where} (no nosniff)` };
      if (res.statusCode >= 400) {
        // HEAD answers carry no body, so only the status and the database are checked.
        const code = request.method === 'HEAD' ? 'head.no_body' : errorCodeOf(res);
        if (!code || !CODE_RE.test(code)) return { res, problem: `${where} (no JSON error code)` };
        if (request.method !== 'HEAD' && !String(res.headers['content-type']).startsWith('application/json'))
          return { res, problem: `${where} (error is not JSON)` };
        const after = await current();
        if (after.sum !== before.sum)
          return {
            res,
            problem: `${where} (database changed by a rejected request: ${JSON.stringify(before.counts)} → ${JSON.stringify(after.counts)})`,
          };
      }
      return { res, problem: null };
    },
  };
}
