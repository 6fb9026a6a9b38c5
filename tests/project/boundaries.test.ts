import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BIOME = path.join(ROOT, 'node_modules', '.bin', 'biome');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Lints one file placed at `relPath` in a scratch tree that uses the project's own biome.json. */
function lintFile(relPath: string, source: string): { status: number | null; output: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'souzlift-lint-'));
  dirs.push(dir);
  const config = JSON.parse(readFileSync(path.join(ROOT, 'biome.json'), 'utf8'));
  config.vcs = { enabled: false };
  delete config.$schema;
  writeFileSync(path.join(dir, 'biome.json'), JSON.stringify(config));
  for (const p of ['src/server/app.ts', 'src/client/main.ts', 'src/shared/rules.ts', relPath]) {
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
  }
  writeFileSync(path.join(dir, 'src/server/app.ts'), 'export const app = 1;\n');
  writeFileSync(path.join(dir, 'src/client/main.ts'), 'export const main = 1;\n');
  writeFileSync(path.join(dir, 'src/shared/rules.ts'), 'export const rule = 1;\n');
  writeFileSync(path.join(dir, relPath), source);
  const res = spawnSync(BIOME, ['lint', relPath], { cwd: dir, encoding: 'utf8' });
  return { status: res.status, output: `${res.stdout}${res.stderr}` };
}

describe('layer boundaries (DESIGN §2) are enforced by npm run lint', () => {
  it('fails when src/shared imports server code', () => {
    const res = lintFile(
      'src/shared/x.ts',
      "import { app } from '../server/app.js';\n\nexport const x = app;\n",
    );
    expect(res.status).not.toBe(0);
    expect(res.output).toContain('src/shared is pure');
  });

  it('fails when src/shared imports a Node built-in', () => {
    const res = lintFile(
      'src/shared/y.ts',
      "import { readFileSync } from 'node:fs';\n\nexport const y = readFileSync;\n",
    );
    expect(res.status).not.toBe(0);
    expect(res.output).toContain('no Node built-ins');
  });

  it('fails when the client imports server code', () => {
    const res = lintFile(
      'src/client/z.ts',
      "import { app } from '../server/app.js';\n\nexport const z = app;\n",
    );
    expect(res.status).not.toBe(0);
    expect(res.output).toContain('must not import server code');
  });

  it('lets the server and the client import shared code', () => {
    const res = lintFile(
      'src/server/ok.ts',
      "import { main } from '../client/main.js';\n\nexport const ok = main;\n",
    );
    expect(res.status).toBe(0);
    expect(
      lintFile('src/client/ok.ts', "import { rule } from '../shared/rules.js';\n\nexport const ok = rule;\n")
        .status,
    ).toBe(0);
  });
});
