/**
 * Writes the table of API error codes into docs/api.md (between the `error-table` markers) from the one
 * catalogue, src/shared/errors.ts ERROR_MESSAGES. The HTTP status of each code is read from the server
 * code (`new AppError('code', 409`, `notFound('code'` …), so the table follows the code, not memory.
 * tests/docs/api-doc.test.ts fails when the doc is behind: run `npx tsx scripts/gen-error-table.ts`.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERROR_MESSAGES } from '../src/shared/errors.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const API_DOC = path.join(ROOT, 'docs', 'api.md');
export const TABLE_START = '<!-- error-table:start (scripts/gen-error-table.ts) -->';
export const TABLE_END = '<!-- error-table:end -->';

/** Codes raised outside a service's AppError (the error handler, nginx, per-item sync errors). */
const FIXED_STATUSES: Record<string, string> = {
  'validation.failed': '400',
  'request.invalid_json': '400',
  'request.unsupported_media_type': '415',
  'request.too_large': '413',
  'request.not_found': '404',
  'request.rate_limited': '429',
  'server.internal': '500',
  'server.disk_full': '507',
  'server.maintenance': '503',
};

function serverSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...serverSources(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

/** HTTP statuses each code is raised with in src/server (several when it depends on the case). */
export function statusesFromSource(): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const add = (code: string, status: string) => {
    if (!found.has(code)) found.set(code, new Set());
    found.get(code)?.add(status);
  };
  const helpers: Record<string, string> = { notFound: '404', conflict: '409', badRequest: '400' };
  for (const file of serverSources(path.join(ROOT, 'src', 'server'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/AppError\(\s*'([a-z_]+\.[a-z_]+)',\s*(\d{3})/g)) add(m[1]!, m[2]!);
    for (const m of text.matchAll(/\b(notFound|conflict|badRequest)\(\s*'([a-z_]+\.[a-z_]+)'/g))
      add(m[2]!, helpers[m[1]!]!);
    // Per-audit errors inside a rejected sync batch (422, or 409 for a locked audit).
    if (file.includes(`${path.sep}sync${path.sep}`))
      for (const m of text.matchAll(/'(sync\.[a-z_]+)'/g))
        if (!found.has(m[1]!)) add(m[1]!, m[1] === 'sync.audit_locked' ? '409' : '422');
  }
  return found;
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|');
}

/** The Markdown table: one row per code of ERROR_MESSAGES, in catalogue order. */
export function renderErrorTable(): string {
  const statuses = statusesFromSource();
  const rows = Object.entries(ERROR_MESSAGES).map(([code, message]) => {
    const status = FIXED_STATUSES[code] ?? ([...(statuses.get(code) ?? [])].sort().join(', ') || '—');
    return `| \`${code}\` | ${status} | ${escapeCell(message)} |`;
  });
  return ['| Код | HTTP | Сообщение (ru) |', '|---|---|---|', ...rows].join('\n');
}

/** docs/api.md with the table block replaced by the current one. */
export function withCurrentTable(doc: string): string {
  const start = doc.indexOf(TABLE_START);
  const end = doc.indexOf(TABLE_END);
  if (start === -1 || end === -1 || end < start)
    throw new Error(`docs/api.md: markers ${TABLE_START} … ${TABLE_END} not found`);
  return `${doc.slice(0, start + TABLE_START.length)}\n${renderErrorTable()}\n${doc.slice(end)}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const before = readFileSync(API_DOC, 'utf8');
  const after = withCurrentTable(before);
  if (after === before) console.log('docs/api.md: таблица кодов ошибок актуальна.');
  else {
    writeFileSync(API_DOC, after);
    console.log(`docs/api.md: таблица кодов ошибок обновлена (${Object.keys(ERROR_MESSAGES).length} кодов).`);
  }
}
