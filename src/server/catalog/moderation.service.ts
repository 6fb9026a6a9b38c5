import { elevatorSearchText, formatAddress, formatElevatorLabel } from '../../shared/catalog/address.js';
import type { BuildingDto, ElevatorDto, ModerationQueue } from '../../shared/catalog/catalog.schema.js';
import { isoNow } from '../clock.js';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { recordEvent } from '../events/index.js';
import type { BuildingRow, ElevatorRow, Viewer } from './catalog.repo.js';
import * as repo from './catalog.repo.js';
import type { CatalogDeps } from './catalog.service.js';
import { readBuildingDto, readElevatorDto, toBuildingDto, toElevatorDto } from './catalog-dto.js';
import { findSameElevator } from './catalog-writes.js';

export type ModerationService = ReturnType<typeof createModerationService>;

const QUEUE_LIMIT = 200;

function assertPending(row: BuildingRow | ElevatorRow): void {
  if (row.mergedIntoId || row.reviewStatus !== 'pending') throw conflict('catalog.not_pending');
}

/** The admin's moderation queue: approve, reject with a reason, or merge a duplicate away. */
export function createModerationService({ db, clock }: CatalogDeps) {
  const event = (trx: Db, admin: Viewer, action: string, type: string, id: number, payload: unknown) =>
    recordEvent(trx, {
      userId: admin.id,
      action,
      entityType: type,
      entityId: id,
      payload,
      createdAt: isoNow(clock),
    });

  async function building(trx: Db, id: number): Promise<BuildingRow> {
    const row = await repo.findBuilding(trx, id);
    if (!row) throw notFound('catalog.building_not_found');
    return row;
  }

  async function elevator(trx: Db, id: number): Promise<ElevatorRow> {
    const row = await repo.findElevator(trx, id);
    if (!row) throw notFound('catalog.elevator_not_found');
    return row;
  }

  const approval = (admin: Viewer) => ({
    reviewStatus: 'approved' as const,
    reviewNote: null,
    verifiedBy: admin.id,
    verifiedAt: isoNow(clock),
    updatedAt: isoNow(clock),
  });

  const rejection = (admin: Viewer, reason: string) => ({
    reviewStatus: 'rejected' as const,
    reviewNote: reason,
    verifiedBy: admin.id,
    verifiedAt: isoNow(clock),
    updatedAt: isoNow(clock),
  });

  async function approveBuildingRow(trx: Db, admin: Viewer, row: BuildingRow): Promise<void> {
    await repo.updateBuilding(trx, row.id, approval(admin));
    await event(trx, admin, 'catalog.building_approved', 'building', row.id, {});
  }

  return {
    async queue(): Promise<ModerationQueue> {
      const [b, e] = await Promise.all([
        repo.listPendingBuildings(db, QUEUE_LIMIT),
        repo.listPendingElevators(db, QUEUE_LIMIT),
      ]);
      return {
        buildings: b.rows.map(toBuildingDto),
        elevators: e.rows.map(toElevatorDto),
        totalBuildings: b.total,
        totalElevators: e.total,
      };
    },

    approveBuilding(admin: Viewer, id: number): Promise<BuildingDto> {
      return inTransaction(db, async (trx) => {
        const row = await building(trx, id);
        assertPending(row);
        await approveBuildingRow(trx, admin, row);
        return readBuildingDto(trx, admin, id);
      });
    },

    /** Rejecting a building also rejects the pending lifts the author added to it. */
    rejectBuilding(admin: Viewer, id: number, reason: string): Promise<BuildingDto> {
      return inTransaction(db, async (trx) => {
        const row = await building(trx, id);
        assertPending(row);
        await repo.updateBuilding(trx, id, rejection(admin, reason));
        const elevators = (await repo.listBuildingElevatorRows(trx, id)).filter(
          (e) => e.reviewStatus === 'pending',
        );
        for (const e of elevators) await repo.updateElevator(trx, e.id, rejection(admin, reason));
        await event(trx, admin, 'catalog.building_rejected', 'building', id, {
          reason,
          rejectedElevatorIds: elevators.map((e) => e.id),
        });
        return readBuildingDto(trx, admin, id);
      });
    },

    /** Moves every elevator of the duplicate to the kept building; the duplicate is hidden. */
    mergeBuilding(
      admin: Viewer,
      id: number,
      targetId: number,
    ): Promise<{ building: BuildingDto; movedElevators: number }> {
      return inTransaction(db, async (trx) => {
        const source = await building(trx, id);
        assertPending(source);
        const target = await building(trx, targetId);
        if (target.id === source.id || target.mergedIntoId || target.reviewStatus === 'rejected') {
          throw badRequest('catalog.merge_invalid', 'Выберите другое здание: это объединить нельзя.');
        }
        const moved = await repo.listAllElevatorIdsOfBuilding(trx, source.id);
        for (const e of moved) {
          await repo.updateElevator(trx, e.id, {
            buildingId: target.id,
            searchText: elevatorSearchText(target, e),
            updatedAt: isoNow(clock),
          });
        }
        await repo.updateBuilding(trx, source.id, {
          ...rejection(admin, `Объединено с записью: ${formatAddress(target)}.`),
          mergedIntoId: target.id,
        });
        await event(trx, admin, 'catalog.building_merged', 'building', source.id, {
          intoId: target.id,
          movedElevatorIds: moved.map((e) => e.id),
        });
        return { building: await readBuildingDto(trx, admin, target.id), movedElevators: moved.length };
      });
    },

    /** Approving a lift in a pending building approves the building as well. */
    approveElevator(admin: Viewer, id: number): Promise<ElevatorDto> {
      return inTransaction(db, async (trx) => {
        const row = await elevator(trx, id);
        assertPending(row);
        const parent = await building(trx, row.buildingId);
        if (parent.reviewStatus === 'rejected') throw conflict('catalog.building_rejected');
        if (parent.reviewStatus === 'pending') await approveBuildingRow(trx, admin, parent);
        await repo.updateElevator(trx, id, approval(admin));
        await event(trx, admin, 'catalog.elevator_approved', 'elevator', id, {});
        return readElevatorDto(trx, admin, id);
      });
    },

    rejectElevator(admin: Viewer, id: number, reason: string): Promise<ElevatorDto> {
      return inTransaction(db, async (trx) => {
        const row = await elevator(trx, id);
        assertPending(row);
        await repo.updateElevator(trx, id, rejection(admin, reason));
        await event(trx, admin, 'catalog.elevator_rejected', 'elevator', id, { reason });
        return readElevatorDto(trx, admin, id);
      });
    },

    /** Moves every audit of the duplicate lift to the kept one; the duplicate is hidden. */
    mergeElevator(
      admin: Viewer,
      id: number,
      targetId: number,
    ): Promise<{ elevator: ElevatorDto; movedAudits: number }> {
      return inTransaction(db, async (trx) => {
        const source = await elevator(trx, id);
        assertPending(source);
        const target = await elevator(trx, targetId);
        if (target.id === source.id || target.mergedIntoId || target.reviewStatus === 'rejected') {
          throw badRequest('catalog.merge_invalid', 'Выберите другой лифт: этот объединить нельзя.');
        }
        const targetBuilding = await building(trx, target.buildingId);
        const auditIds = await repo.moveAudits(trx, source.id, target.id);
        await repo.updateElevator(trx, source.id, {
          ...rejection(admin, `Объединено с записью: ${formatElevatorLabel(targetBuilding, target)}.`),
          mergedIntoId: target.id,
        });
        await event(trx, admin, 'catalog.elevator_merged', 'elevator', source.id, {
          intoId: target.id,
          movedAuditIds: auditIds,
        });
        return { elevator: await readElevatorDto(trx, admin, target.id), movedAudits: auditIds.length };
      });
    },

    /** Likely duplicates of a pending record, for the merge picker. */
    async buildingCandidates(id: number): Promise<BuildingDto[]> {
      const source = await building(db, id);
      const admin: Viewer = { id: 0, role: 'admin' };
      const same = (await repo.findBuildingsByAddressKey(db, source.addressKey)).filter((b) => b.id !== id);
      const views = await Promise.all(same.map((b) => repo.findBuildingView(db, admin, b.id)));
      return views.filter((v) => v !== undefined).map(toBuildingDto);
    },

    async elevatorCandidates(id: number): Promise<ElevatorDto[]> {
      const source = await elevator(db, id);
      const admin: Viewer = { id: 0, role: 'admin' };
      const siblings = (await repo.listBuildingElevatorRows(db, source.buildingId)).filter(
        (e) => e.id !== id,
      );
      const exact = findSameElevator(siblings, source);
      const ordered = exact ? [exact, ...siblings.filter((e) => e !== exact)] : siblings;
      const views = await Promise.all(ordered.map((e) => repo.findElevatorView(db, admin, e.id)));
      return views.filter((v) => v !== undefined).map(toElevatorDto);
    },
  };
}
