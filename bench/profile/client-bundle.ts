/**
 * `tsx bench/profile/client-bundle.ts [N]`: what the auditor portal's initial JavaScript is made of.
 * Builds the client into a temp dir (dist/ is left alone), measures the initial JS exactly as the
 * `client-initial-js` scenario does, then lists the N biggest packages / source folders inside it
 * (rendered size before minification — a share, not gzip bytes) and the biggest lazy chunks.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'vite';
import { initialJs } from '../scenarios/80-client-size.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const limit = Number(process.argv[2] ?? 25);
const outDir = mkdtempSync(path.join(tmpdir(), 'souzlift-client-'));
const modulesByChunk = new Map<string, Record<string, number>>();

const collect: Plugin = {
  name: 'collect-module-sizes',
  generateBundle(_options, bundle) {
    for (const [file, chunk] of Object.entries(bundle)) {
      if (chunk.type !== 'chunk') continue;
      const sizes: Record<string, number> = {};
      for (const [id, m] of Object.entries(chunk.modules)) sizes[id] = m.renderedLength;
      modulesByChunk.set(file, sizes);
    }
  },
};

/** `node_modules/@scope/pkg/…` → `@scope/pkg`; `src/client/sync/engine.ts` → `client/sync`. */
function groupOf(id: string): string {
  const nm = id.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = id.slice(nm + 'node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? id);
  }
  const src = id.indexOf('/src/');
  return src >= 0
    ? id
        .slice(src + 5)
        .split('/')
        .slice(0, 2)
        .join('/')
    : id;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

try {
  await build({
    configFile: path.join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
    plugins: [collect],
  });
  const initial = initialJs(outDir);
  const gzip = initial.reduce((s, f) => s + f.gzip, 0);
  console.log(`initial JS: ${kb(gzip)} gzip (${kb(initial.reduce((s, f) => s + f.bytes, 0))} raw)`);
  for (const f of initial) console.log(`  ${kb(f.gzip).padStart(9)}  ${f.file}`);

  const groups = new Map<string, number>();
  for (const f of initial) {
    for (const [id, size] of Object.entries(modulesByChunk.get(f.file) ?? {}))
      groups.set(groupOf(id), (groups.get(groupOf(id)) ?? 0) + size);
  }
  const total = [...groups.values()].reduce((a, b) => a + b, 0);
  console.log(`\ninside it (rendered, before minification; ${kb(total)} in all):`);
  for (const [group, size] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, limit))
    console.log(`  ${kb(size).padStart(9)} ${((100 * size) / total).toFixed(1).padStart(5)} %  ${group}`);

  const initialFiles = new Set(initial.map((f) => f.file));
  const lazy = [...modulesByChunk.keys()]
    .filter((file) => !initialFiles.has(file))
    .map((file) => ({ file, gzip: gzipSync(readFileSync(path.join(outDir, file)), { level: 9 }).length }))
    .sort((a, b) => b.gzip - a.gzip)
    .slice(0, 10);
  console.log('\nbiggest lazy chunks (gzip):');
  for (const c of lazy) console.log(`  ${kb(c.gzip).padStart(9)}  ${c.file}`);
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
