/**
 * Playwright fixture: one real, built server (`node dist/server/main.js --migrate`) per spec file,
 * with its own temporary DATA_DIR on a free 127.0.0.1 port. It reads the one-time password of the
 * first administrator from the server's stdout and waits for /healthz. `baseURL` points at it, so
 * `page.goto('/login')` just works.
 *
 * Usage in a spec: `import { expect, test } from './support/server.js';` then use the `app` fixture:
 * `app.initialAdmin` (the first admin; its password must be changed at first login — only one spec
 * flow can consume it) or `await app.createAdmin('name')` (CLI `createadmin`: ready to use, no
 * forced change).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { test as base, expect } from '@playwright/test';
import { freePort } from '../../tests/helpers/free-port.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = path.join(ROOT, 'dist', 'server', 'main.js');
const CLI = path.join(ROOT, 'bin', 'souzlift.js');
const run = promisify(execFile);

export interface Credentials {
  username: string;
  password: string;
}

export interface RunningApp {
  url: string;
  dataDir: string;
  initialAdmin: Credentials;
  /** Creates an administrator through the CLI (no forced password change). */
  createAdmin: (username: string, password?: string) => Promise<Credentials>;
  stop: () => Promise<void>;
}

function serverEnv(dataDir: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
  for (const key of ['DATABASE_PATH', 'DATABASE_URL', 'MEDIA_DIR', 'LOG_DIR', 'BACKUP_DIR', 'TRUST_PROXY'])
    delete env[key];
  return env;
}

async function waitForHealthz(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not answer /healthz within 30 s:\n${output()}`);
}

async function waitForInitialAdmin(read: () => string, child: ChildProcess): Promise<Credentials> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const text = read();
    const username = /Логин:\s+(\S+)/.exec(text)?.[1];
    const password = /Пароль:\s+(\S+)/.exec(text)?.[1];
    if (username && password) return { username, password };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the server did not print the first administrator:\n${read()}`);
}

export async function startApp(): Promise<RunningApp> {
  if (!existsSync(MAIN) || !existsSync(path.join(ROOT, 'dist', 'client', 'index.html')))
    throw new Error('dist/ is missing: run `npm run build` first (`npm run test:e2e` does).');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'souzlift-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = serverEnv(dataDir, port);
  const child = spawn(process.execPath, [MAIN, '--migrate'], { cwd: dataDir, env, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const output = () => `${stdout}\n${stderr}`;

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealthz(url, child, output);
    const initialAdmin = await waitForInitialAdmin(() => stdout, child);
    const createAdmin = async (
      username: string,
      password = `Шахта-Кабина-${randomBytes(4).toString('hex')}`,
    ) => {
      await run(
        process.execPath,
        [CLI, 'createadmin', '--username', username, '--password', password, '--full-name', username],
        { cwd: dataDir, env },
      );
      return { username, password };
    };
    return { url, dataDir, initialAdmin, createAdmin, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

interface WorkerFixtures {
  appsByFile: Map<string, Promise<RunningApp>>;
}

interface TestFixtures {
  app: RunningApp;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  appsByFile: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the fixtures argument.
    async ({}, use) => {
      const apps = new Map<string, Promise<RunningApp>>();
      await use(apps);
      for (const app of apps.values()) await (await app).stop();
    },
    { scope: 'worker' },
  ],
  app: async ({ appsByFile }, use, testInfo) => {
    // A worker runs one file after another: a new file means the previous file's server can go.
    for (const [file, app] of appsByFile) {
      if (file === testInfo.file) continue;
      appsByFile.delete(file);
      await (await app).stop();
    }
    let app = appsByFile.get(testInfo.file);
    if (!app) {
      app = startApp();
      appsByFile.set(testInfo.file, app);
    }
    await use(await app);
  },
  baseURL: async ({ app }, use) => {
    await use(app.url);
  },
});

export { expect };
