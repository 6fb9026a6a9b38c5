import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../helpers/app.js';
import { buildUser } from '../helpers/factories.js';

describe('security headers and cookies (development, http)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('sends a self-only CSP without inline scripts, no framing, nosniff and a same-origin referrer policy', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(/script-src [^;]*unsafe-inline/.test(csp)).toBe(false);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('sends the same security headers on answers, refusals and pages', async () => {
    const names = [
      'content-security-policy',
      'cross-origin-opener-policy',
      'cross-origin-resource-policy',
      'origin-agent-cluster',
      'referrer-policy',
      'x-content-type-options',
      'x-dns-prefetch-control',
      'x-download-options',
      'x-frame-options',
      'x-permitted-cross-domain-policies',
      'x-xss-protection',
    ];
    const user = await buildUser(t.ctx);
    const api = new ApiClient(t.app);
    await api.login(user.username, user.password);
    const answers = [
      await api.get('/api/auth/me'), // 200
      await t.app.inject({ method: 'GET', url: '/api/audits' }), // 401, thrown by a guard
      await api.get('/api/audits?page=0'), // 400, refused by validation
      await t.app.inject({ method: 'GET', url: '/api/docs' }), // an HTML page
    ];
    expect(answers.map((res) => res.statusCode)).toEqual([200, 401, 400, 200]);
    const [first, ...rest] = answers.map((res) =>
      Object.fromEntries(names.map((name) => [name, res.headers[name]])),
    );
    for (const name of names) expect(first?.[name], name).toBeTruthy();
    for (const other of rest) expect(other).toEqual(first);
    for (const res of answers) expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('sets the session cookie HttpOnly and SameSite=Lax', async () => {
    const user = await buildUser(t.ctx);
    const res = await new ApiClient(t.app).login(user.username, user.password);
    const cookie = res.cookies.find((c) => c.name === 'sid');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
  });

  it('describes the API as OpenAPI at /api/docs/json and serves the UI under the same CSP', async () => {
    const json = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(json.statusCode).toBe(200);
    expect(Object.keys(json.json().paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/users/{id}']),
    );
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(ui.statusCode).toBe(200);
    expect(String(ui.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });
});

describe('security headers and cookies (production, https)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://audit.souzlift.example',
      SESSION_SECRET: 'pQ7vX2mR9sL4tW8yB3nC6kH1jF5dG0aZ-uE_oI2rT7',
    });
  });
  afterAll(() => t.close());

  it('adds HSTS', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(res.headers['strict-transport-security']).toContain('max-age=31536000');
  });

  it('uses a Secure __Host- session cookie', async () => {
    const user = await buildUser(t.ctx);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: user.password },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === '__Host-sid');
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(res.cookies.find((c) => c.name === 'sid')).toBeUndefined();
  });
});
