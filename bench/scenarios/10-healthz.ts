import { registerGetScenario } from '../lib/get-scenario.js';
import { budget, cleanRun, pct } from '../lib/registry.js';

registerGetScenario({
  id: 'healthz',
  title: 'GET /healthz против потолка (голый Fastify)',
  order: 10,
  as: 'public',
  paths: () => ['/healthz'],
  budgets: (r, ctx) => [
    budget(
      'healthz.ceiling',
      '/healthz: ≥ 80 % req/s потолка',
      '≥ 80 %',
      pct(r.rps / ctx.ceilingRps),
      cleanRun(r) && r.rps >= 0.8 * ctx.ceilingRps,
    ),
  ],
});
