import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startServer, tempDataDir } from '../helpers/cli.js';

const dirs: string[] = [];

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('server start-up', () => {
  it('first start creates the data folder, migrates and prints a one-time admin password once', async () => {
    const dir = path.join(tempDataDir(), 'data');
    dirs.push(path.dirname(dir));
    const first = await startServer({ DATA_DIR: dir });
    const password = /Пароль: (\S+)/.exec(first.output())?.[1];
    expect(password).toBeTruthy();
    const login = await fetch(`${first.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    expect(login.status).toBe(200);
    expect((await login.json()).user.mustChangePassword).toBe(true);
    expect(await first.stop()).toBe(0);

    const second = await startServer({ DATA_DIR: dir });
    expect(second.output()).not.toContain('Пароль:');
    await second.stop();
  });

  it('refuses to start with pending migrations unless told to migrate', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    await expect(startServer({ DATA_DIR: dir }, [])).rejects.toThrow(/souzlift migrate/);
    expect(runCli(['migrate'], { DATA_DIR: dir }).status).toBe(0);
    const server = await startServer({ DATA_DIR: dir }, []);
    await server.stop();
  });

  it('answers /healthz without I/O and /readyz with each check, 503 naming the failing one', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const server = await startServer({ DATA_DIR: dir, DISK_MIN_FREE_MB: '1' });
    const health = await (await fetch(`${server.url}/healthz`)).json();
    expect(health).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    await server.stop();

    const starved = await startServer({ DATA_DIR: dir, DISK_MIN_FREE_MB: String(1024 * 1024 * 1024) });
    const notReady = await fetch(`${starved.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect((await notReady.json()).failing).toEqual(['disk']);
    await starved.stop();
  });

  it('writes JSON logs to LOG_DIR/app.log and reopens the file on SIGHUP (logrotate)', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const server = await startServer({ DATA_DIR: dir });
    const log = path.join(dir, 'logs', 'app.log');
    await fetch(`${server.url}/healthz`);
    renameSync(log, `${log}.1`);
    server.process.kill('SIGHUP');
    await waitFor(() => existsSync(log) && readFileSync(log, 'utf8').includes('log file reopened'));
    await fetch(`${server.url}/api/auth/me`);
    expect(await server.stop()).toBe(0);
    const fresh = readFileSync(log, 'utf8').trim().split('\n');
    expect(fresh.length).toBeGreaterThan(0);
    expect(() => JSON.parse(fresh[0]!)).not.toThrow();
    expect(readFileSync(`${log}.1`, 'utf8')).toContain('souzlift started');
  });
});
