import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';

/** The pid file the running server holds in DATA_DIR (also monit's `check process … with pidfile`). */
export const PID_FILE = 'souzlift.pid';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export interface HeldLock {
  release(): void;
}

/**
 * Creates `file` exclusively with our pid. A file left by a dead process is taken over;
 * one held by a live process throws `busyMessage`.
 */
export function acquireFileLock(file: string, busyMessage: string): HeldLock {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return {
        release: () => {
          if (readPid(file) === process.pid) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = readPid(file);
      if (pid !== null && pid !== process.pid && isAlive(pid)) throw new Error(`${busyMessage} (pid ${pid})`);
      rmSync(file, { force: true });
    }
  }
  throw new Error(busyMessage);
}

/** Held by `src/server/main.ts` while the server runs; restore refuses to run under it. */
export function acquireServerLock(config: Config): HeldLock {
  mkdirSync(config.dataDir, { recursive: true });
  return acquireFileLock(
    path.join(config.dataDir, PID_FILE),
    `приложение уже запущено с этим DATA_DIR (${config.dataDir})`,
  );
}

export interface RunningState {
  running: boolean;
  reasons: string[];
}

async function probeHealthz(host: string, port: number, timeoutMs: number): Promise<boolean> {
  const h = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const url = `http://${h.includes(':') ? `[${h}]` : h}:${port}/healthz`;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return false;
    const body = (await res.json()) as { status?: unknown };
    return body.status === 'ok';
  } catch {
    return false;
  }
}

/** Is an app instance using this configuration? Its pid file in DATA_DIR, or /healthz on HOST:PORT. */
export async function detectRunningApp(config: Config, timeoutMs = 1500): Promise<RunningState> {
  const reasons: string[] = [];
  const pidFile = path.join(config.dataDir, PID_FILE);
  const pid = existsSync(pidFile) ? readPid(pidFile) : null;
  if (pid !== null && isAlive(pid)) reasons.push(`процесс ${pid} держит ${pidFile}`);
  if (config.port > 0 && (await probeHealthz(config.host, config.port, timeoutMs)))
    reasons.push(`http://${config.host}:${config.port}/healthz отвечает`);
  return { running: reasons.length > 0, reasons };
}
