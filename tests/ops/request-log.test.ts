import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';

let dir: string;
let app: Awaited<ReturnType<typeof buildApp>>['app'];
const lines: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'souzlift-reqlog-'));
  const config = loadConfig(
    { DATA_DIR: dir, LOG_LEVEL: 'info', CLIENT_DIR: path.join(dir, 'no-client') },
    '',
  );
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n')) if (l.trim()) lines.push(JSON.parse(l));
      cb();
    },
  });
  ({ app } = await buildApp(config, { migrate: true, logger: pino({ level: 'info' }, sink) }));
  await app.ready();
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

const requestLines = () => lines.filter((l) => l.msg === 'request completed' || l.msg === 'incoming request');

describe('request logging', () => {
  it('writes one line per request with method, url, status and time; health probes write none', async () => {
    lines.length = 0;
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBeLessThan(600);
    expect(requestLines()).toEqual([]);

    const res = await app.inject({ method: 'GET', url: '/api/auth/me' });
    const logged = requestLines();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      reqId: expect.any(String),
      req: { method: 'GET', url: '/api/auth/me' },
      res: { statusCode: res.statusCode },
      responseTime: expect.any(Number),
    });
  });
});

describe('request ids in log lines', () => {
  it('gives every API request its own id, however many health probes run in between', async () => {
    lines.length = 0;
    await app.inject({ method: 'GET', url: '/api/auth/me' });
    for (let i = 0; i < 3; i++) await app.inject({ method: 'GET', url: '/healthz' });
    await app.inject({ method: 'GET', url: '/api/auth/me' });
    const ids = requestLines().map((l) => l.reqId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toEqual(expect.any(String));
    expect(ids[1]).toEqual(expect.any(String));
    expect(ids[0]).not.toBe(ids[1]);
  });
});
