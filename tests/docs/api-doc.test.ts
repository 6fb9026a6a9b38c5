import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_DOC, renderErrorTable, withCurrentTable } from '../../scripts/gen-error-table.js';
import { ERROR_MESSAGES } from '../../src/shared/errors.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

/** docs/api.md must keep up with the code: every live route and every error code is in it. */
describe('docs/api.md', () => {
  const doc = readFileSync(API_DOC, 'utf8');
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists every route of the OpenAPI description (/api/docs/json) as `METHOD /path`', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json<{ paths: Record<string, Record<string, unknown>> }>().paths;
    const routes = Object.entries(paths).flatMap(([url, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${url}`),
    );
    expect(routes.length).toBeGreaterThan(50);
    const missing = routes.filter((route) => !doc.includes(`\`${route}\``));
    expect(missing, 'routes missing from docs/api.md').toEqual([]);
  });

  it('lists every error code of ERROR_MESSAGES', () => {
    const missing = Object.keys(ERROR_MESSAGES).filter((code) => !doc.includes(`\`${code}\``));
    expect(missing, 'error codes missing from docs/api.md').toEqual([]);
  });

  it('holds the current generated error table (run `npx tsx scripts/gen-error-table.ts`)', () => {
    expect(renderErrorTable()).toContain('| `audit.incomplete` | 400 | Аудит заполнен не полностью. |');
    expect(withCurrentTable(doc)).toBe(doc);
  });

  it('points readers to the OpenAPI UI the app serves', async () => {
    expect(doc).toContain('/api/docs');
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(ui.statusCode).toBe(200);
  });
});
