import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import type { Config } from '../../src/server/config.js';
import { loadConfig } from '../../src/server/config.js';
import type { AppContext } from '../../src/server/context.js';
import { TestClock } from './clock.js';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  config: Config;
  clock: TestClock;
  dir: string;
  close(): Promise<void>;
}

/** A fresh app on a fresh, migrated SQLite file in a temp dir (one per test file, or per test). */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dir = mkdtempSync(path.join(tmpdir(), 'souzlift-test-'));
  const config = loadConfig(
    { DATA_DIR: dir, LOG_LEVEL: 'silent', CLIENT_DIR: path.join(dir, 'no-client'), ...env },
    '',
  );
  const clock = new TestClock();
  const { app, ctx } = await buildApp(config, { migrate: true, clock });
  await app.ready();
  return {
    app,
    ctx,
    config,
    clock,
    dir,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A browser-like API client: keeps the session cookie and sends the CSRF token on unsafe requests. */
export class ApiClient {
  cookie = '';
  csrfToken = '';

  constructor(private readonly app: FastifyInstance) {}

  async request(options: InjectOptions & { method: string; url: string }): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...(options.headers as Record<string, string>) };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken && options.method !== 'GET' && options.method !== 'HEAD')
      headers['x-csrf-token'] = this.csrfToken;
    const res = await this.app.inject({ ...options, headers });
    const setCookie = res.cookies.find((c) => c.name === 'sid' || c.name === '__Host-sid');
    if (setCookie) this.cookie = setCookie.value ? `${setCookie.name}=${setCookie.value}` : '';
    return res;
  }

  get(url: string) {
    return this.request({ method: 'GET', url });
  }

  post(url: string, payload?: unknown) {
    return this.request({
      method: 'POST',
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  }

  patch(url: string, payload: unknown) {
    return this.request({ method: 'PATCH', url, payload: payload as object });
  }

  put(url: string, payload: unknown) {
    return this.request({ method: 'PUT', url, payload: payload as object });
  }

  delete(url: string) {
    return this.request({ method: 'DELETE', url });
  }

  async login(username: string, password: string): Promise<LightMyRequestResponse> {
    const res = await this.post('/api/auth/login', { username, password });
    if (res.statusCode === 200) this.csrfToken = res.json<{ csrfToken: string }>().csrfToken;
    return res;
  }
}
