import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Resident set size of a process in MB (VmRSS), or null once it is gone. */
export function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Samples the RSS of `pid` every `everyMs` until stopped; returns peak and the samples. */
export function sampleRss(pid: number, everyMs = 200) {
  const samples: Array<{ t: number; mb: number }> = [];
  const t0 = performance.now();
  const take = () => {
    const mb = rssMb(pid);
    if (mb !== null) samples.push({ t: performance.now() - t0, mb });
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { peak: Math.max(...samples.map((s) => s.mb)), samples };
    },
  };
}

export interface RunningProcess {
  pid: number;
  url: string;
  logFile: string;
  stop(): Promise<void>;
}

async function waitForHttp(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  logFile: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
      throw new Error(`process exited with code ${child.exitCode} before answering ${url}\n${tail}`);
    }
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms`);
}

/** Spawns `node <args>` with stdout/stderr into `logFile`, waits for `readyPath` to answer 200. */
export async function startProcess(options: {
  args: string[];
  env: NodeJS.ProcessEnv;
  port: number;
  readyPath: string;
  logFile: string;
}): Promise<RunningProcess> {
  const out = createWriteStream(options.logFile);
  const child = spawn(process.execPath, options.args, {
    cwd: ROOT,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await waitForHttp(url + options.readyPath, child, 60_000, options.logFile);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    pid: child.pid!,
    url,
    logFile: options.logFile,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Writes back everything dirty on this machine (`sync`) before a disk-bound measurement: the
 * harness's own start-up (a 548 MB database copy, 180,000 photo links) or an earlier scenario would
 * otherwise still be flushing while fsyncs are timed, and only the first of two timed steps pays.
 */
export function settleDisk(): void {
  execFileSync('sync');
}
