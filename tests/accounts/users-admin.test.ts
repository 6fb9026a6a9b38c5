import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEventsFor } from '../../src/server/events/index.js';
import { ApiClient, createTestApp, type TestApp } from '../helpers/app.js';
import { loggedIn } from '../helpers/factories.js';

let t: TestApp;
let admin: ApiClient;
let adminId: number;
beforeAll(async () => {
  t = await createTestApp();
  const a = await loggedIn(t, { role: 'admin' });
  admin = a.client;
  adminId = a.user.id;
});
afterAll(() => t.close());

async function createAuditor(username: string, extra: Record<string, unknown> = {}) {
  const res = await admin.post('/api/users', {
    username,
    role: 'auditor',
    fullName: 'Иванов Иван',
    ...extra,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { user: { id: number; mustChangePassword: boolean }; temporaryPassword: string };
}

describe('admin user management', () => {
  it('creates a user with a generated temporary password that must be changed at first login', async () => {
    const { user, temporaryPassword } = await createAuditor('ivanov');
    expect(user.mustChangePassword).toBe(true);
    const auditor = new ApiClient(t.app);
    expect((await auditor.login('IVANOV', temporaryPassword)).statusCode).toBe(200);
    const blocked = await auditor.get('/api/users');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('auth.password_change_required');
    const changed = await auditor.post('/api/auth/password', {
      currentPassword: temporaryPassword,
      newPassword: 'Лифт-аудит-2026!',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().user.mustChangePassword).toBe(false);
  });

  it('refuses a second user with the same username in another letter case with 409', async () => {
    await createAuditor('petrova');
    const res = await admin.post('/api/users', { username: 'Petrova', role: 'auditor', fullName: 'Петрова' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('user.username_taken');
  });

  it('lists users with search, role and active filters and pagination', async () => {
    await createAuditor('sidorov', { fullName: 'Сидоров Сергей' });
    const { user } = await createAuditor('smirnov', { fullName: 'Смирнов Семён' });
    await admin.post(`/api/users/${user.id}/deactivate`);
    const bySearch = await admin.get(`/api/users?search=${encodeURIComponent('СИДОРОВ')}`);
    expect(bySearch.json().items.map((u: { username: string }) => u.username)).toEqual(['sidorov']);
    const inactive = await admin.get('/api/users?isActive=false');
    expect(inactive.json().items.map((u: { username: string }) => u.username)).toEqual(['smirnov']);
    const admins = await admin.get('/api/users?role=admin');
    expect(admins.json().items.every((u: { role: string }) => u.role === 'admin')).toBe(true);
    const page = await admin.get('/api/users?pageSize=2&page=2');
    expect(page.json().items).toHaveLength(2);
    expect(page.json().total).toBeGreaterThanOrEqual(5);
  });

  it('edits a profile and records the change with before/after in events', async () => {
    const { user } = await createAuditor('kuznetsov');
    const res = await admin.patch(`/api/users/${user.id}`, {
      fullName: 'Кузнецов Карп',
      phone: '+7 900 000-00-00',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.fullName).toBe('Кузнецов Карп');
    const events = await listEventsFor(t.ctx.db, 'user', user.id);
    const updated = events.find((e) => e.action === 'user.updated');
    expect(updated?.userId).toBe(adminId);
    expect(updated?.payload).toMatchObject({ fullName: { from: 'Иванов Иван', to: 'Кузнецов Карп' } });
  });

  it('resets a password: old sessions end, the new temporary password works and must be changed', async () => {
    const { user, temporaryPassword } = await createAuditor('volkov');
    const auditor = new ApiClient(t.app);
    await auditor.login('volkov', temporaryPassword);
    await auditor.post('/api/auth/password', {
      currentPassword: temporaryPassword,
      newPassword: 'Волк-и-лифт-2026',
    });
    const reset = await admin.post(`/api/users/${user.id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    expect((await auditor.get('/api/auth/me')).statusCode).toBe(401);
    const again = new ApiClient(t.app);
    expect((await again.login('volkov', 'Волк-и-лифт-2026')).statusCode).toBe(401);
    const login = await again.login('volkov', reset.json().temporaryPassword);
    expect(login.json().user.mustChangePassword).toBe(true);
    const actions = (await listEventsFor(t.ctx.db, 'user', user.id)).map((e) => e.action);
    expect(actions).toEqual(['user.created', 'user.password_changed', 'user.password_reset']);
  });

  it('reactivates a deactivated user who can then log in again', async () => {
    const { user, temporaryPassword } = await createAuditor('orlov');
    await admin.post(`/api/users/${user.id}/deactivate`);
    expect((await new ApiClient(t.app).login('orlov', temporaryPassword)).statusCode).toBe(401);
    expect((await admin.post(`/api/users/${user.id}/activate`)).json().user.isActive).toBe(true);
    expect((await new ApiClient(t.app).login('orlov', temporaryPassword)).statusCode).toBe(200);
  });

  it('does not let an admin deactivate themselves or demote the last admin', async () => {
    const self = await admin.post(`/api/users/${adminId}/deactivate`);
    expect(self.statusCode).toBe(409);
    expect(self.json().error.code).toBe('user.cannot_deactivate_self');
    const demote = await admin.patch(`/api/users/${adminId}`, { role: 'auditor' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.code).toBe('user.last_admin');
  });

  it('answers an unknown user id with 404 user.not_found', async () => {
    const res = await admin.get('/api/users/999999');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('user.not_found');
  });
});

describe('own password and profile', () => {
  it('refuses a new password that breaks the policy, naming each rule in Russian', async () => {
    const { user, client } = await loggedIn(t);
    const res = await client.post('/api/auth/password', {
      currentPassword: user.password,
      newPassword: '12345',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('auth.weak_password');
    const codes = res.json().error.details.map((d: { code: string }) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['too_short', 'all_digits']));
    expect(res.json().error.message).toMatch(/не менее 10 символов/);
  });

  it('refuses a wrong current password and keeps the old one', async () => {
    const { user, client } = await loggedIn(t);
    const res = await client.post('/api/auth/password', {
      currentPassword: 'не-тот-пароль',
      newPassword: 'Совсем-новый-2026',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('auth.wrong_current_password');
    expect((await new ApiClient(t.app).login(user.username, user.password)).statusCode).toBe(200);
  });

  it('ends the other sessions when asked while keeping the current one', async () => {
    const { user, client } = await loggedIn(t);
    const phone = new ApiClient(t.app);
    await phone.login(user.username, user.password);
    const res = await client.post('/api/auth/password', {
      currentPassword: user.password,
      newPassword: 'Другой-пароль-2026',
      endOtherSessions: true,
    });
    expect(res.statusCode).toBe(200);
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    expect((await phone.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('lets a user switch notifications off in their profile', async () => {
    const { client } = await loggedIn(t);
    const res = await client.patch('/api/auth/me', { notificationsEnabled: false, fullName: 'Новое Имя' });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ notificationsEnabled: false, fullName: 'Новое Имя' });
  });
});
