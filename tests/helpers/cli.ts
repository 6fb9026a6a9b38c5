import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const TSX = ['--import', 'tsx'];

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function tempDataDir(prefix = 'souzlift-cli-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Runs the real `souzlift` CLI from source as a child process. */
export function runCli(args: string[], env: Record<string, string>, input?: string): CliResult {
  const res = spawnSync(process.execPath, [...TSX, path.join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    input,
    timeout: 60_000,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

export interface RunningServer {
  process: ChildProcess;
  url: string;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts the real server from source on a free loopback port and waits until it listens. A port
 * taken between choosing and listening (by another test's server or an outgoing connection) gets
 * another try on a new port; a random port once collided with a live connection's ephemeral port.
 */
export async function startServer(
  env: Record<string, string>,
  args: string[] = ['--migrate'],
): Promise<RunningServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOn(await freePort(), env, args);
    } catch (error) {
      if (attempt === 3 || !String(error).includes('EADDRINUSE')) throw error;
    }
  }
}

async function startOn(port: number, env: Record<string, string>, args: string[]): Promise<RunningServer> {
  const child = spawn(process.execPath, [...TSX, path.join(ROOT, 'src/server/main.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early: ${out}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    process: child,
    url,
    output: () => out,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      }),
  };
}
