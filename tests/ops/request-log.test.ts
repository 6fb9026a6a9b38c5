import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { createLogger } from '../../src/server/logger.js';
import { waitFor } from '../helpers/media-factories.js';

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

describe('request lines with the production logger', () => {
  it('still removes secrets from other lines, while request lines come out whole', async () => {
    const logDir = mkdtempSync(path.join(tmpdir(), 'souzlift-reqlog-file-'));
    const appLogger = createLogger({ level: 'info', logDir, stdout: false });
    const config = loadConfig(
      { DATA_DIR: logDir, LOG_LEVEL: 'info', CLIENT_DIR: path.join(logDir, 'no-client') },
      '',
    );
    const built = await buildApp(config, { migrate: true, logger: appLogger.logger });
    try {
      await built.app.inject({ method: 'GET', url: '/api/auth/me?page=1' });
      built.app.log.info({ password: 'секрет-1', user: { password: 'секрет-2' } }, 'careless line');
      const file = path.join(logDir, 'app.log');
      const text = await waitFor('the lines in app.log', () => {
        appLogger.flush(); // a no-op until the file is open
        const written = existsSync(file) ? readFileSync(file, 'utf8') : '';
        return written.includes('careless line') && written;
      });
      expect(text).not.toContain('секрет');
      const parsed = text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
      expect(parsed.find((l) => l.msg === 'careless line')).toMatchObject({ user: {} });
      expect(parsed.find((l) => l.msg === 'request completed')).toMatchObject({
        service: 'souzlift',
        reqId: expect.any(String),
        req: { method: 'GET', url: '/api/auth/me?page=1', remoteAddress: '127.0.0.1' },
        res: { statusCode: 401 },
      });
    } finally {
      await built.app.close();
      rmSync(logDir, { recursive: true, force: true });
    }
  });
});
