import { elevatorSearchText } from '../../../shared/catalog/address.js';
import {
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  type ImportApplyResult,
  type ImportLogList,
  type ImportPreview,
} from '../../../shared/catalog/import.schema.js';
import { isoNow } from '../../clock.js';
import type { Db } from '../../db/database.js';
import { inTransaction } from '../../db/transaction.js';
import { AppError, badRequest } from '../../errors.js';
import { recordEvent } from '../../events/index.js';
import type { Viewer } from '../catalog.repo.js';
import * as repo from '../catalog.repo.js';
import type { CatalogDeps } from '../catalog.service.js';
import { createBuildingRecord, createElevatorRecord } from '../catalog-writes.js';
import { findHeader } from './columns.js';
import { type ImportPlan, type PlannedRow, planImport } from './plan.js';
import { type RawTable, readTable } from './read-table.js';

export type ImportService = ReturnType<typeof createImportService>;

const FIELD_NAMES: Record<string, string> = {
  city: 'Город',
  street: 'Улица',
  house: 'Дом',
};

function toPreview(fileName: string, table: RawTable, plan: ImportPlan, map: ReturnType<typeof findHeader>) {
  const preview: ImportPreview = {
    fileName,
    format: table.format,
    columns: (map?.columns ?? []).map((c) => ({ field: c.field, header: c.header })),
    rows: plan.rows.map(({ key: _k, buildingId: _b, elevatorId: _e, hasElevator: _h, ...row }) => row),
    counts: plan.counts,
  };
  return preview;
}

async function readImportFile(buf: Buffer) {
  if (buf.length > IMPORT_MAX_BYTES) throw new AppError('catalog.import_too_large', 413);
  const table = await readTable(buf);
  const map = findHeader(table.rows);
  if (!map) {
    throw badRequest(
      'catalog.import_missing_columns',
      'Не найдена строка заголовков: нужны как минимум столбцы «Улица» и «Дом» (также «Город», «Подъезд», «Грузоподъёмность», «Остановок», «Рег. номер», «Примечание»).',
    );
  }
  if (!map.columns.some((c) => c.field === 'city')) {
    throw badRequest('catalog.import_missing_columns', `Нет столбца «${FIELD_NAMES.city}».`);
  }
  const dataRows = table.rows.filter((r) => r.row > map.headerRow && r.cells.some((c) => c.trim() !== ''));
  if (dataRows.length === 0) throw badRequest('catalog.import_empty');
  if (dataRows.length > IMPORT_MAX_ROWS) {
    throw new AppError(
      'catalog.import_too_large',
      413,
      `В файле ${dataRows.length} строк: за один раз можно загрузить не более ${IMPORT_MAX_ROWS}.`,
    );
  }
  return { table, map, dataRows };
}

/** Admin catalog import: a read-only preview, then an all-or-nothing apply of the same file. */
export function createImportService(deps: CatalogDeps) {
  const { db, clock } = deps;

  async function applyRow(trx: Db, admin: Viewer, row: PlannedRow, created: Map<string, number>) {
    if (row.action === 'skip' || row.action === 'error') return;
    if (row.action === 'update' && row.elevatorId) {
      const before = await repo.findElevator(trx, row.elevatorId);
      const building = before ? await repo.findBuilding(trx, before.buildingId) : undefined;
      if (!before || !building) throw new AppError('catalog.elevator_not_found', 409);
      const patch = {
        capacityKg: row.capacityKg ?? before.capacityKg,
        stops: row.stops ?? before.stops,
        identifier: row.identifier ?? before.identifier,
        entrance: row.entrance ?? before.entrance,
        description: row.description ?? before.description,
      };
      await repo.updateElevator(trx, before.id, {
        ...patch,
        searchText: elevatorSearchText(building, patch),
        updatedAt: isoNow(clock),
      });
      await recordEvent(trx, {
        userId: admin.id,
        action: 'catalog.elevator_updated',
        entityType: 'elevator',
        entityId: before.id,
        payload: Object.fromEntries(
          row.changes.map((k) => [
            k,
            { from: before[k as keyof typeof before], to: patch[k as keyof typeof patch] },
          ]),
        ),
        createdAt: isoNow(clock),
      });
      return;
    }
    let buildingId = row.buildingId ?? created.get(row.key) ?? null;
    if (buildingId === null) {
      const building = await createBuildingRecord(trx, deps, admin, {
        city: row.city,
        street: row.street,
        house: row.house,
        notes: row.hasElevator ? null : row.description,
      });
      buildingId = building.id;
      created.set(row.key, buildingId);
    }
    if (row.hasElevator) {
      await createElevatorRecord(trx, deps, admin, {
        buildingId,
        entrance: row.entrance,
        capacityKg: row.capacityKg,
        stops: row.stops,
        identifier: row.identifier,
        description: row.description,
      });
    }
  }

  return {
    async preview(fileName: string, body: Buffer): Promise<ImportPreview> {
      const { table, map, dataRows } = await readImportFile(body);
      return toPreview(fileName, table, await planImport(db, dataRows, map), map);
    },

    /** Refuses a file with any bad row; otherwise applies every row in one transaction. */
    async apply(admin: Viewer, fileName: string, body: Buffer): Promise<ImportApplyResult> {
      const { table, map, dataRows } = await readImportFile(body);
      return inTransaction(db, async (trx) => {
        const plan = await planImport(trx, dataRows, map);
        const preview = toPreview(fileName, table, plan, map);
        const bad = plan.rows.filter((r) => r.errors.length > 0);
        if (bad.length) {
          const details = bad
            .slice(0, 100)
            .flatMap((r) =>
              r.errors.map((e) => ({ path: `строка ${r.row}`, code: e.field, message: e.message })),
            );
          throw badRequest(
            'catalog.import_has_errors',
            `В файле есть ошибки (строк: ${bad.length}): исправьте их и загрузите файл снова. Ничего не изменено.`,
            details,
          );
        }
        const created = new Map<string, number>();
        for (const row of plan.rows) await applyRow(trx, admin, row, created);
        const now = isoNow(clock);
        const log = await trx
          .insertInto('catalogImports')
          .values({
            userId: admin.id,
            fileName,
            createdCount: plan.counts.create,
            updatedCount: plan.counts.update,
            skippedCount: plan.counts.skip,
            errorCount: plan.counts.error,
            createdAt: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordEvent(trx, {
          userId: admin.id,
          action: 'catalog.import_applied',
          entityType: 'catalog_import',
          entityId: log.id,
          payload: { fileName, ...plan.counts },
          createdAt: now,
        });
        const user = await trx
          .selectFrom('users')
          .select('fullName')
          .where('id', '=', admin.id)
          .executeTakeFirst();
        return { import: { ...log, userName: user?.fullName ?? null }, preview };
      });
    },

    async log(page: number, pageSize: number): Promise<ImportLogList> {
      const [rows, total] = await Promise.all([
        repo.listImports(db, pageSize, (page - 1) * pageSize),
        repo.countImports(db),
      ]);
      return { items: rows, total, page, pageSize };
    },
  };
}
