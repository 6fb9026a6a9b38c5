import { type ChildProcess, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { ApiClient } from '../helpers/app.js';
import { buildElevator, createAudit, noisePng, publishChecklist } from '../helpers/audit-factories.js';
import { type RunningServer, runCli, startServer } from '../helpers/cli.js';
import { type BuiltUser, buildUser } from '../helpers/factories.js';
import { freePort } from '../helpers/free-port.js';
import {
  addStoredPhoto,
  migratedDataDir,
  type OpsDataDir,
  type StoredPhoto,
  seedAudit,
} from '../helpers/ops-factories.js';
import { fetchRaw, type NginxLayout, renderNginx, startNginx } from './nginx-harness.js';
import { ROOT } from './ops-cli.js';

/* The app behind the shipped nginx site on loopback: TLS, proxy headers, X-Accel-Redirect media, body
   limits, static assets and the maintenance page — what a browser on the staged server goes through. */

const PASSWORD = 'Прокси-проверка-2026';
let data: OpsDataDir;
let photo: StoredPhoto;
let server: RunningServer;
let nginx: ChildProcess;
let layout: NginxLayout;
let cookie = '';
let dir: string;
let auditor: BuiltUser;
let auditUuid: string;

const https = (p: string, init: Parameters<typeof fetchRaw>[0] extends infer O ? Partial<O> : never = {}) =>
  fetchRaw({ port: layout.httpsPort, path: p, ...init, headers: { cookie, ...init.headers } });

beforeAll(async () => {
  data = await migratedDataDir();
  dir = mkdtempSync(path.join(tmpdir(), 'souzlift-proxy-'));
  photo = addStoredPhoto(data, seedAudit(data.db), Buffer.alloc(50_000, 9));
  // A real auditor with a real draft audit, made through the app in-process on the same database.
  const built = await buildApp(
    loadConfig({ DATA_DIR: data.dir, LOG_LEVEL: 'silent', CLIENT_DIR: path.join(data.dir, 'none') }, ''),
    { migrate: true },
  );
  await built.app.ready();
  try {
    const admin = await buildUser(built.ctx, { role: 'admin' });
    auditor = await buildUser(built.ctx, { role: 'auditor' });
    await publishChecklist(built.ctx, admin.id);
    const { elevator } = await buildElevator(built.ctx);
    const client = new ApiClient(built.app);
    await client.login(auditor.username, auditor.password);
    auditUuid = await createAudit(client, elevator.id);
  } finally {
    await built.app.close();
  }
  expect(runCli(['createadmin', '--username', 'ops-admin', '--password', PASSWORD], data.env).status).toBe(0);
  const [http, tls] = [await freePort(), await freePort()];
  server = await startServer({
    ...data.env,
    PUBLIC_URL: `https://audit.example.ru:${tls}`,
    TRUST_PROXY: 'true',
    MEDIA_ACCEL_REDIRECT: '/protected-media',
  });
  layout = renderNginx(dir, { http, https: tls, upstream: Number(new URL(server.url).port) }, data.media);
  writeFileSync(path.join(layout.clientDir, 'assets', 'app-3f9a1c.js'), 'console.log("souzlift");\n');
  nginx = await startNginx(layout);
});

afterAll(async () => {
  nginx?.kill('SIGQUIT');
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
  rmSync(data.dir, { recursive: true, force: true });
});

describe('the app behind the shipped nginx site', () => {
  it('redirects plain HTTP to HTTPS', async () => {
    const res = await fetchRaw({ port: layout.httpPort, path: '/audits?x=1', tls: false });
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('https://audit.example.ru/audits?x=1');
  });

  it('logs in over HTTPS; the app trusts the forwarded scheme and host for the Origin check', async () => {
    const wrong = await https('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://audit.example.ru' },
      body: JSON.stringify({ username: 'ops-admin', password: 'не-тот-пароль-1' }),
    });
    expect(wrong.status).toBe(401);
    const res = await https('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://audit.example.ru' },
      body: JSON.stringify({ username: 'ops-admin', password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^__Host-sid=[^;]+;.*Secure/);
    cookie = setCookie.split(';')[0]!;
    expect((await https('/api/auth/me')).status).toBe(200);
  });

  it('serves a photo through X-Accel-Redirect from the internal location, never directly', async () => {
    const res = await https(`/api/attachments/${photo.uuid}`);
    expect(res.status).toBe(200);
    expect(res.body.equals(readFileSync(photo.file))).toBe(true);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['x-accel-redirect']).toBeUndefined();
    const direct = await https(`/protected-media/${photo.storageKey}`);
    expect(direct.status).toBe(404);
  });

  it('an auditor uploads a 1.5 MB photo through nginx and gets the same bytes back by X-Accel-Redirect', async () => {
    const login = await https('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://audit.example.ru', cookie: '' },
      body: JSON.stringify({ username: auditor.username, password: auditor.password }),
    });
    expect(login.status).toBe(200);
    const auditorCookie = String(login.headers['set-cookie']).split(';')[0]!;
    const csrf = JSON.parse(login.body.toString()).csrfToken as string;
    const image = await noisePng(1_500_000);
    expect(image.length).toBeGreaterThan(1024 * 1024); // over the global limit, under the upload one
    const upload = await https(`/api/audits/${auditUuid}/attachments`, {
      method: 'POST',
      headers: {
        cookie: auditorCookie,
        'content-type': 'image/png',
        'x-csrf-token': csrf,
        origin: 'https://audit.example.ru',
      },
      body: image,
      expectContinue: true,
    });
    expect(upload.status).toBe(201);
    const { attachment } = JSON.parse(upload.body.toString());
    const back = await https(`/api/attachments/${attachment.uuid}`, { headers: { cookie: auditorCookie } });
    expect(back.status).toBe(200);
    expect(back.headers['content-type']).toBe('image/png');
    expect(back.body.equals(image)).toBe(true);
  });

  it('refuses a body over 1 MB on the API but lets photo uploads up to 9 MB through to the app', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 0x20);
    const login = await https('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
      expectContinue: true,
    });
    expect(login.status).toBe(413);
    expect(login.body.toString()).toContain('413');

    const upload = await https(`/api/offline-sync/attachments/${randomUUID()}`, {
      method: 'PUT',
      headers: { 'content-type': 'image/jpeg' },
      body: Buffer.alloc(3 * 1024 * 1024, 1),
      expectContinue: true,
    });
    expect(upload.status).not.toBe(413);
    expect(JSON.parse(upload.body.toString()).requestId).toMatch(/^[0-9a-f-]{36}$/); // the app answered

    const tooBig = await https(`/api/audits/${randomUUID()}/attachments`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: Buffer.alloc(10 * 1024 * 1024, 1),
      expectContinue: true,
    });
    expect(tooBig.status).toBe(413);
  });

  it('serves hashed assets itself with a one-year immutable cache', async () => {
    const res = await https('/assets/app-3f9a1c.js');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect((await https('/assets/missing-000.js')).status).toBe(404);
  });

  it('answers the Russian maintenance page (503, Retry-After) under the flag file and while the app is down', async () => {
    writeFileSync(layout.maintenanceFlag, '');
    const page = await https('/audits', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(503);
    expect(page.headers['retry-after']).toBe('120');
    expect(page.headers['content-type']).toMatch(/text\/html; charset=utf-8/);
    expect(page.body.toString()).toContain('Идут плановые работы');
    const api = await https('/api/audits');
    expect(api.status).toBe(503);
    expect(JSON.parse(api.body.toString()).error.code).toBe('server.maintenance');
    unlinkSync(layout.maintenanceFlag);
    expect((await https('/healthz')).status).toBe(200);

    await server.stop(); // as during a deploy: upstream refused → the same page, not a bare 502
    const down = await https('/login', { headers: { accept: 'text/html' } });
    expect(down.status).toBe(503);
    expect(down.headers['retry-after']).toBe('120');
    expect(down.body.toString()).toContain('Идут плановые работы');
  });

  it('the logwatch service summarises this app log: logins and failed uploads', () => {
    const res = spawnSync('perl', [path.join(ROOT, 'deploy/logwatch/scripts/services/souzlift')], {
      input: readFileSync(path.join(data.dir, 'logs', 'app.log')),
      env: { ...process.env, LOGWATCH_DATE_RANGE: 'today', LOGWATCH_DETAIL_LEVEL: '5' },
      encoding: 'utf8',
    });
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('Входы: успешных 2, неудачных 1, заблокировано по частоте 0');
    expect(res.stdout).toMatch(/Загрузка фото: ошибок 1 \(\d{3}: 1\)/);
  });
});
