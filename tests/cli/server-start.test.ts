import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
    const refused = await startServer({ DATA_DIR: dir }, []).catch((error: Error) => error);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toMatch(/souzlift migrate/);
    // Only the message: no stack trace from the log file closing at exit.
    expect((refused as Error).message).not.toMatch(/\n\s+at /);
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

  it('LOG_STDOUT_LEVEL=warn keeps request lines out of stdout (the journal) but in app.log', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    // An upload cut short by a crash: start-up removes it and says so with a warning.
    mkdirSync(path.join(dir, 'media', 'incoming'), { recursive: true });
    writeFileSync(path.join(dir, 'media', 'incoming', 'cut.part'), 'x');
    const server = await startServer({ DATA_DIR: dir, LOG_STDOUT_LEVEL: 'warn' });
    const res = await fetch(`${server.url}/api/auth/me`);
    expect(res.status).toBe(401);
    await fetch(`${server.url}/api/no-such-route`);
    expect(await server.stop()).toBe(0);
    const fileLines = readFileSync(path.join(dir, 'logs', 'app.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { level: number; msg: string; req?: { url: string } });
    expect(fileLines.some((l) => l.msg === 'request completed' && l.req?.url === '/api/auth/me')).toBe(true);
    // The one-time admin password is printed directly, not through the logger: it still shows.
    expect(server.output()).toContain('Пароль:');
    expect(server.output()).not.toContain('request completed');
    expect(server.output()).not.toContain('souzlift started');
    expect(server.output()).toContain('removed partial uploads');
  });

  it('has every request line in app.log within seconds while the server keeps running', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const server = await startServer({ DATA_DIR: dir });
    const log = path.join(dir, 'logs', 'app.log');
    const res = await fetch(`${server.url}/api/auth/me`, { headers: { 'user-agent': 'quiet-server-probe' } });
    expect(res.status).toBe(401);
    // Lines are buffered 4 KB at a time; on a quiet server the flush timer must still write them.
    await waitFor(() => existsSync(log) && readFileSync(log, 'utf8').includes('"url":"/api/auth/me"'), 5000);
    await server.stop();
  });
});
