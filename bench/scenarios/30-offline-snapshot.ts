import { budget, cleanRun, loadMetrics, missing, ms, pct, registerScenario } from '../lib/registry.js';

const PATH = '/api/offline/snapshot';

registerScenario({
  id: 'offline-snapshot',
  title: 'Офлайн-снимок: попадание в ETag (304) и полная загрузка',
  order: 30,
  async run(ctx) {
    const first = await ctx.auditor.request('GET', PATH);
    if (first.status === 404) return missing(`нет ещё: ${PATH} отвечает 404`);
    if (first.status !== 200)
      return { status: 'error', note: `${PATH} → ${first.status}`, metrics: {}, budgets: [] };
    const etag = first.headers.get('etag');
    const headers = { cookie: ctx.auditor.cookie };
    const full = await ctx.load({ path: PATH, headers });
    const fullBudget = budget(
      'offline.snapshot.full.p99',
      'Офлайн-снимок, полная загрузка: p99 < 150 мс',
      '< 150 ms',
      ms(full.p99),
      cleanRun(full) && full.p99 < 150,
    );
    const metrics: Record<string, number | string | boolean | null> = {
      ...loadMetrics(full, ctx.ceilingRps),
      snapshotBytes: first.bytes,
      hasEtag: Boolean(etag),
    };
    if (!etag) {
      return {
        status: 'measured',
        note: 'сервер не отдаёт ETag: попадание в кэш измерить нельзя',
        metrics,
        budgets: [
          fullBudget,
          budget(
            'offline.snapshot.etag',
            'Офлайн-снимок, ETag-попадание: ≥ 50 % потолка',
            '≥ 50 %',
            'нет ETag',
            false,
          ),
        ],
      };
    }
    const hit = await ctx.load({ path: PATH, headers: { ...headers, 'if-none-match': etag } });
    const only304 = hit.errors === 0 && Object.keys(hit.statusCodes).every((c) => c === '304');
    return {
      status: 'measured',
      note: `полная загрузка ${Math.round(first.bytes / 1024)} КБ; ETag-попадание: ${Math.round(hit.rps)} req/s, p99 ${hit.p99} ms, коды ${JSON.stringify(hit.statusCodes)}`,
      metrics: {
        ...metrics,
        etagRps: Math.round(hit.rps),
        etagP50Ms: hit.p50,
        etagP99Ms: hit.p99,
        etagCeilingRatio: Number((hit.rps / ctx.ceilingRps).toFixed(3)),
      },
      budgets: [
        budget(
          'offline.snapshot.etag',
          'Офлайн-снимок, ETag-попадание (304): ≥ 50 % потолка',
          '≥ 50 %',
          pct(hit.rps / ctx.ceilingRps),
          only304 && hit.rps >= 0.5 * ctx.ceilingRps,
        ),
        fullBudget,
      ],
    };
  },
});
