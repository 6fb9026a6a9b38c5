import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { budget, missing, registerScenario } from '../lib/registry.js';
import { ROOT } from '../lib/server.js';

const BUDGET_KB = 250;

/** Static `import … from './x.js'` / `import './x.js'` of a built chunk (not dynamic `import()`). */
function staticImports(code: string): string[] {
  const found = new Set<string>();
  const re = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g;
  for (const m of code.matchAll(re)) found.add(m[1]!);
  return [...found];
}

/**
 * The auditor portal's initial JavaScript: index.html's module script(s) and modulepreload links,
 * plus everything they import statically, each gzipped on its own (as served).
 */
export function initialJs(clientDir: string): Array<{ file: string; bytes: number; gzip: number }> {
  const html = readFileSync(path.join(clientDir, 'index.html'), 'utf8');
  const entries = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1]!);
  const seen = new Map<string, { file: string; bytes: number; gzip: number }>();
  const queue = entries.map((e) => path.join(clientDir, e.replace(/^\//, '')));
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file) || !existsSync(file)) continue;
    const code = readFileSync(file);
    seen.set(file, {
      file: path.relative(clientDir, file),
      bytes: code.length,
      gzip: gzipSync(code, { level: 9 }).length,
    });
    for (const spec of staticImports(code.toString('utf8'))) {
      queue.push(
        spec.startsWith('/') ? path.join(clientDir, spec.slice(1)) : path.resolve(path.dirname(file), spec),
      );
    }
  }
  return [...seen.values()];
}

registerScenario({
  id: 'client-initial-js',
  title: 'Портал аудитора: начальный JavaScript (gzip) из dist/client',
  order: 80,
  async run() {
    const clientDir = path.join(ROOT, 'dist', 'client');
    if (!existsSync(path.join(clientDir, 'index.html')))
      return missing('нет dist/client/index.html: выполните npm run build');
    const files = initialJs(clientDir);
    const gzip = files.reduce((s, f) => s + f.gzip, 0);
    const raw = files.reduce((s, f) => s + f.bytes, 0);
    return {
      status: 'measured',
      note: files.map((f) => `${f.file} ${(f.gzip / 1024).toFixed(1)} КБ`).join(', '),
      metrics: {
        initialJsGzipKb: Number((gzip / 1024).toFixed(1)),
        initialJsRawKb: Number((raw / 1024).toFixed(1)),
        files: files.length,
      },
      budgets: [
        budget(
          'client.initial',
          `Начальный JS портала аудитора ≤ ${BUDGET_KB} КБ gzip`,
          `≤ ${BUDGET_KB} KB`,
          `${(gzip / 1024).toFixed(1)} KB`,
          gzip <= BUDGET_KB * 1024,
        ),
      ],
    };
  },
});
