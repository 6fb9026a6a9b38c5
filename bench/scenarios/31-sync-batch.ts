import path from 'node:path';
import { errorCode } from '../lib/http.js';
import { budget, missing, ms, registerScenario } from '../lib/registry.js';
import { countInLog, latestSnapshot, logSize, syncBatch } from '../lib/sync-payload.js';

const PATH = '/api/offline-sync/';

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

registerScenario({
  id: 'sync-batch',
  title: 'Синхронизация пакета из одного аудита (все ответы) + 20 аудиторов × 5 пакетов сразу',
  order: 31,
  async run(ctx) {
    const { number, snapshot } = latestSnapshot(ctx.db);
    const elevators = ctx.db
      .prepare("select uuid from elevators where review_status = 'approved' order by id limit 200")
      .pluck()
      .all() as string[];
    const batch = (deviceId: string, i: number) =>
      syncBatch(snapshot, {
        elevatorUuid: elevators[i % elevators.length]!,
        versionNumber: number,
        deviceId,
      });

    const probe = await ctx.auditor.request('POST', PATH, { body: batch('bench-device-0', 0) });
    if (probe.status === 404 && errorCode(probe.json) === 'request.not_found')
      return missing(`нет ещё: POST ${PATH} отвечает 404`);
    if (probe.status !== 200) {
      return {
        status: 'error',
        note: `POST ${PATH} → ${probe.status} ${JSON.stringify(probe.json).slice(0, 300)}`,
        metrics: {},
        budgets: [],
      };
    }

    // One auditor, one batch after another: latency of a batch on an otherwise idle server.
    const n = ctx.quick ? 20 : 200;
    const times: number[] = [];
    let failures = 0;
    for (let i = 0; i < n; i++) {
      const res = await ctx.auditor.request('POST', PATH, { body: batch('bench-device-1', i + 1) });
      if (res.status !== 200) failures += 1;
      times.push(res.ms);
    }
    times.sort((a, b) => a - b);
    const p50 = quantile(times, 0.5);
    const p99 = quantile(times, 0.99);

    // 20 auditors × 5 batches at once.
    const logs = [ctx.serverLog, path.join(ctx.workDir, 'logs', 'app.log')];
    const offsets = logs.map(logSize);
    const sessions = await Promise.all(
      Array.from({ length: Math.min(20, ctx.manifest.auditors.length) }, (_, i) => ctx.auditorSession(i + 1)),
    );
    const t0 = performance.now();
    const statuses = await Promise.all(
      sessions.flatMap((s, a) =>
        Array.from({ length: 5 }, (_, b) =>
          s.request('POST', PATH, { body: batch(`bench-device-${a}`, a * 5 + b) }).then(
            (r) => r.status,
            () => 0,
          ),
        ),
      ),
    );
    const burstMs = performance.now() - t0;
    const burstErrors = statuses.filter((s) => s !== 200).length;
    const busy = logs.reduce((sum, file, i) => sum + countInLog(file, offsets[i]!, 'SQLITE_BUSY'), 0);
    const questions = snapshot.categories.reduce(
      (c, cat) => c + cat.sections.reduce((s, sec) => s + sec.questions.length, 0),
      0,
    );
    return {
      status: 'measured',
      note: `${n} пакетов по ${questions} ответов подряд (время ответа на 127.0.0.1 ≈ время сервера); затем 100 пакетов одновременно за ${Math.round(burstMs)} мс`,
      metrics: {
        batches: n,
        answersPerBatch: questions,
        p50Ms: Number(p50.toFixed(2)),
        p99Ms: Number(p99.toFixed(2)),
        errors: failures,
        burstErrors,
        burstMs: Math.round(burstMs),
        sqliteBusy: busy,
      },
      budgets: [
        budget(
          'sync.batch.p50',
          'Пакет синхронизации (150 ответов): p50 < 15 мс',
          '< 15 ms',
          ms(p50),
          failures === 0 && p50 < 15,
        ),
        budget(
          'sync.batch.p99',
          'Пакет синхронизации (150 ответов): p99 < 50 мс',
          '< 50 ms',
          ms(p99),
          failures === 0 && p99 < 50,
        ),
        budget(
          'sync.burst',
          '20 аудиторов × 5 пакетов одновременно: 0 ошибок, 0 SQLITE_BUSY',
          '0 / 0',
          `${burstErrors} ошибок, ${busy} SQLITE_BUSY`,
          burstErrors === 0 && busy === 0,
        ),
      ],
    };
  },
});
