import { measureFetchLoad, measureHttpLoad } from '../lib/load.js';
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
    // As the PWA downloads it: every browser offers gzip, and the server keeps the gzipped snapshot
    // per version (src/server/sync). Without the header the 2 MB identity body would be measured.
    const gzipHeaders = { ...headers, 'accept-encoding': 'gzip, deflate, br' };
    const settings = {
      connections: 16,
      durationS: ctx.quick ? 2 : 10,
      warmupS: ctx.quick ? 0.5 : 2,
    };
    // autocannon for the server's RSS and CPU per request; its latency is its own (see load.ts):
    // the budget is judged on node:http, which reads the same bytes at the network's pace.
    const full = await ctx.load({ path: PATH, headers: gzipHeaders });
    const download = await measureHttpLoad({ url: ctx.baseUrl + PATH, headers: gzipHeaders, ...settings });
    const fullBudget = budget(
      'offline.snapshot.full.p99',
      'Офлайн-снимок, полная загрузка: p99 < 150 мс',
      '< 150 ms',
      `${ms(download.p99)} (autocannon: ${ms(full.p99)})`,
      cleanRun(download) && download.p99 < 150,
    );
    const metrics: Record<string, number | string | boolean | null> = {
      ...loadMetrics(full, ctx.ceilingRps),
      rps: Math.round(download.rps),
      p50Ms: download.p50,
      p99Ms: download.p99,
      autocannonRps: Math.round(full.rps),
      autocannonP50Ms: full.p50,
      autocannonP99Ms: full.p99,
      snapshotBytes: first.bytes,
      hasEtag: Boolean(etag),
    };
    const etagBudget = (actual: string, met: boolean | null) =>
      budget(
        'offline.snapshot.etag',
        'Офлайн-снимок, ETag-попадание (304): ≥ 50 % потолка',
        '≥ 50 %',
        actual,
        met,
      );
    if (!etag) {
      return {
        status: 'measured',
        note: 'сервер не отдаёт ETag: попадание в кэш измерить нельзя',
        metrics,
        budgets: [etagBudget('нет ETag', false), fullBudget],
      };
    }
    // The 304 is measured with fetch, not autocannon: the server's 304 carries `content-length: 4`
    // (a serialised null) without a body, and autocannon then waits for bytes that never come.
    // The ceiling is measured with the same client right before, so the ratio compares like with like.
    const ceiling = await measureFetchLoad({ url: `${ctx.ceilingUrl}/`, ...settings });
    const hit = await measureFetchLoad({
      url: ctx.baseUrl + PATH,
      headers: { ...headers, 'if-none-match': etag },
      ...settings,
    });
    const only304 =
      hit.requests > 0 && hit.errors === 0 && Object.keys(hit.statusCodes).every((c) => c === '304');
    return {
      status: 'measured',
      note: `полная загрузка ${Math.round(first.bytes / 1024)} КБ (в сети — gzip, как у браузера: ${Math.round((full.bytes ?? 0) / Math.max(1, full.requests) / 1024)} КБ на ответ вместе с заголовками); 304 измерен fetch-клиентом против потолка тем же клиентом (${Math.round(ceiling.rps)} req/s), коды ${JSON.stringify(hit.statusCodes)}`,
      metrics: {
        ...metrics,
        etagRps: Math.round(hit.rps),
        etagP50Ms: hit.p50,
        etagP99Ms: hit.p99,
        etagFetchCeilingRps: Math.round(ceiling.rps),
        etagCeilingRatio: Number((hit.rps / ceiling.rps).toFixed(3)),
      },
      budgets: [etagBudget(pct(hit.rps / ceiling.rps), only304 && hit.rps >= 0.5 * ceiling.rps), fullBudget],
    };
  },
});
