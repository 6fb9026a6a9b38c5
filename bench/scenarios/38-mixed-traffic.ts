import { budget, cleanRun, loadMetrics, missing, registerScenario } from '../lib/registry.js';
import { sampleRss } from '../lib/server.js';

/** Least-squares slope of RSS over time, in MB per minute. */
function slopeMbPerMin(samples: Array<{ t: number; mb: number }>): number {
  const n = samples.length;
  if (n < 2) return 0;
  const mx = samples.reduce((s, p) => s + p.t, 0) / n;
  const my = samples.reduce((s, p) => s + p.mb, 0) / n;
  const num = samples.reduce((s, p) => s + (p.t - mx) * (p.mb - my), 0);
  const den = samples.reduce((s, p) => s + (p.t - mx) ** 2, 0);
  return den ? (num / den) * 60_000 : 0;
}

registerScenario({
  id: 'mixed-traffic',
  title: 'Пять минут смешанного трафика аудиторов: RSS стабилен, без ошибок',
  // Before the photo uploads: sharp's memory after 100 × 8 MB decodes is reported there, not here.
  order: 38,
  fullOnly: true,
  async run(ctx) {
    const uuids = ctx.db
      .prepare(
        'select a.uuid from audits a join users u on u.id = a.created_by where u.username = ? limit 20',
      )
      .pluck()
      .all(ctx.auditor.username) as string[];
    const candidates = [
      '/healthz',
      '/api/auth/me',
      '/api/audits?page=1&pageSize=50',
      '/api/elevators?q=%D0%BB%D0%B5%D0%BD%D0%B8%D0%BD%D0%B0&pageSize=20',
      '/api/elevators?q=%D0%BC%D0%B8%D1%80%D0%B0%201&pageSize=20',
      '/api/offline/snapshot',
      ...uuids.slice(0, 5).map((u) => `/api/audits/${u}`),
    ];
    const paths: string[] = [];
    for (const p of candidates) if ((await ctx.probe('GET', p, ctx.auditor)) === 'ok') paths.push(p);
    if (paths.length < 3) return missing('слишком мало готовых маршрутов для смешанной нагрузки');
    let i = 0;
    const sampler = sampleRss(ctx.serverPid, 1000);
    const r = await ctx.load({
      path: paths[0]!,
      headers: { cookie: ctx.auditor.cookie },
      durationS: 300,
      warmupS: 0,
      setupRequest: (req) => {
        req.path = paths[i++ % paths.length]!;
        return req;
      },
    });
    const { peak, samples } = sampler.stop();
    const settled = samples.filter((s) => s.t >= 60_000);
    const slope = slopeMbPerMin(settled);
    const mean = (from: number, to: number) => {
      const xs = samples.filter((s) => s.t >= from && s.t < to).map((s) => s.mb);
      return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
    };
    // GC makes RSS a saw: compare the average of the 2nd minute with the average of the 5th.
    const startMb = mean(60_000, 120_000);
    const endMb = mean(240_000, 300_001);
    const growth = endMb - startMb;
    return {
      status: 'measured',
      note: `маршруты: ${paths.join(', ')}`,
      metrics: {
        ...loadMetrics(r, ctx.ceilingRps),
        peakRssMb: Math.round(peak),
        rssMinute2Mb: Math.round(startMb),
        rssMinute5Mb: Math.round(endMb),
        rssSlopeMbPerMin: Number(slope.toFixed(2)),
        statusCodes: JSON.stringify(r.statusCodes),
      },
      budgets: [
        budget(
          'mixed.rss',
          'Смешанный трафик 5 мин: RSS < 250 МБ без роста',
          '< 250 MB, 5-я мин ≤ 2-я + 5 %',
          `пик ${Math.round(peak)} MB; 2-я мин ${Math.round(startMb)} → 5-я ${Math.round(endMb)} MB`,
          peak < 250 && growth <= 0.05 * startMb,
        ),
        budget(
          'mixed.errors',
          'Смешанный трафик 5 мин: без ошибок',
          '0',
          `${r.errors + r.non2xx}`,
          cleanRun(r),
        ),
      ],
    };
  },
});
