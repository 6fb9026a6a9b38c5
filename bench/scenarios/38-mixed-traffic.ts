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
  order: 70,
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
    const startMb = settled[0]?.mb ?? 0;
    const endMb = settled.at(-1)?.mb ?? 0;
    return {
      status: 'measured',
      note: `маршруты: ${paths.join(', ')}`,
      metrics: {
        ...loadMetrics(r, ctx.ceilingRps),
        peakRssMb: Math.round(peak),
        rssAfter1MinMb: Math.round(startMb),
        rssEndMb: Math.round(endMb),
        rssSlopeMbPerMin: Number(slope.toFixed(2)),
        statusCodes: JSON.stringify(r.statusCodes),
      },
      budgets: [
        budget(
          'mixed.rss',
          'Смешанный трафик 5 мин: RSS < 250 МБ без роста',
          '< 250 MB, ≤ 1 MB/min',
          `пик ${Math.round(peak)} MB, ${slope.toFixed(2)} MB/мин`,
          peak < 250 && slope <= 1,
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
