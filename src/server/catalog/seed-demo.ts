import { addressKey, normalizeEntrance } from '../../shared/catalog/address.js';
import type { Clock, IdGenerator } from '../clock.js';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import * as repo from './catalog.repo.js';
import { createBuildingRecord, createElevatorRecord } from './catalog-writes.js';

interface DemoLift {
  entrance: string;
  capacityKg: number;
  stops: number;
  identifier?: string;
  description?: string;
}

interface DemoBuilding {
  city: string;
  street: string;
  house: string;
  notes?: string;
  lifts: DemoLift[];
}

/** Plausible addresses of ordinary apartment blocks; numbers are invented. */
const DEMO: DemoBuilding[] = [
  {
    city: 'Москва',
    street: 'ул. Профсоюзная',
    house: '56',
    notes: 'Панельный дом П-44, 17 этажей',
    lifts: [
      {
        entrance: '1',
        capacityKg: 400,
        stops: 17,
        identifier: '77-12841',
        description: 'ОТИС, пассажирский',
      },
      { entrance: '1', capacityKg: 630, stops: 17, identifier: '77-12842', description: 'Грузопассажирский' },
      { entrance: '2', capacityKg: 400, stops: 17, identifier: '77-12843' },
      { entrance: '2', capacityKg: 630, stops: 17, identifier: '77-12844' },
    ],
  },
  {
    city: 'Москва',
    street: 'Ленинский пр-кт',
    house: '123 к2',
    lifts: [
      { entrance: '1', capacityKg: 320, stops: 12, identifier: '77-30517' },
      { entrance: '2', capacityKg: 320, stops: 12 },
    ],
  },
  {
    city: 'Москва',
    street: 'ул. Вавилова',
    house: '81',
    lifts: [{ entrance: '1', capacityKg: 400, stops: 9 }],
  },
  {
    city: 'Санкт-Петербург',
    street: 'пр-кт Просвещения',
    house: '87 к1',
    notes: 'Серия 137',
    lifts: [
      { entrance: '1', capacityKg: 400, stops: 16, identifier: '78-00419' },
      { entrance: '1', capacityKg: 630, stops: 16, identifier: '78-00420' },
      { entrance: '3', capacityKg: 400, stops: 16, identifier: '78-00421' },
    ],
  },
  {
    city: 'Санкт-Петербург',
    street: 'ул. Ленская',
    house: '6 к3',
    lifts: [{ entrance: '2', capacityKg: 400, stops: 9, description: 'Лифт КМЗ, 1986 г.' }],
  },
  {
    city: 'Екатеринбург',
    street: 'ул. Малышева',
    house: '105',
    lifts: [
      {
        entrance: '1',
        capacityKg: 1000,
        stops: 25,
        identifier: '66-88120',
        description: 'Грузовой, больничный',
      },
      { entrance: '1', capacityKg: 630, stops: 25, identifier: '66-88121' },
    ],
  },
  {
    city: 'Екатеринбург',
    street: 'ул. Академика Бардина',
    house: '40',
    lifts: [
      { entrance: '1', capacityKg: 400, stops: 10 },
      { entrance: '2', capacityKg: 400, stops: 10 },
      { entrance: '3', capacityKg: 400, stops: 10 },
    ],
  },
  {
    city: 'Новосибирск',
    street: 'Красный пр-кт',
    house: '220',
    lifts: [{ entrance: '1', capacityKg: 630, stops: 18, identifier: '54-20311' }],
  },
  {
    city: 'Казань',
    street: 'ул. Чистопольская',
    house: '61А',
    lifts: [
      { entrance: '1', capacityKg: 400, stops: 14, identifier: '16-07730' },
      { entrance: '2', capacityKg: 400, stops: 14, identifier: '16-07731' },
    ],
  },
  {
    city: 'Нижний Новгород',
    street: 'ул. Родионова',
    house: '193 к4',
    lifts: [{ entrance: '1', capacityKg: 320, stops: 9 }],
  },
];

export interface SeedDemoResult {
  buildingsCreated: number;
  elevatorsCreated: number;
}

/**
 * Demo buildings and elevators (approved), for trying the application out. Idempotent: a building
 * already present (same normalised address) or a lift already in it is left alone.
 */
export async function seedDemoCatalog(deps: {
  db: Db;
  clock: Clock;
  ids: IdGenerator;
}): Promise<SeedDemoResult> {
  const system = { id: null, role: 'admin' as const };
  return inTransaction(deps.db, async (trx) => {
    const result: SeedDemoResult = { buildingsCreated: 0, elevatorsCreated: 0 };
    for (const demo of DEMO) {
      const existing = (await repo.findBuildingsByAddressKey(trx, addressKey(demo)))[0];
      const building =
        existing ??
        (await createBuildingRecord(trx, deps, system, {
          city: demo.city,
          street: demo.street,
          house: demo.house,
          notes: demo.notes ?? null,
        }));
      if (!existing) result.buildingsCreated += 1;
      const lifts = await repo.listBuildingElevatorRows(trx, building.id);
      for (const lift of demo.lifts) {
        const present = lifts.some(
          (e) =>
            normalizeEntrance(e.entrance) === normalizeEntrance(lift.entrance) &&
            e.capacityKg === lift.capacityKg,
        );
        if (present) continue;
        await createElevatorRecord(trx, deps, system, {
          buildingId: building.id,
          entrance: lift.entrance,
          capacityKg: lift.capacityKg,
          stops: lift.stops,
          identifier: lift.identifier ?? null,
          description: lift.description ?? null,
        });
        result.elevatorsCreated += 1;
      }
    }
    return result;
  });
}
