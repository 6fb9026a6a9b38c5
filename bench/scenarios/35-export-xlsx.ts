import { budget, missing, ms, registerScenario } from '../lib/registry.js';
import { rssMb, sampleRss } from '../lib/server.js';

const XLSX = 'spreadsheetml';

/** The export endpoints are found in the server's OpenAPI document (the reports team picks the paths). */
async function findExports(paths: string[]) {
  const exports = paths.filter((p) => /xlsx|export/i.test(p) && p.startsWith('/api/'));
  const list = exports.find((p) => !p.includes('{') && /audit/i.test(p));
  const one = exports.find((p) => /\{uuid\}|\{id\}/.test(p) && /audit/i.test(p));
  return { list, one };
}

async function download(
  url: string,
  cookie: string,
): Promise<{ status: number; type: string; bytes: number; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie } });
  let bytes = 0;
  const reader = res.body?.getReader();
  for (;;) {
    const chunk = await reader?.read();
    if (!chunk || chunk.done) break;
    bytes += chunk.value.length;
  }
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    bytes,
    ms: performance.now() - t0,
  };
}

/** Asks for XLSX: the path as documented, then with `format=xlsx` if that answers something else. */
async function xlsxUrl(base: string, p: string, cookie: string): Promise<string | null> {
  for (const candidate of [p, `${p}${p.includes('?') ? '&' : '?'}format=xlsx`]) {
    const res = await fetch(base + candidate, { method: 'GET', headers: { cookie } });
    await res.body?.cancel();
    if (res.ok && (res.headers.get('content-type') ?? '').includes(XLSX)) return candidate;
  }
  return null;
}

registerScenario({
  id: 'export-xlsx',
  title: 'Выгрузка XLSX: все аудиты (время, пик RSS) и один аудит по вопросам',
  order: 35,
  async run(ctx) {
    const { list, one } = await findExports(await ctx.openApiPaths());
    if (!list && !one) return missing('нет ещё: в /api/docs/json нет маршрутов выгрузки (xlsx/export)');
    const metrics: Record<string, number | string | null> = {};
    const budgets = [];
    const notes: string[] = [];
    const cookie = ctx.admin.cookie;
    if (list) {
      const url = await xlsxUrl(ctx.baseUrl, list, cookie);
      if (!url) notes.push(`${list}: не отдаёт XLSX`);
      else {
        const before = rssMb(ctx.serverPid);
        const sampler = sampleRss(ctx.serverPid, 100);
        const r = await download(ctx.baseUrl + url, cookie);
        const { peak } = sampler.stop();
        metrics.allAuditsSeconds = Number((r.ms / 1000).toFixed(2));
        metrics.allAuditsBytes = r.bytes;
        metrics.peakRssMb = Math.round(peak);
        metrics.rssBeforeMb = before === null ? null : Math.round(before);
        notes.push(`все аудиты: ${url}`);
        budgets.push(
          budget(
            'export.all.time',
            `XLSX всех ${ctx.manifest.counts.audits} аудитов: < 15 с`,
            '< 15 s',
            `${(r.ms / 1000).toFixed(1)} s`,
            r.status === 200 && r.ms < 15_000,
          ),
          budget(
            'export.all.rss',
            'XLSX всех аудитов: пик RSS < 300 МБ',
            '< 300 MB',
            `${Math.round(peak)} MB`,
            r.status === 200 && peak < 300,
          ),
        );
      }
    } else notes.push('выгрузки списка аудитов нет ещё');
    if (one) {
      const uuid = ctx.db
        .prepare("select uuid from audits where status = 'reviewed' order by id limit 1")
        .pluck()
        .get() as string;
      const p = one.replace(/\{uuid\}|\{id\}/, uuid);
      const url = await xlsxUrl(ctx.baseUrl, p, cookie);
      if (!url) notes.push(`${p}: не отдаёт XLSX`);
      else {
        const times: number[] = [];
        for (let i = 0; i < 10; i++) times.push((await download(ctx.baseUrl + url, cookie)).ms);
        const worst = Math.max(...times);
        metrics.oneAuditMaxMs = Number(worst.toFixed(1));
        metrics.oneAuditMedianMs = Number(times.sort((a, b) => a - b)[5]!.toFixed(1));
        notes.push(`один аудит: ${one}`);
        budgets.push(
          budget(
            'export.one.time',
            'XLSX одного аудита по вопросам: < 200 мс (худший из 10)',
            '< 200 ms',
            ms(worst),
            worst < 200,
          ),
        );
      }
    } else notes.push('выгрузки одного аудита нет ещё');
    if (!budgets.length) return missing(notes.join('; '));
    return { status: 'measured', note: notes.join('; '), metrics, budgets };
  },
});
