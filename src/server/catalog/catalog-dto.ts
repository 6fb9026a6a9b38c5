import { formatAddress, formatElevatorLabel } from '../../shared/catalog/address.js';
import type { BuildingDto, ElevatorDto } from '../../shared/catalog/catalog.schema.js';
import type { Db } from '../db/database.js';
import { notFound } from '../errors.js';
import type { BuildingView, ElevatorView, Viewer } from './catalog.repo.js';
import * as repo from './catalog.repo.js';

export function toBuildingDto(row: BuildingView): BuildingDto {
  return {
    id: row.id,
    uuid: row.uuid,
    city: row.city,
    street: row.street,
    house: row.house,
    address: formatAddress(row),
    notes: row.notes,
    reviewStatus: row.reviewStatus,
    reviewNote: row.reviewNote,
    mergedIntoId: row.mergedIntoId,
    createdBy: row.createdBy,
    createdByName: row.createdByName,
    verifiedAt: row.verifiedAt,
    elevatorCount: row.elevatorCount,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toElevatorDto(row: ElevatorView): ElevatorDto {
  return {
    id: row.id,
    uuid: row.uuid,
    buildingId: row.buildingId,
    city: row.city,
    street: row.street,
    house: row.house,
    address: formatAddress(row),
    buildingReviewStatus: row.buildingReviewStatus,
    label: formatElevatorLabel(row, row),
    entrance: row.entrance,
    capacityKg: row.capacityKg,
    stops: row.stops,
    identifier: row.identifier,
    description: row.description,
    status: row.status,
    reviewStatus: row.reviewStatus,
    reviewNote: row.reviewNote,
    mergedIntoId: row.mergedIntoId,
    createdBy: row.createdBy,
    createdByName: row.createdByName,
    verifiedAt: row.verifiedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The building as `viewer` may see it; 404 catalog.building_not_found otherwise. */
export async function readBuildingDto(db: Db, viewer: Viewer, id: number): Promise<BuildingDto> {
  const view = await repo.findBuildingView(db, viewer, id);
  if (!view) throw notFound('catalog.building_not_found');
  return toBuildingDto(view);
}

/** The lift as `viewer` may see it; 404 catalog.elevator_not_found otherwise. */
export async function readElevatorDto(db: Db, viewer: Viewer, id: number): Promise<ElevatorDto> {
  const view = await repo.findElevatorView(db, viewer, id);
  if (!view) throw notFound('catalog.elevator_not_found');
  return toElevatorDto(view);
}
