import { foldText, formatAddress } from '../catalog/address.js';
import type { CatalogSnapshot } from '../catalog/catalog.schema.js';
import type { BuildingAddition, ElevatorAddition } from './sync.schema.js';

/** A catalog addition made on a device (a new building or lift, not yet on the server). */
export type DeviceAddition =
  | { uuid: string; kind: 'building'; data: BuildingAddition }
  | { uuid: string; kind: 'elevator'; data: ElevatorAddition };

/*
 * Offline catalog search: the snapshot's buildings and lifts (plus this device's additions) as one
 * in-memory list with a folded search string each. Filtering 10,000 lifts by a few word prefixes takes
 * a few milliseconds, so every keystroke answers instantly without IndexedDB or network.
 */

export interface CatalogEntry {
  elevatorUuid: string;
  buildingUuid: string;
  city: string;
  street: string;
  house: string;
  address: string;
  entrance: string | null;
  capacityKg: number | null;
  stops: number | null;
  identifier: string | null;
  reviewStatus: string;
  /** Added on this device and not yet on the server. */
  isLocal: boolean;
  search: string;
}

export interface BuildingEntry {
  uuid: string;
  city: string;
  street: string;
  house: string;
  address: string;
  reviewStatus: string;
  isLocal: boolean;
  search: string;
}

export interface CatalogIndex {
  elevators: CatalogEntry[];
  buildings: BuildingEntry[];
  byElevator: Map<string, CatalogEntry>;
}

/** Builds the in-memory index from the snapshot's catalog and the device's additions. */
export function buildCatalogIndex(
  catalog: CatalogSnapshot | undefined,
  additions: readonly DeviceAddition[],
): CatalogIndex {
  const buildings: BuildingEntry[] = [];
  const byBuildingId = new Map<number, BuildingEntry>();
  const byBuildingUuid = new Map<string, BuildingEntry>();
  const addBuilding = (b: Omit<BuildingEntry, 'address' | 'search'>, id?: number) => {
    const address = formatAddress(b);
    const entry = { ...b, address, search: foldText(`${b.city} ${b.street} ${b.house}`) };
    buildings.push(entry);
    byBuildingUuid.set(b.uuid, entry);
    if (id !== undefined) byBuildingId.set(id, entry);
  };
  for (const b of catalog?.buildings ?? []) addBuilding({ ...b, isLocal: false }, b.id);
  // An addition already in the snapshot (the server created it from an earlier batch) is shown once.
  for (const a of additions)
    if (a.kind === 'building' && !byBuildingUuid.has(a.uuid))
      addBuilding({
        city: a.data.city,
        street: a.data.street,
        house: a.data.house,
        uuid: a.uuid,
        reviewStatus: 'pending',
        isLocal: true,
      });

  const elevators: CatalogEntry[] = [];
  const addElevator = (
    e: {
      uuid: string;
      entrance?: string | null;
      capacityKg?: number | null;
      stops?: number | null;
      identifier?: string | null;
      reviewStatus: string;
    },
    building: BuildingEntry | undefined,
    isLocal: boolean,
  ) => {
    if (!building) return;
    const search = foldText(
      [
        building.city,
        building.street,
        building.house,
        e.entrance ? `подъезд ${e.entrance}` : '',
        e.identifier ?? '',
        e.capacityKg ? `${e.capacityKg} кг` : '',
      ].join(' '),
    );
    elevators.push({
      elevatorUuid: e.uuid,
      buildingUuid: building.uuid,
      city: building.city,
      street: building.street,
      house: building.house,
      address: building.address,
      entrance: e.entrance ?? null,
      capacityKg: e.capacityKg ?? null,
      stops: e.stops ?? null,
      identifier: e.identifier ?? null,
      reviewStatus: e.reviewStatus,
      isLocal,
      search,
    });
  };
  for (const e of catalog?.elevators ?? []) {
    if (e.status === 'active') addElevator(e, byBuildingId.get(e.buildingId), false);
  }
  const known = new Set(elevators.map((e) => e.elevatorUuid));
  for (const a of additions) {
    if (a.kind === 'elevator' && !known.has(a.uuid))
      addElevator({ ...a.data, reviewStatus: 'pending' }, byBuildingUuid.get(a.data.buildingRef), true);
  }
  return { elevators, buildings, byElevator: new Map(elevators.map((e) => [e.elevatorUuid, e])) };
}

const terms = (q: string) => foldText(q).split(/\s+/).filter(Boolean);

/** Every term must start a word of the entry ("42" finds house 42 or 420, not ЗАВ-1420). */
function matches(search: string, t: string[]): boolean {
  const words = search.split(' ');
  return t.every((term) => words.some((w) => w.startsWith(term)));
}

/** Lifts whose words start with every term of the query (at most `limit`). */
export function searchElevators(index: CatalogIndex, query: string, limit = 30): CatalogEntry[] {
  const t = terms(query);
  if (t.length === 0) return [];
  const out: CatalogEntry[] = [];
  for (const e of index.elevators) {
    if (matches(e.search, t)) {
      out.push(e);
      if (out.length >= limit) break;
    }
  }
  return out;
}

/** Buildings whose words start with every term of the query. */
export function searchBuildings(index: CatalogIndex, query: string, limit = 20): BuildingEntry[] {
  const t = terms(query);
  if (t.length === 0) return [];
  return index.buildings.filter((b) => matches(b.search, t)).slice(0, limit);
}
