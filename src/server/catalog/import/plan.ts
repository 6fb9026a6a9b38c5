import {
  addressKey,
  normalizeEntrance,
  normalizeIdentifier,
  tidyHouse,
  tidyText,
} from '../../../shared/catalog/address.js';
import {
  CAPACITY_MAX_KG,
  CAPACITY_MIN_KG,
  STOPS_MAX,
  STOPS_MIN,
} from '../../../shared/catalog/catalog.schema.js';
import type { ImportCounts, ImportRow, ImportRowError } from '../../../shared/catalog/import.schema.js';
import type { Db } from '../../db/database.js';
import type { BuildingRow, ElevatorRow } from '../catalog.repo.js';
import * as repo from '../catalog.repo.js';
import type { ColumnField, ColumnMap } from './columns.js';

const MAX_LENGTH: Record<string, number> = {
  city: 100,
  street: 200,
  house: 30,
  entrance: 20,
  identifier: 60,
  description: 2000,
};

export interface PlannedRow extends ImportRow {
  key: string;
  /** Existing building matched by address, if any. */
  buildingId: number | null;
  /** Existing elevator matched, for `update`/`skip`. */
  elevatorId: number | null;
  hasElevator: boolean;
}

export interface ImportPlan {
  rows: PlannedRow[];
  counts: ImportCounts;
}

function parseInteger(
  raw: string,
  field: 'capacityKg' | 'stops',
  min: number,
  max: number,
  errors: ImportRowError[],
): number | null {
  const text = raw.trim();
  if (!text) return null;
  const cleaned = text
    .toLowerCase()
    .replace(/кг\.?$/u, '')
    .replace(/[\s\u00a0]+/g, '')
    .replace(',', '.');
  const value = Number(cleaned);
  const label = field === 'capacityKg' ? 'Грузоподъёмность' : 'Число остановок';
  if (!/^\d+(\.0+)?$/.test(cleaned) || !Number.isFinite(value)) {
    errors.push({ field, message: `${label}: «${text}» — не целое число.` });
    return null;
  }
  if (value < min || value > max) {
    const unit = field === 'capacityKg' ? ' кг' : '';
    errors.push({ field, message: `${label} должна быть от ${min} до ${max}${unit}: указано ${value}.` });
    return null;
  }
  return value;
}

function cell(cells: string[], map: ColumnMap, field: ColumnField): string {
  const col = map.columns.find((c) => c.field === field);
  return col ? tidyText(cells[col.index] ?? '') : '';
}

/** Reads one data row into typed values and Russian errors; no database access. */
export function readRow(
  row: number,
  cells: string[],
  map: ColumnMap,
): Omit<PlannedRow, 'buildingId' | 'elevatorId'> {
  const errors: ImportRowError[] = [];
  const city = cell(cells, map, 'city');
  const street = cell(cells, map, 'street');
  const house = tidyHouse(cell(cells, map, 'house'));
  const entrance = cell(cells, map, 'entrance').replace(/^(подъезд|под\.?|п\.)\s*/iu, '') || null;
  const identifier = cell(cells, map, 'identifier') || null;
  const description = cell(cells, map, 'description') || null;
  const rawCapacity = cell(cells, map, 'capacityKg');
  const rawStops = cell(cells, map, 'stops');

  if (!city) errors.push({ field: 'city', message: 'Не указан город.' });
  if (!street) errors.push({ field: 'street', message: 'Не указана улица.' });
  if (!house) errors.push({ field: 'house', message: 'Не указан номер дома.' });
  const values: Record<string, string | null> = { city, street, house, entrance, identifier, description };
  for (const [field, max] of Object.entries(MAX_LENGTH)) {
    const v = values[field];
    if (v && v.length > max) {
      errors.push({
        field: field as ColumnField,
        message: `Слишком длинное значение: не более ${max} символов.`,
      });
    }
  }
  const capacityKg = parseInteger(rawCapacity, 'capacityKg', CAPACITY_MIN_KG, CAPACITY_MAX_KG, errors);
  const stops = parseInteger(rawStops, 'stops', STOPS_MIN, STOPS_MAX, errors);
  const hasElevator = Boolean(entrance || identifier || rawCapacity || rawStops);
  if (hasElevator && !entrance && !identifier) {
    errors.push({
      field: 'entrance',
      message: 'Укажите подъезд или регистрационный/заводской номер лифта.',
    });
  }
  return {
    row,
    action: errors.length ? 'error' : 'create',
    building: null,
    city,
    street,
    house,
    entrance,
    capacityKg,
    stops,
    identifier,
    description,
    changes: [],
    errors,
    key: city && street && house ? addressKey({ city, street, house }) : '',
    hasElevator,
  };
}

type Identity = Pick<ImportRow, 'entrance' | 'capacityKg' | 'identifier'>;

function identityKey(e: Identity): string {
  const id = normalizeIdentifier(e.identifier);
  return id ? `id:${id}` : `en:${normalizeEntrance(e.entrance)}|${e.capacityKg ?? ''}`;
}

/**
 * The existing lift a row describes: by identifier; else by entrance, told apart by capacity.
 * Returns an error message when the entrance has several lifts and nothing tells them apart.
 */
export function matchElevator(candidates: ElevatorRow[], e: Identity): ElevatorRow | string | null {
  const id = normalizeIdentifier(e.identifier);
  if (id) {
    const byId = candidates.find((c) => normalizeIdentifier(c.identifier) === id);
    if (byId) return byId;
  }
  const entrance = normalizeEntrance(e.entrance);
  if (!entrance) return null;
  const sameEntrance = candidates.filter(
    (c) => normalizeEntrance(c.entrance) === entrance && (!id || !c.identifier),
  );
  if (e.capacityKg !== null) {
    const exact = sameEntrance.filter((c) => c.capacityKg === e.capacityKg);
    if (exact.length === 1) return exact[0]!;
    const unknown = sameEntrance.filter((c) => c.capacityKg === null);
    return unknown.length === 1 && exact.length === 0 ? unknown[0]! : null;
  }
  if (sameEntrance.length === 1) return sameEntrance[0]!;
  if (sameEntrance.length > 1) {
    return `В подъезде ${e.entrance} уже ${sameEntrance.length} лифта: укажите грузоподъёмность или номер, чтобы различить их.`;
  }
  return null;
}

function changesFor(existing: ElevatorRow, row: ImportRow): string[] {
  const changes: string[] = [];
  if (row.capacityKg !== null && row.capacityKg !== existing.capacityKg) changes.push('capacityKg');
  if (row.stops !== null && row.stops !== existing.stops) changes.push('stops');
  if (row.identifier && normalizeIdentifier(row.identifier) !== normalizeIdentifier(existing.identifier)) {
    changes.push('identifier');
  }
  if (row.entrance && row.entrance !== existing.entrance) changes.push('entrance');
  if (row.description && row.description !== existing.description) changes.push('description');
  return changes;
}

/**
 * Decides, row by row, what applying the file would do — against the catalog as it is now and the
 * rows above. Reads only; the same plan drives the preview and the apply.
 */
export async function planImport(
  db: Db,
  dataRows: { row: number; cells: string[] }[],
  map: ColumnMap,
): Promise<ImportPlan> {
  const buildingCache = new Map<string, BuildingRow | null>();
  const elevatorCache = new Map<number, ElevatorRow[]>();
  const seenInFile = new Map<string, number>();
  const newBuildings = new Set<string>();
  const rows: PlannedRow[] = [];

  for (const { row, cells } of dataRows) {
    if (cells.every((c) => c.trim() === '')) continue;
    const read = readRow(row, cells, map);
    const planned: PlannedRow = { ...read, buildingId: null, elevatorId: null };
    rows.push(planned);
    if (!read.key) continue;

    if (!buildingCache.has(read.key)) {
      const found = await repo.findBuildingsByAddressKey(db, read.key);
      buildingCache.set(read.key, found[0] ?? null);
    }
    const building = buildingCache.get(read.key) ?? null;
    planned.buildingId = building?.id ?? null;
    planned.building = building ? 'existing' : newBuildings.has(read.key) ? 'earlier_row' : 'create';

    const fileKey = `${read.key}#${read.hasElevator ? identityKey(read) : 'building'}`;
    const earlier = seenInFile.get(fileKey);
    if (earlier !== undefined) {
      planned.errors.push({ field: 'row', message: `Повторяет строку ${earlier}.` });
    } else {
      seenInFile.set(fileKey, row);
    }

    if (building && read.hasElevator && planned.errors.length === 0) {
      if (!elevatorCache.has(building.id)) {
        elevatorCache.set(building.id, await repo.listBuildingElevatorRows(db, building.id));
      }
      const match = matchElevator(elevatorCache.get(building.id) ?? [], read);
      if (typeof match === 'string') {
        planned.errors.push({ field: 'entrance', message: match });
      } else if (match) {
        planned.elevatorId = match.id;
        planned.changes = changesFor(match, read);
        planned.action = planned.changes.length ? 'update' : 'skip';
      }
    } else if (!read.hasElevator && planned.building !== 'create') {
      planned.action = 'skip';
    }

    if (planned.errors.length) planned.action = 'error';
    else if (planned.building === 'create') newBuildings.add(read.key);
  }

  const counts: ImportCounts = {
    create: 0,
    update: 0,
    skip: 0,
    error: 0,
    buildingsCreated: newBuildings.size,
  };
  for (const r of rows) counts[r.action] += 1;
  return { rows, counts };
}
