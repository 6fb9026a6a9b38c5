import { registerGetScenario } from '../lib/get-scenario.js';
import { budget, cleanRun, ms } from '../lib/registry.js';

registerGetScenario({
  id: 'audit-detail',
  title: 'Карточка аудита со всеми ответами',
  order: 23,
  as: 'auditor',
  paths: (ctx) => {
    const uuids = ctx.db
      .prepare(
        `select a.uuid from audits a join users u on u.id = a.created_by
         where u.username = ? order by a.id limit 40`,
      )
      .pluck()
      .all(ctx.auditor.username) as string[];
    return uuids.map((u) => `/api/audits/${u}`);
  },
  budgets: (r, ctx) => [
    budget(
      'audit.detail.p99',
      `Карточка аудита (${ctx.manifest.scale.questions} ответов): p99 < 40 мс`,
      '< 40 ms',
      ms(r.p99),
      cleanRun(r) && r.p99 < 40,
    ),
  ],
});
