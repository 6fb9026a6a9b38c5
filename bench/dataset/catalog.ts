import type Database from 'better-sqlite3';
import { addressKey, buildingSearchText, elevatorSearchText } from '../../src/shared/catalog/address.js';
import type { Prng } from '../lib/prng.js';
import { CAPACITIES, CITIES, FIRST_NAMES, LAST_NAMES, STREET_NAMES, STREET_TYPES } from './names.js';
import type { Scale } from './scale.js';

export interface UserIds {
  auditors: Array<{ id: number; username: string }>;
  admins: Array<{ id: number; username: string }>;
}

/** Auditors `auditor01…` and admins `admin1…`, all sharing one real scrypt hash (computed once). */
export function insertUsers(
  sqlite: Database.Database,
  scale: Scale,
  passwordHash: string,
  at: string,
): UserIds {
  const insert = sqlite.prepare(
    `insert into users (username, username_key, password_hash, full_name, role, email, phone, employee_id, is_active,
       must_change_password, notifications_enabled, locale, password_changed_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, 1, 0, 0, 'ru', ?, ?, ?)`,
  );
  const ids: UserIds = { auditors: [], admins: [] };
  sqlite.transaction(() => {
    for (let i = 1; i <= scale.admins; i++) {
      const username = `admin${i}`;
      const id = Number(
        insert.run(
          username,
          username,
          passwordHash,
          `Администратор ${i}`,
          'admin',
          `${username}@souzlift.local`,
          null,
          null,
          at,
          at,
          at,
        ).lastInsertRowid,
      );
      ids.admins.push({ id, username });
    }
    for (let i = 1; i <= scale.auditors; i++) {
      const username = `auditor${String(i).padStart(2, '0')}`;
      const name = `${LAST_NAMES[i % LAST_NAMES.length]} ${FIRST_NAMES[i % FIRST_NAMES.length]}`;
      const id = Number(
        insert.run(
          username,
          username,
          passwordHash,
          name,
          'auditor',
          `${username}@souzlift.local`,
          `+7 900 000-${String(i).padStart(4, '0')}`,
          `T-${1000 + i}`,
          at,
          at,
          at,
        ).lastInsertRowid,
      );
      ids.auditors.push({ id, username });
    }
  })();
  return ids;
}

/** Approved buildings with unique addresses and `elevators / buildings` lifts each (ids 1…n). */
export function insertCatalog(
  sqlite: Database.Database,
  rng: Prng,
  scale: Scale,
  adminId: number,
  at: string,
): void {
  const building = sqlite.prepare(
    `insert into buildings (id, uuid, city, street, house, search_text, address_key, notes, review_status,
       created_by, verified_by, verified_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, null, 'approved', null, ?, ?, ?, ?)`,
  );
  const elevator = sqlite.prepare(
    `insert into elevators (id, uuid, building_id, entrance, capacity_kg, stops, identifier, description, status,
       search_text, review_status, created_by, verified_by, verified_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, null, 'active', ?, 'approved', null, ?, ?, ?, ?)`,
  );
  const keys = new Set<string>();
  let elevatorId = 0;
  sqlite.transaction(() => {
    for (let b = 1; b <= scale.buildings; b++) {
      let address: { city: string; street: string; house: string };
      do {
        const house = String(rng.int(1, 180)) + (rng.chance(0.15) ? ` к${rng.int(1, 4)}` : '');
        address = {
          city: rng.pick(CITIES),
          street: `${rng.pick(STREET_TYPES)} ${rng.pick(STREET_NAMES)}`,
          house,
        };
      } while (keys.has(addressKey(address)));
      keys.add(addressKey(address));
      building.run(
        b,
        rng.uuid(),
        address.city,
        address.street,
        address.house,
        buildingSearchText(address),
        addressKey(address),
        adminId,
        at,
        at,
        at,
      );
      const lifts = Math.floor((scale.elevators * b) / scale.buildings) - elevatorId;
      for (let e = 1; e <= lifts; e++) {
        elevatorId += 1;
        const fields = {
          entrance: String(Math.ceil(e / (rng.chance(0.3) ? 2 : 1))),
          identifier: rng.chance(0.8) ? `РН-${String(100000 + elevatorId * 7).padStart(6, '0')}` : null,
          capacityKg: rng.pick(CAPACITIES),
        };
        elevator.run(
          elevatorId,
          rng.uuid(),
          b,
          fields.entrance,
          fields.capacityKg,
          rng.int(5, 25),
          fields.identifier,
          elevatorSearchText(address, fields),
          adminId,
          at,
          at,
          at,
        );
      }
    }
  })();
}
