import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../helpers/app.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type BuiltUser, loggedIn } from '../helpers/factories.js';

let t: TestApp;
let admin: { user: BuiltUser; client: ApiClient };
let auditorA: { user: BuiltUser; client: ApiClient };
let auditorB: { user: BuiltUser; client: ApiClient };

beforeAll(async () => {
  t = await createTestApp();
  admin = await loggedIn(t, { role: 'admin' });
  auditorA = await loggedIn(t, { role: 'auditor' });
  auditorB = await loggedIn(t, { role: 'auditor' });
});
afterAll(() => t.close());

async function addPending(client: ApiClient, street: string) {
  const b = await client.post('/api/buildings', { city: 'Тверь', street, house: '7' });
  expect(b.statusCode).toBe(201);
  const building = b.json().building;
  const e = await client.post('/api/elevators', {
    buildingId: building.id,
    entrance: '2',
    capacityKg: 400,
    stops: 9,
  });
  expect(e.statusCode).toBe(201);
  return { building, elevator: e.json().elevator };
}

const ids = (res: { json(): { items: { id: number }[] } }) => res.json().items.map((i) => i.id);

describe('pending catalog records', () => {
  it('are created as pending by an auditor and approved when an admin creates them', async () => {
    const { building, elevator } = await addPending(auditorA.client, 'ул. Радищева');
    expect(building.reviewStatus).toBe('pending');
    expect(elevator.reviewStatus).toBe('pending');
    expect(elevator.address).toBe('Тверь, ул. Радищева, д. 7');
    const res = await admin.client.post('/api/buildings', {
      city: 'Тверь',
      street: 'ул. Советская',
      house: '1',
    });
    expect(res.json().building.reviewStatus).toBe('approved');
  });

  it("hides auditor A's pending building and elevator from auditor B everywhere (404 by id)", async () => {
    const { building, elevator } = await addPending(auditorA.client, 'ул. Трёхсвятская');
    const b = auditorB.client;
    expect(ids(await b.get('/api/buildings?q=трехсвятская'))).not.toContain(building.id);
    expect(ids(await b.get('/api/buildings?pageSize=200'))).not.toContain(building.id);
    expect(ids(await b.get('/api/elevators?q=трехсвятская'))).not.toContain(elevator.id);
    expect(ids(await b.get('/api/buildings/autocomplete?q=трёхсвят'))).not.toContain(building.id);
    const byId = await b.get(`/api/buildings/${building.id}`);
    expect(byId.statusCode).toBe(404);
    expect(byId.json().error.code).toBe('catalog.building_not_found');
    expect((await b.get(`/api/elevators/${elevator.id}`)).statusCode).toBe(404);
    // B cannot attach a lift to A's pending building either, and learns nothing about it.
    const attach = await b.post('/api/elevators', { buildingId: building.id, entrance: '1' });
    expect(attach.statusCode).toBe(404);

    // The author and admins do see them.
    expect(ids(await auditorA.client.get('/api/buildings?q=трехсвятская'))).toContain(building.id);
    expect(ids(await auditorA.client.get('/api/buildings/autocomplete?q=трёхсвят 7'))).toContain(building.id);
    expect((await auditorA.client.get(`/api/elevators/${elevator.id}`)).statusCode).toBe(200);
    expect(ids(await admin.client.get('/api/elevators?q=трехсвятская'))).toContain(elevator.id);
    const queue = await admin.client.get('/api/catalog/moderation');
    expect(ids({ json: () => ({ items: queue.json().buildings }) })).toContain(building.id);
  });

  it('become visible to everyone once approved', async () => {
    const { building, elevator } = await addPending(auditorA.client, 'ул. Вольного Новгорода');
    const approve = await admin.client.post(`/api/catalog/elevators/${elevator.id}/approve`);
    expect(approve.statusCode).toBe(200);
    // Approving the lift approved its pending building too.
    expect(approve.json().elevator.buildingReviewStatus).toBe('approved');
    expect((await auditorB.client.get(`/api/buildings/${building.id}`)).json().elevators[0].id).toBe(
      elevator.id,
    );
    expect(ids(await auditorB.client.get('/api/elevators?q=вольного новгорода'))).toContain(elevator.id);
    expect(ids(await auditorB.client.get('/api/buildings/autocomplete?q=вольного'))).toContain(building.id);
    const again = await admin.client.post(`/api/catalog/elevators/${elevator.id}/approve`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('catalog.not_pending');
  });

  it('once rejected disappear from search for everyone, and the author reads the reason', async () => {
    const { building, elevator } = await addPending(auditorA.client, 'ул. Жигарева');
    const reject = await admin.client.post(`/api/catalog/buildings/${building.id}/reject`, {
      reason: 'Такого дома нет, проверьте номер',
    });
    expect(reject.statusCode).toBe(200);
    for (const client of [auditorA.client, auditorB.client, admin.client]) {
      expect(ids(await client.get('/api/buildings?q=жигарева'))).not.toContain(building.id);
      expect(ids(await client.get('/api/elevators?q=жигарева'))).not.toContain(elevator.id);
      expect(ids(await client.get('/api/buildings/autocomplete?q=жигарева'))).not.toContain(building.id);
    }
    const own = await auditorA.client.get(`/api/buildings/${building.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().building.reviewStatus).toBe('rejected');
    expect(own.json().building.reviewNote).toBe('Такого дома нет, проверьте номер');
    // The lift in the rejected building was rejected with it, reason included.
    const mine = await auditorA.client.get('/api/elevators?mine=true&reviewStatus=rejected');
    expect(mine.json().items.find((e: { id: number }) => e.id === elevator.id)?.reviewNote).toBe(
      'Такого дома нет, проверьте номер',
    );
    expect((await auditorB.client.get(`/api/buildings/${building.id}`)).statusCode).toBe(404);
    // The admin's explicit «rejected» filter still finds it.
    expect(ids(await admin.client.get('/api/buildings?reviewStatus=rejected'))).toContain(building.id);
  });

  it('an author who edits a rejected record sends it back to moderation; others cannot edit approved ones', async () => {
    const { building } = await addPending(auditorA.client, 'ул. Андрея Дементьева');
    await admin.client.post(`/api/catalog/buildings/${building.id}/reject`, {
      reason: 'Неверный номер дома',
    });
    const edit = await auditorA.client.patch(`/api/buildings/${building.id}`, { house: '9' });
    expect(edit.statusCode).toBe(200);
    expect(edit.json().building.reviewStatus).toBe('pending');
    expect(edit.json().building.reviewNote).toBeNull();
    await admin.client.post(`/api/catalog/buildings/${building.id}/approve`);
    const locked = await auditorA.client.patch(`/api/buildings/${building.id}`, { house: '11' });
    expect(locked.statusCode).toBe(403);
    expect(locked.json().error.code).toBe('catalog.record_locked');
  });
});

describe('validation', () => {
  it('answers bad input with 400 and Russian messages', async () => {
    const res = await auditorA.client.post('/api/buildings', { city: 'Тверь', street: '', house: '1' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation.failed');
    expect(res.json().error.message).toContain('Укажите улицу.');
    const building = (
      await admin.client.post('/api/buildings', { city: 'Тверь', street: 'ул. Горького', house: '3' })
    ).json().building;
    const capacity = await auditorA.client.post('/api/elevators', {
      buildingId: building.id,
      entrance: '1',
      capacityKg: 5,
    });
    expect(capacity.statusCode).toBe(400);
    expect(capacity.json().error.message).toContain('Грузоподъёмность не меньше 50 кг.');
    const unknown = await auditorA.client.post('/api/elevators', {
      buildingId: building.id,
      capacityKg: 400,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('catalog.elevator_unidentifiable');
    expect(unknown.json().error.message).toBe('Укажите подъезд или регистрационный/заводской номер лифта.');
  });

  it('refuses a duplicate address and a duplicate lift with 409', async () => {
    const dup = await auditorA.client.post('/api/buildings', {
      city: 'г. Тверь',
      street: 'Горького улица',
      house: 'д. 3',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('catalog.building_exists');
    const id = dup.json().error.details.id;
    expect(
      (await admin.client.post('/api/elevators', { buildingId: id, entrance: '1', capacityKg: 400 }))
        .statusCode,
    ).toBe(201);
    const again = await auditorA.client.post('/api/elevators', {
      buildingId: id,
      entrance: 'подъезд 1',
      capacityKg: 400,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('catalog.elevator_exists');
    // A second lift in the same entrance is told apart by its capacity.
    expect(
      (await auditorA.client.post('/api/elevators', { buildingId: id, entrance: '1', capacityKg: 630 }))
        .statusCode,
    ).toBe(201);
  });

  it('lets only admins decommission a lift, which stays readable', async () => {
    const building = (
      await admin.client.post('/api/buildings', { city: 'Тверь', street: 'ул. Склизкова', house: '12' })
    ).json().building;
    const lift = (
      await admin.client.post('/api/elevators', { buildingId: building.id, identifier: '69-00001' })
    ).json().elevator;
    expect((await auditorA.client.post(`/api/elevators/${lift.id}/decommission`)).statusCode).toBe(403);
    const res = await admin.client.post(`/api/elevators/${lift.id}/decommission`);
    expect(res.json().elevator.status).toBe('decommissioned');
    expect(ids(await auditorA.client.get('/api/elevators?status=active&q=склизкова'))).not.toContain(lift.id);
    expect(ids(await auditorA.client.get('/api/elevators?status=decommissioned&q=склизкова'))).toContain(
      lift.id,
    );
  });
});
