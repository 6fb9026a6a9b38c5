import { registerGetScenario } from '../lib/get-scenario.js';
import { budget, cleanRun, pct } from '../lib/registry.js';

registerGetScenario({
  id: 'healthz',
  title: 'GET /healthz против потолка (голый Fastify)',
  order: 10,
  as: 'public',
  paths: () => ['/healthz'],
  ratio: true,
  budgets: (r, _ctx, ceilingRps) => [
    budget(
      'healthz.ceiling',
      '/healthz: ≥ 80 % req/s потолка',
      '≥ 80 %',
      pct(r.rps / ceilingRps),
      cleanRun(r) && r.rps >= 0.8 * ceilingRps,
    ),
  ],
});
