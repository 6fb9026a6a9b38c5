import { addressKey, elevatorSearchText, formatAddress, searchTerms } from '../../shared/catalog/address.js';
import type {
  AddressSuggestion,
  BuildingDetail,
  BuildingDto,
  BuildingList,
  CreateBuilding,
  CreateElevator,
  ElevatorDto,
  ElevatorList,
  ListBuildingsQuery,
  ListElevatorsQuery,
  UpdateBuilding,
  UpdateElevator,
} from '../../shared/catalog/catalog.schema.js';
import { isoNow } from '../clock.js';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, conflict, notFound } from '../errors.js';
import { recordEvent } from '../events/index.js';
import type { BuildingRow, ElevatorRow, Viewer } from './catalog.repo.js';
import * as repo from './catalog.repo.js';
import { readBuildingDto, readElevatorDto, toBuildingDto, toElevatorDto } from './catalog-dto.js';
import {
  assertIdentifiable,
  assertNotMerged,
  buildingDerived,
  cleanAddress,
  cleanElevator,
  createBuildingRecord,
  createElevatorRecord,
  findSameElevator,
  refreshElevatorSearchText,
  resolveTargetBuilding,
  type WriteDeps,
} from './catalog-writes.js';

export interface CatalogDeps extends WriteDeps {
  db: Db;
}

export type CatalogService = ReturnType<typeof createCatalogService>;

const AUTOCOMPLETE_LIMIT = 10;

/** Only admins and the author of a not-yet-approved record may change it. */
function assertEditable(viewer: Viewer, row: BuildingRow | ElevatorRow): void {
  assertNotMerged(row);
  if (viewer.role === 'admin') return;
  if (row.createdBy !== viewer.id || row.reviewStatus === 'approved') {
    throw new AppError('catalog.record_locked', 403);
  }
}

/** An author's edit of a rejected record sends it back to the moderation queue. */
function resubmission(viewer: Viewer, row: BuildingRow | ElevatorRow) {
  return viewer.role !== 'admin' && row.reviewStatus === 'rejected'
    ? { reviewStatus: 'pending' as const, reviewNote: null }
    : {};
}

function diff<T extends object>(before: T, after: T, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const from = before[k as keyof T];
    const to = after[k as keyof T];
    if (from !== to) out[k] = { from, to };
  }
  return out;
}

export function createCatalogService(deps: CatalogDeps) {
  const { db, clock } = deps;

  /** The raw row if the viewer may read it; 404 otherwise (never 403: existence stays private). */
  async function readableBuilding(trx: Db, viewer: Viewer, id: number): Promise<BuildingRow> {
    const view = await repo.findBuildingView(trx, viewer, id);
    const row = view ? await repo.findBuilding(trx, id) : undefined;
    if (!row) throw notFound('catalog.building_not_found');
    return row;
  }

  async function readableElevator(trx: Db, viewer: Viewer, id: number): Promise<ElevatorRow> {
    const view = await repo.findElevatorView(trx, viewer, id);
    const row = view ? await repo.findElevator(trx, id) : undefined;
    if (!row) throw notFound('catalog.elevator_not_found');
    return row;
  }

  return {
    async listBuildings(viewer: Viewer, q: ListBuildingsQuery): Promise<BuildingList> {
      const { rows, total } = await repo.listBuildings(db, viewer, {
        terms: searchTerms(q.q ?? ''),
        reviewStatus: q.reviewStatus,
        city: q.city || undefined,
        mine: q.mine === 'true',
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return { items: rows.map(toBuildingDto), total, page: q.page, pageSize: q.pageSize };
    },

    async getBuilding(viewer: Viewer, id: number): Promise<BuildingDetail> {
      const building = await readBuildingDto(db, viewer, id);
      const elevators = await repo.listElevatorsOfBuilding(db, viewer, id);
      return { building, elevators: elevators.map(toElevatorDto) };
    },

    async autocomplete(viewer: Viewer, q: string): Promise<AddressSuggestion[]> {
      const terms = searchTerms(q);
      if (terms.length === 0) return [];
      const rows = await repo.autocompleteBuildings(db, viewer, terms, AUTOCOMPLETE_LIMIT);
      return rows.map((r) => ({ ...r, address: formatAddress(r) }));
    },

    cities(viewer: Viewer): Promise<string[]> {
      return repo.listCities(db, viewer);
    },

    async createBuilding(viewer: Viewer, input: CreateBuilding): Promise<BuildingDto> {
      return inTransaction(db, async (trx) => {
        const row = await createBuildingRecord(trx, deps, viewer, input);
        return readBuildingDto(trx, viewer, row.id);
      });
    },

    async updateBuilding(viewer: Viewer, id: number, patch: UpdateBuilding): Promise<BuildingDto> {
      return inTransaction(db, async (trx) => {
        const before = await readableBuilding(trx, viewer, id);
        assertEditable(viewer, before);
        const address = cleanAddress({
          city: patch.city ?? before.city,
          street: patch.street ?? before.street,
          house: patch.house ?? before.house,
        });
        const key = addressKey(address);
        if (key !== before.addressKey) {
          const same = (await repo.findBuildingsByAddressKey(trx, key)).filter(
            (b) =>
              b.id !== id &&
              (viewer.role === 'admin' || b.reviewStatus === 'approved' || b.createdBy === viewer.id),
          );
          if (same[0]) throw conflict('catalog.building_exists', undefined, { id: same[0].id });
        }
        const after = await repo.updateBuilding(trx, id, {
          ...address,
          ...buildingDerived(address),
          ...(patch.notes !== undefined ? { notes: patch.notes ?? null } : {}),
          ...resubmission(viewer, before),
          updatedAt: isoNow(clock),
        });
        if (key !== before.addressKey || address.city !== before.city || address.street !== before.street) {
          await refreshElevatorSearchText(trx, after);
        }
        await recordEvent(trx, {
          userId: viewer.id,
          action: 'catalog.building_updated',
          entityType: 'building',
          entityId: id,
          payload: diff(before, after, ['city', 'street', 'house', 'notes', 'reviewStatus']),
          createdAt: isoNow(clock),
        });
        return readBuildingDto(trx, viewer, id);
      });
    },

    async listElevators(viewer: Viewer, q: ListElevatorsQuery): Promise<ElevatorList> {
      const { rows, total } = await repo.listElevators(db, viewer, {
        terms: searchTerms(q.q ?? ''),
        reviewStatus: q.reviewStatus,
        status: q.status,
        city: q.city || undefined,
        buildingId: q.buildingId,
        mine: q.mine === 'true',
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return { items: rows.map(toElevatorDto), total, page: q.page, pageSize: q.pageSize };
    },

    getElevator(viewer: Viewer, id: number): Promise<ElevatorDto> {
      return readElevatorDto(db, viewer, id);
    },

    async createElevator(viewer: Viewer, input: CreateElevator): Promise<ElevatorDto> {
      return inTransaction(db, async (trx) => {
        const row = await createElevatorRecord(trx, deps, viewer, input);
        return readElevatorDto(trx, viewer, row.id);
      });
    },

    async updateElevator(viewer: Viewer, id: number, patch: UpdateElevator): Promise<ElevatorDto> {
      return inTransaction(db, async (trx) => {
        const before = await readableElevator(trx, viewer, id);
        assertEditable(viewer, before);
        const building =
          patch.buildingId !== undefined && patch.buildingId !== before.buildingId
            ? await resolveTargetBuilding(trx, viewer, patch.buildingId)
            : await repo.findBuilding(trx, before.buildingId);
        if (!building) throw notFound('catalog.building_not_found');
        const fields = cleanElevator({
          entrance: patch.entrance !== undefined ? patch.entrance : before.entrance,
          capacityKg: patch.capacityKg !== undefined ? patch.capacityKg : before.capacityKg,
          stops: patch.stops !== undefined ? patch.stops : before.stops,
          identifier: patch.identifier !== undefined ? patch.identifier : before.identifier,
          description: patch.description !== undefined ? patch.description : before.description,
        });
        assertIdentifiable(fields);
        const siblings = await repo.listBuildingElevatorRows(trx, building.id);
        const same = findSameElevator(siblings, fields, id);
        if (same) throw conflict('catalog.elevator_exists', undefined, { id: same.id });
        const after = await repo.updateElevator(trx, id, {
          ...fields,
          buildingId: building.id,
          searchText: elevatorSearchText(building, fields),
          ...resubmission(viewer, before),
          updatedAt: isoNow(clock),
        });
        await recordEvent(trx, {
          userId: viewer.id,
          action: 'catalog.elevator_updated',
          entityType: 'elevator',
          entityId: id,
          payload: diff(before, after, [
            'buildingId',
            'entrance',
            'capacityKg',
            'stops',
            'identifier',
            'description',
            'reviewStatus',
          ]),
          createdAt: isoNow(clock),
        });
        return readElevatorDto(trx, viewer, id);
      });
    },

    /** Decommissioned lifts stay in the catalog (audits reference them) but leave everyday lists. */
    async setElevatorStatus(
      viewer: Viewer,
      id: number,
      status: 'active' | 'decommissioned',
    ): Promise<ElevatorDto> {
      return inTransaction(db, async (trx) => {
        const before = await readableElevator(trx, viewer, id);
        assertNotMerged(before);
        if (before.status !== status) {
          await repo.updateElevator(trx, id, { status, updatedAt: isoNow(clock) });
          await recordEvent(trx, {
            userId: viewer.id,
            action:
              status === 'decommissioned'
                ? 'catalog.elevator_decommissioned'
                : 'catalog.elevator_recommissioned',
            entityType: 'elevator',
            entityId: id,
            payload: { status: { from: before.status, to: status } },
            createdAt: isoNow(clock),
          });
        }
        return readElevatorDto(trx, viewer, id);
      });
    },
  };
}
