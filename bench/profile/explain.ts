/**
 * `tsx bench/profile/explain.ts [--data DIR]`: runs the app's own list/search repository functions
 * against a benchmark dataset through a logging Kysely instance, then prints every SQL statement
 * they issued with its timing and `EXPLAIN QUERY PLAN`. For finding a missing index.
 */
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../../src/server/db/database.js';
import { defaultDataDir } from '../dataset/generate.js';
import { parseArgs } from '../lib/args.js';

const args = parseArgs(process.argv.slice(2), { strings: ['data'], booleans: [] });
const dir = path.resolve(args.strings.data ?? defaultDataDir('full'));
const sqlite = new SQLite(path.join(dir, 'db.sqlite3'), { readonly: true, fileMustExist: true });
sqlite.function('lower', { deterministic: true }, (v: unknown) =>
  typeof v === 'string' ? v.toLowerCase() : v,
);
const captured: Array<{ sql: string; params: readonly unknown[]; ms: number }> = [];
const db = new Kysely<Database>({
  dialect: new SqliteDialect({ database: sqlite }),
  plugins: [new CamelCasePlugin()],
  log: (event) => {
    if (event.level === 'query')
      captured.push({ sql: event.query.sql, params: event.query.parameters, ms: event.queryDurationMillis });
  },
});

const auditor = sqlite
  .prepare("select id from users where role = 'auditor' order by id limit 1")
  .pluck()
  .get() as number;
const cases: Array<[string, () => Promise<unknown>]> = [];
try {
  const audits = await import('../../src/server/audits/audits.repo.js');
  cases.push(
    [
      'auditor own list, page 1',
      () =>
        audits.listAudits(db, { createdBy: auditor, sort: 'createdAt', order: 'desc', limit: 50, offset: 0 }),
    ],
    [
      'admin: status + period + score, sort score',
      () =>
        audits.listAudits(db, {
          statuses: ['submitted', 'reviewed'],
          createdFrom: '2025-12-01',
          createdBefore: '2026-12-01',
          percentMin: 50,
          percentMax: 90,
          sort: 'score',
          order: 'asc',
          limit: 50,
          offset: 0,
        }),
    ],
    [
      'admin: status + period + auditor, sort submittedAt',
      () =>
        audits.listAudits(db, {
          statuses: ['submitted', 'reviewed'],
          createdFrom: '2025-12-01',
          createdBefore: '2026-12-01',
          createdBy: auditor + 4,
          sort: 'submittedAt',
          order: 'desc',
          limit: 50,
          offset: 0,
        }),
    ],
  );
  const auditId = sqlite
    .prepare('select id from audits where created_by = ? order by id limit 1')
    .pluck()
    .get(auditor) as number;
  cases.push(
    ['audit detail: header row', () => audits.getAuditListRow(db, auditId)],
    ['audit detail: responses', () => audits.listResponses(db, auditId)],
  );
} catch (error) {
  console.log(`audits repo not available: ${(error as Error).message}`);
}
try {
  const catalog = await import('../../src/server/catalog/catalog.repo.js');
  const viewer = { id: auditor, role: 'auditor' as const };
  for (const terms of [['ленина', '15'], ['москва', 'мира'], ['рн-100007']]) {
    cases.push([
      `catalog search ${terms.join(' ')}`,
      () => catalog.listElevators(db, viewer, { terms, limit: 20, offset: 0 }),
    ]);
  }
} catch (error) {
  console.log(`catalog repo not available: ${(error as Error).message}`);
}

for (const [name, run] of cases) {
  await run(); // warm the page cache: the figures below are for a warm run
  captured.length = 0;
  const t0 = performance.now();
  await run();
  console.log(`\n=== ${name}: ${(performance.now() - t0).toFixed(1)} ms (warm)`);
  for (const q of captured) {
    console.log(`--- ${q.ms.toFixed(1)} ms\n${q.sql}`);
    const plan = sqlite.prepare(`explain query plan ${q.sql}`).all(...(q.params as unknown[])) as Array<{
      detail: string;
    }>;
    for (const row of plan) console.log(`    ${row.detail}`);
  }
}
await db.destroy();
