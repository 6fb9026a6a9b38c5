import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../helpers/app.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type BuiltUser, loggedIn } from '../helpers/factories.js';

// Catalog search through the FTS5 trigram index (migration 71, src/server/db/search.ts): terms of
// 3+ characters come from the index, shorter ones from LIKE; results must be what `LIKE '%term%'`
// over search_text gave, with the visibility rules unchanged and the index following every write.

let t: TestApp;
let admin: { user: BuiltUser; client: ApiClient };
let auditor: { user: BuiltUser; client: ApiClient };
let other: { user: BuiltUser; client: ApiClient };

beforeAll(async () => {
  t = await createTestApp();
  admin = await loggedIn(t, { role: 'admin' });
  auditor = await loggedIn(t, { role: 'auditor' });
  other = await loggedIn(t, { role: 'auditor' });
});
afterAll(() => t.close());

async function addLift(client: ApiClient, city: string, street: string, house: string, identifier?: string) {
  const b = await client.post('/api/buildings', { city, street, house });
  expect(b.statusCode).toBe(201);
  const building = b.json().building;
  const e = await client.post('/api/elevators', {
    buildingId: building.id,
    entrance: '1',
    capacityKg: 630,
    stops: 12,
    ...(identifier ? { identifier } : {}),
  });
  expect(e.statusCode).toBe(201);
  return { building, elevator: e.json().elevator };
}

const found = async (client: ApiClient, q: string) => {
  const res = await client.get(`/api/elevators?q=${encodeURIComponent(q)}&pageSize=100`);
  expect(res.statusCode).toBe(200);
  return res.json().items.map((i: { id: number }) => i.id) as number[];
};
const foundBuildings = async (client: ApiClient, q: string) =>
  (await client.get(`/api/buildings?q=${encodeURIComponent(q)}&pageSize=100`))
    .json()
    .items.map((i: { id: number }) => i.id) as number[];

describe('catalog search index', () => {
  it('finds word prefixes, substrings, any case and ё = е; every term must match', async () => {
    const korolev = await addLift(admin.client, 'Калуга', 'ул. Королёва', '14', 'РН-77001');
    const lenin = await addLift(admin.client, 'Калуга', 'пр-т Ленина', '3');
    const a = auditor.client;
    expect(await found(a, 'корол')).toContain(korolev.elevator.id); // word prefix
    expect(await found(a, 'КОРОЛЕВА')).toContain(korolev.elevator.id); // case, ё = е
    expect(await found(a, 'королёва')).toContain(korolev.elevator.id);
    expect(await found(a, 'олев')).toContain(korolev.elevator.id); // inside a word, as LIKE did
    expect(await found(a, 'калуга королева 14')).toEqual([korolev.elevator.id]); // 3 terms, one short
    expect(await found(a, 'рн-77001')).toEqual([korolev.elevator.id]);
    expect(await found(a, 'калуга ленина')).toEqual([lenin.elevator.id]);
    expect(await found(a, 'калуга')).toEqual(
      expect.arrayContaining([korolev.elevator.id, lenin.elevator.id]),
    );
    expect(await found(a, 'калуга гагарина')).toEqual([]);
    expect(await foundBuildings(a, 'королев')).toEqual([korolev.building.id]);
    const ac = await a.get(`/api/buildings/autocomplete?q=${encodeURIComponent('калуга корол')}`);
    expect(ac.json().items.map((b: { id: number }) => b.id)).toEqual([korolev.building.id]);
    // Quotes in a query are not FTS syntax.
    expect(await found(a, '"корол"')).toContain(korolev.elevator.id);
  });

  it('keeps the visibility rules: own pending found, others’ pending and rejected hidden', async () => {
    const mine = await addLift(auditor.client, 'Ижевск', 'ул. Пушкинская', '21');
    const theirs = await addLift(other.client, 'Ижевск', 'ул. Пушкинская', '23');
    expect(mine.elevator.reviewStatus).toBe('pending');
    expect(await found(auditor.client, 'ижевск пушкинская')).toEqual([mine.elevator.id]);
    expect(await found(other.client, 'ижевск пушкинская')).toEqual([theirs.elevator.id]);
    expect((await found(admin.client, 'ижевск пушкинская')).sort()).toEqual(
      [mine.elevator.id, theirs.elevator.id].sort(),
    );
    await t.ctx.db
      .updateTable('elevators')
      .set({ reviewStatus: 'rejected' })
      .where('id', '=', theirs.elevator.id)
      .execute();
    expect(await found(admin.client, 'ижевск пушкинская')).toEqual([mine.elevator.id]);
    expect(await found(other.client, 'ижевск пушкинская')).toEqual([]);
  });

  it('follows address changes and deletions (triggers keep the index in step)', async () => {
    const lift = await addLift(admin.client, 'Тула', 'ул. Староникитская', '5');
    expect(await found(admin.client, 'староникитская')).toEqual([lift.elevator.id]);
    const res = await admin.client.patch(`/api/buildings/${lift.building.id}`, {
      street: 'ул. Новозаводская',
    });
    expect(res.statusCode).toBe(200);
    expect(await found(admin.client, 'староникитская')).toEqual([]);
    expect(await foundBuildings(admin.client, 'староникитская')).toEqual([]);
    expect(await found(admin.client, 'новозаводская')).toEqual([lift.elevator.id]);
    expect(await foundBuildings(admin.client, 'новозаводская')).toEqual([lift.building.id]);
    await t.ctx.db.deleteFrom('elevators').where('id', '=', lift.elevator.id).execute();
    expect(await found(admin.client, 'новозаводская')).toEqual([]);
    const rows = await t.ctx.db
      .selectFrom('elevators')
      .select('id')
      .where('searchText', 'like', '%новозаводская%')
      .execute();
    expect(rows).toEqual([]);
  });
});
