import type { ScenarioResult } from './registry.js';

const pad = (s: string, n: number) => (s.length >= n ? s.slice(0, n) : s + ' '.repeat(n - s.length));
const fmt = (v: unknown) =>
  v === null || v === undefined ? '—' : typeof v === 'number' ? String(v) : String(v);

/** The console table: one line per scenario, then one per budget. */
export function renderTable(results: ScenarioResult[]): string {
  const lines: string[] = [];
  lines.push(
    `${pad('scenario', 34)} ${pad('status', 9)} ${pad('req/s', 8)} ${pad('p50', 8)} ${pad('p99', 8)} ${pad('err', 6)} ${pad('RSS MB', 7)} ${pad('×ceil', 6)} ${pad('CPU ms/req', 10)}`,
  );
  lines.push('-'.repeat(92));
  for (const r of results) {
    const m = r.metrics;
    const status = r.status === 'missing' ? 'нет ещё' : r.status;
    lines.push(
      `${pad(r.id, 34)} ${pad(status, 9)} ${pad(fmt(m.rps), 8)} ${pad(fmt(m.p50Ms), 8)} ${pad(fmt(m.p99Ms), 8)} ${pad(
        fmt(m.errors === undefined ? undefined : Number(m.errors) + Number(m.non2xx ?? 0)),
        6,
      )} ${pad(fmt(m.rssMb), 7)} ${pad(fmt(m.ceilingRatio), 6)} ${pad(fmt(m.cpuMsPerRequest), 10)}`,
    );
    if (r.note && r.status !== 'measured') lines.push(`    ${r.note}`);
  }
  lines.push('');
  lines.push('budgets (issue 8 §3; reported, never enforced):');
  for (const r of results) {
    for (const b of r.budgets) {
      const mark = b.met === null ? '  ?  ' : b.met ? ' ok  ' : 'FAIL ';
      lines.push(`  [${mark}] ${pad(b.label, 60)} target ${pad(b.target, 16)} actual ${b.actual}`);
    }
  }
  return lines.join('\n');
}

export function summarize(results: ScenarioResult[]) {
  const budgets = results.flatMap((r) => r.budgets);
  return {
    scenarios: results.length,
    measured: results.filter((r) => r.status === 'measured').length,
    notMeasured: results.filter((r) => r.status === 'missing' || r.status === 'skipped').length,
    errors: results.filter((r) => r.status === 'error').length,
    budgets: budgets.length,
    budgetsMet: budgets.filter((b) => b.met === true).length,
    budgetsFailed: budgets.filter((b) => b.met === false).length,
  };
}
