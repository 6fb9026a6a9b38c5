import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../helpers/app.js';
import { buildUser, loggedIn } from '../helpers/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ SUPPORT_EMAIL: 'help@souzlift.test', SUPPORT_PHONE: '+7 (495) 000-00-00' });
});
afterAll(() => t.close());

const hours = (h: number) => new Date(t.clock.now().getTime() + h * 3_600_000).toISOString();

describe('maintenance announcements', () => {
  it('an admin schedules a banner that every signed-in user sees only during its window', async () => {
    const { client: admin } = await loggedIn(t, { role: 'admin' });
    const { client: auditor } = await loggedIn(t, { role: 'auditor' });
    const res = await admin.post('/api/announcements', {
      message: 'Плановые работы 2 декабря с 20:00 до 21:00: приложение будет недоступно.',
      startsAt: hours(1),
      endsAt: hours(72),
    });
    expect(res.statusCode).toBe(201);
    const { announcement } = res.json();
    expect(announcement).toMatchObject({ isActive: false, startsAt: hours(1) });

    expect((await auditor.get('/api/announcements/active')).json().items).toEqual([]);
    t.clock.advance(2 * 3_600_000);
    const active = (await auditor.get('/api/announcements/active')).json().items;
    expect(active).toHaveLength(1);
    expect(active[0]).toMatchObject({
      id: announcement.id,
      isActive: true,
      message: expect.stringMatching(/^Плановые работы/),
    });
    t.clock.advance(72 * 3_600_000);
    expect((await auditor.get('/api/announcements/active')).json().items).toEqual([]);
    // The admin list keeps past banners.
    expect((await admin.get('/api/announcements')).json().items.map((a: { id: number }) => a.id)).toContain(
      announcement.id,
    );
  });

  it('shows the banner to a user who still has to change a temporary password, not to anonymous visitors', async () => {
    const { client: admin } = await loggedIn(t, { role: 'admin' });
    await admin.post('/api/announcements', { message: 'Работы', startsAt: hours(-1), endsAt: hours(1) });
    const fresh = await buildUser(t.ctx, { mustChangePassword: true });
    const client = new ApiClient(t.app);
    expect((await client.login(fresh.username, fresh.password)).statusCode).toBe(200);
    expect((await client.get('/api/announcements/active')).json().items.length).toBeGreaterThan(0);
    const anonymous = await new ApiClient(t.app).get('/api/announcements/active');
    expect(anonymous.statusCode).toBe(401);
  });

  it('lets only admins create, edit and delete, each change recorded in events', async () => {
    const { client: admin, user } = await loggedIn(t, { role: 'admin' });
    const { client: auditor } = await loggedIn(t, { role: 'auditor' });
    const body = { message: 'Обновление', startsAt: hours(24), endsAt: hours(26) };
    expect((await auditor.post('/api/announcements', body)).statusCode).toBe(403);
    expect((await auditor.get('/api/announcements')).statusCode).toBe(403);

    const id = (await admin.post('/api/announcements', body)).json().announcement.id;
    const edited = await admin.patch(`/api/announcements/${id}`, { endsAt: hours(30) });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().announcement.endsAt).toBe(hours(30));
    expect((await auditor.delete(`/api/announcements/${id}`)).statusCode).toBe(403);
    expect((await admin.delete(`/api/announcements/${id}`)).statusCode).toBe(204);
    expect((await admin.delete(`/api/announcements/${id}`)).json().error.code).toBe('announcement.not_found');

    const events = await t.ctx.db
      .selectFrom('events')
      .select(['action', 'userId'])
      .where('entityType', '=', 'announcement')
      .where('entityId', '=', String(id))
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      { action: 'announcement.created', userId: user.id },
      { action: 'announcement.updated', userId: user.id },
      { action: 'announcement.deleted', userId: user.id },
    ]);
  });

  it('rejects an end before the start and an empty message with Russian 400s', async () => {
    const { client: admin } = await loggedIn(t, { role: 'admin' });
    const backwards = await admin.post('/api/announcements', {
      message: 'x',
      startsAt: hours(5),
      endsAt: hours(4),
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error).toMatchObject({
      code: 'announcement.invalid_period',
      message: 'Окончание показа должно быть позже начала.',
    });
    const empty = await admin.post('/api/announcements', {
      message: '  ',
      startsAt: hours(1),
      endsAt: hours(2),
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('validation.failed');
    const extra = await admin.post('/api/announcements', {
      message: 'x',
      startsAt: hours(1),
      endsAt: hours(2),
      level: 1,
    });
    expect(extra.statusCode).toBe(400);
  });
});

describe('GET /api/support', () => {
  it('gives the support contacts from config and the app version, even before login', async () => {
    const res = await new ApiClient(t.app).get('/api/support');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      email: 'help@souzlift.test',
      phone: '+7 (495) 000-00-00',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
  });
});
