import type { ApiSession } from './http.js';
import type { LoadResult } from './load.js';
import {
  type BenchContext,
  type BudgetResult,
  cleanRun,
  loadMetrics,
  missing,
  registerScenario,
  type ScenarioOutcome,
} from './registry.js';

type Measured = LoadResult & { rssMb: number | null; peakRssMb: number };

export interface GetScenarioSpec {
  id: string;
  title: string;
  order: number;
  /** Who asks: nobody (public), the first auditor or the first admin. */
  as: 'public' | 'auditor' | 'admin';
  /** The paths to rotate through (one is fine); null → the scenario is not measurable yet (note why). */
  paths(ctx: BenchContext): Promise<string[] | { missing: string }> | string[] | { missing: string };
  headers?: (ctx: BenchContext) => Record<string, string>;
  /** The budget compares with the ceiling: measure the ceiling again right before. */
  ratio?: boolean;
  budgets?(r: Measured, ctx: BenchContext, ceilingRps: number): BudgetResult[];
  note?: string;
}

/**
 * A read-only GET endpoint under autocannon load: probes the first path (404 request.not_found →
 * «нет ещё»), then rotates through the paths with the user's cookie.
 */
export function registerGetScenario(spec: GetScenarioSpec): void {
  registerScenario({
    id: spec.id,
    title: spec.title,
    order: spec.order,
    async run(ctx): Promise<ScenarioOutcome> {
      const paths = await spec.paths(ctx);
      if (!Array.isArray(paths)) return missing(paths.missing);
      if (!paths.length) return missing('нет подходящих данных в наборе');
      const session: ApiSession | undefined =
        spec.as === 'auditor' ? ctx.auditor : spec.as === 'admin' ? ctx.admin : undefined;
      const probe = await ctx.probe('GET', paths[0]!, session);
      if (probe === 'missing') return missing(`нет ещё: ${paths[0]} отвечает 404 (маршрута нет)`);
      if (probe !== 'ok') {
        return {
          status: 'error',
          note: `${paths[0]} → ${probe.status} ${probe.code ?? ''}`,
          metrics: {},
          budgets: [],
        };
      }
      const ceilingRps = spec.ratio ? await ctx.ceilingNow() : ctx.ceilingRps;
      let i = 0;
      const headers = {
        // What every browser sends: the read-cached answers are then sent gzipped (plugins/read-cache.ts).
        'accept-encoding': 'gzip, deflate, br',
        ...(session ? { cookie: session.cookie } : {}),
        ...(spec.headers?.(ctx) ?? {}),
      };
      const r = await ctx.load({
        path: paths[0]!,
        headers,
        setupRequest:
          paths.length > 1
            ? (req) => {
                req.path = paths[i++ % paths.length]!;
                return req;
              }
            : undefined,
      });
      const budgets = spec.budgets?.(r, ctx, ceilingRps) ?? [];
      const note = cleanRun(r)
        ? spec.note
        : `ответы не только 2xx: ${JSON.stringify(r.statusCodes)}${spec.note ? `; ${spec.note}` : ''}`;
      return {
        status: 'measured',
        ...(note ? { note } : {}),
        metrics: {
          ...loadMetrics(r, ceilingRps),
          ...(spec.ratio ? { ceilingRps: Math.round(ceilingRps) } : {}),
          statusCodes: JSON.stringify(r.statusCodes),
          paths: paths.length,
        },
        budgets,
      };
    },
  });
}
