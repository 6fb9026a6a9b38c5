import {
  addressKey,
  buildingSearchText,
  elevatorSearchText,
  normalizeEntrance,
  normalizeIdentifier,
  tidyHouse,
  tidyText,
} from '../../shared/catalog/address.js';
import type { CreateBuilding, CreateElevator } from '../../shared/catalog/catalog.schema.js';
import { type Clock, type IdGenerator, isoNow } from '../clock.js';
import type { Db } from '../db/database.js';
import { AppError, badRequest, conflict, notFound } from '../errors.js';
import { recordEvent } from '../events/index.js';
import type { BuildingRow, ElevatorRow } from './catalog.repo.js';
import * as repo from './catalog.repo.js';

/**
 * Catalog writes that take a transaction handle, so the catalog service, the importer and the
 * offline sync (catalog additions) all create records the same way: search text, address key,
 * review status by role, duplicate checks, and an event.
 */
export interface WriteDeps {
  clock: Clock;
  ids: IdGenerator;
}

/** Who writes: a user, or the system (CLI seeding: `id` null, acting as an admin). */
export interface Actor {
  id: number | null;
  role: 'auditor' | 'admin';
}

export interface CleanAddress {
  city: string;
  street: string;
  house: string;
}

export function cleanAddress(a: CleanAddress): CleanAddress {
  return { city: tidyText(a.city), street: tidyText(a.street), house: tidyHouse(a.house) };
}

export function buildingDerived(a: CleanAddress) {
  return { searchText: buildingSearchText(a), addressKey: addressKey(a) };
}

const reviewFields = (viewer: Actor, now: string) =>
  viewer.role === 'admin'
    ? { reviewStatus: 'approved' as const, verifiedBy: viewer.id, verifiedAt: now }
    : { reviewStatus: 'pending' as const, verifiedBy: null, verifiedAt: null };

/** Buildings with the same address the viewer can see (others' pending records stay private). */
async function visibleSameAddress(trx: Db, viewer: Actor, key: string): Promise<BuildingRow[]> {
  const rows = await repo.findBuildingsByAddressKey(trx, key);
  return rows.filter(
    (b) => viewer.role === 'admin' || b.reviewStatus === 'approved' || b.createdBy === viewer.id,
  );
}

export async function createBuildingRecord(
  trx: Db,
  deps: WriteDeps,
  viewer: Actor,
  input: CreateBuilding,
): Promise<BuildingRow> {
  const address = cleanAddress(input);
  const derived = buildingDerived(address);
  const same = await visibleSameAddress(trx, viewer, derived.addressKey);
  if (same[0]) {
    throw conflict('catalog.building_exists', undefined, { id: same[0].id });
  }
  const now = isoNow(deps.clock);
  const row = await repo.insertBuilding(trx, {
    uuid: deps.ids(),
    ...address,
    ...derived,
    notes: input.notes ?? null,
    ...reviewFields(viewer, now),
    reviewNote: null,
    mergedIntoId: null,
    createdBy: viewer.id,
    createdAt: now,
    updatedAt: now,
  });
  await recordEvent(trx, {
    userId: viewer.id,
    action: 'catalog.building_created',
    entityType: 'building',
    entityId: row.id,
    payload: { ...address, reviewStatus: row.reviewStatus },
    createdAt: now,
  });
  return row;
}

/** The building an elevator may be attached to by this viewer (a merged one resolves to the kept one). */
export async function resolveTargetBuilding(
  trx: Db,
  viewer: Actor,
  buildingId: number,
): Promise<BuildingRow> {
  let building = await repo.findBuilding(trx, buildingId);
  for (let hops = 0; building?.mergedIntoId && hops < 10; hops += 1) {
    building = await repo.findBuilding(trx, building.mergedIntoId);
  }
  const readable =
    building &&
    (viewer.role === 'admin' || building.reviewStatus === 'approved' || building.createdBy === viewer.id);
  if (!building || !readable) throw notFound('catalog.building_not_found');
  if (building.reviewStatus === 'rejected') throw conflict('catalog.building_rejected');
  return building;
}

export interface ElevatorFields {
  entrance: string | null;
  capacityKg: number | null;
  stops: number | null;
  identifier: string | null;
  description: string | null;
}

export function cleanElevator(input: Partial<ElevatorFields>): ElevatorFields {
  const text = (v: string | null | undefined) => (v ? tidyText(v) || null : null);
  return {
    entrance: text(input.entrance)?.replace(/^(подъезд|под\.?|п\.)\s*/iu, '') || null,
    capacityKg: input.capacityKg ?? null,
    stops: input.stops ?? null,
    identifier: text(input.identifier),
    description: input.description ?? null,
  };
}

/**
 * The same lift already in the building: by identifier when both have one, else by entrance and
 * capacity (two lifts in one entrance differ by capacity).
 */
export function findSameElevator(
  candidates: ElevatorRow[],
  e: Pick<ElevatorFields, 'entrance' | 'capacityKg' | 'identifier'>,
  exceptId?: number,
): ElevatorRow | undefined {
  const id = normalizeIdentifier(e.identifier);
  const entrance = normalizeEntrance(e.entrance);
  return candidates.find((c) => {
    if (c.id === exceptId) return false;
    const cid = normalizeIdentifier(c.identifier);
    if (id && cid) return id === cid;
    return entrance !== '' && normalizeEntrance(c.entrance) === entrance && c.capacityKg === e.capacityKg;
  });
}

export function assertIdentifiable(e: Pick<ElevatorFields, 'entrance' | 'identifier'>): void {
  if (!e.entrance && !e.identifier) {
    throw badRequest('catalog.elevator_unidentifiable', undefined, [
      {
        path: 'entrance',
        code: 'required',
        message: 'Укажите подъезд или регистрационный/заводской номер лифта.',
      },
    ]);
  }
}

export async function createElevatorRecord(
  trx: Db,
  deps: WriteDeps,
  viewer: Actor,
  input: CreateElevator,
): Promise<ElevatorRow> {
  const building = await resolveTargetBuilding(trx, viewer, input.buildingId);
  const fields = cleanElevator(input);
  assertIdentifiable(fields);
  const siblings = (await repo.listBuildingElevatorRows(trx, building.id)).filter(
    (e) => viewer.role === 'admin' || e.reviewStatus === 'approved' || e.createdBy === viewer.id,
  );
  const same = findSameElevator(siblings, fields);
  if (same) throw conflict('catalog.elevator_exists', undefined, { id: same.id });
  const now = isoNow(deps.clock);
  const row = await repo.insertElevator(trx, {
    uuid: deps.ids(),
    buildingId: building.id,
    ...fields,
    status: 'active',
    searchText: elevatorSearchText(building, fields),
    ...reviewFields(viewer, now),
    reviewNote: null,
    mergedIntoId: null,
    createdBy: viewer.id,
    createdAt: now,
    updatedAt: now,
  });
  await recordEvent(trx, {
    userId: viewer.id,
    action: 'catalog.elevator_created',
    entityType: 'elevator',
    entityId: row.id,
    payload: { buildingId: building.id, ...fields, reviewStatus: row.reviewStatus },
    createdAt: now,
  });
  return row;
}

/** Keeps every elevator's search text in step with its building's address. */
export async function refreshElevatorSearchText(trx: Db, building: BuildingRow): Promise<void> {
  const elevators = await repo.listAllElevatorIdsOfBuilding(trx, building.id);
  for (const e of elevators) {
    await repo.updateElevator(trx, e.id, { searchText: elevatorSearchText(building, e) });
  }
}

export function assertNotMerged(row: { mergedIntoId: number | null }): void {
  if (row.mergedIntoId) throw new AppError('catalog.record_merged', 409);
}
