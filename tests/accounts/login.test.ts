import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../helpers/app.js';
import { buildUser } from '../helpers/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('login', () => {
  it('logs in with the right password and returns the user and a CSRF token', async () => {
    const user = await buildUser(t.ctx);
    const client = new ApiClient(t.app);
    const res = await client.login(user.username, user.password);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.username).toBe(user.username);
    expect(res.json().csrfToken).toMatch(/.{20,}/);
    const me = await client.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.id).toBe(user.id);
  });

  it('answers a wrong password and an unknown user with the same 401 body', async () => {
    const user = await buildUser(t.ctx);
    const wrong = await new ApiClient(t.app).login(user.username, 'совсем-не-тот-пароль');
    const unknown = await new ApiClient(t.app).login('nobody-here', 'совсем-не-тот-пароль');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (b: { error: unknown }) => b.error;
    expect(strip(wrong.json())).toEqual(strip(unknown.json()));
    expect(wrong.json().error.code).toBe('auth.invalid_credentials');
  });
});
