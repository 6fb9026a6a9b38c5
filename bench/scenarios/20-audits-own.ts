import { registerGetScenario } from '../lib/get-scenario.js';
import { budget, cleanRun, ms, pct } from '../lib/registry.js';

registerGetScenario({
  id: 'audits-own-list',
  title: 'Аудитор: свои аудиты, страница 50',
  order: 20,
  as: 'auditor',
  paths: () => [
    '/api/audits?page=1&pageSize=50',
    '/api/audits?page=2&pageSize=50',
    '/api/audits?status=in_progress%2Cdraft&page=1&pageSize=50',
  ],
  ratio: true,
  budgets: (r, _ctx, ceilingRps) => [
    budget(
      'audits.own.ceiling',
      'Список своих аудитов: ≥ 25 % потолка',
      '≥ 25 %',
      pct(r.rps / ceilingRps),
      cleanRun(r) && r.rps >= 0.25 * ceilingRps,
    ),
    budget(
      'audits.own.p99',
      'Список своих аудитов: p99 < 25 мс',
      '< 25 ms',
      ms(r.p99),
      cleanRun(r) && r.p99 < 25,
    ),
  ],
});
