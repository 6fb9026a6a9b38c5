import { sql } from 'kysely';
import { formatAddress } from '../../shared/catalog/address.js';
import type {
  ListSyncBatchesQuery,
  SyncBatchDto,
  SyncBatchList,
  SyncError,
  SyncOverview,
} from '../../shared/sync/sync.schema.js';
import type { Db } from '../db/database.js';

export type SyncAdminService = ReturnType<typeof createSyncAdminService>;

const PENDING_LIMIT = 500;

function parseJson<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** The admin page «Синхронизация»: batches by auditor and device, last syncs, photos still expected. */
export function createSyncAdminService({ db }: { db: Db }) {
  return {
    async listBatches(q: ListSyncBatchesQuery): Promise<SyncBatchList> {
      let base = db.selectFrom('syncBatches as s').innerJoin('users as u', 'u.id', 's.userId');
      if (q.status) base = base.where('s.status', '=', q.status);
      if (q.userId) base = base.where('s.userId', '=', q.userId);
      if (q.deviceId) base = base.where('s.deviceId', '=', q.deviceId);
      const [rows, count] = await Promise.all([
        base
          .select([
            's.uuid',
            's.deviceId',
            's.receivedAt',
            's.status',
            's.payload',
            's.result',
            's.errorDetails',
            'u.id as userId',
            'u.fullName',
            'u.username',
          ])
          .orderBy('s.receivedAt', 'desc')
          .orderBy('s.id', 'desc')
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const items: SyncBatchDto[] = rows.map((r) => {
        const payload = parseJson<{ audits?: Array<{ uuid: string }> }>(r.payload, {});
        const result = parseJson<{ missingAttachments?: string[] }>(r.result, {});
        return {
          batchId: r.uuid,
          user: { id: r.userId, fullName: r.fullName, username: r.username },
          deviceId: r.deviceId,
          receivedAt: r.receivedAt,
          status: r.status,
          auditUuids: (payload.audits ?? []).map((a) => a.uuid),
          missingAttachments: result.missingAttachments?.length ?? 0,
          errors: parseJson<SyncError[]>(r.errorDetails, []),
        };
      });
      return { items, total: Number(count.n), page: q.page, pageSize: q.pageSize };
    },

    async overview(): Promise<SyncOverview> {
      const devices = await db
        .selectFrom('syncBatches as s')
        .innerJoin('users as u', 'u.id', 's.userId')
        .select([
          'u.id as userId',
          'u.fullName',
          'u.username',
          's.deviceId',
          (eb) => eb.fn.max('s.receivedAt').as('lastSyncAt'),
          (eb) => eb.fn.countAll<number>().as('batches'),
          sql<number>`sum(case when s.status = 'error' then 1 else 0 end)`.as('errors'),
          sql<string>`(select s2.status from sync_batches s2 where s2.user_id = s.user_id and s2.device_id = s.device_id order by s2.received_at desc, s2.id desc limit 1)`.as(
            'lastStatus',
          ),
        ])
        .groupBy(['u.id', 'u.fullName', 'u.username', 's.deviceId', 's.userId'])
        .orderBy('lastSyncAt', 'desc')
        .execute();
      const pending = await db
        .selectFrom('auditAttachments as t')
        .innerJoin('audits as a', 'a.id', 't.auditId')
        .innerJoin('users as u', 'u.id', 'a.createdBy')
        .innerJoin('elevators as e', 'e.id', 'a.elevatorId')
        .innerJoin('buildings as b', 'b.id', 'e.buildingId')
        .select([
          't.uuid',
          't.questionId',
          't.size',
          't.createdAt',
          'a.uuid as auditUuid',
          'u.id as userId',
          'u.fullName',
          'b.city',
          'b.street',
          'b.house',
          'e.entrance',
        ])
        .where('t.status', '=', 'expected')
        .orderBy('t.createdAt')
        .limit(PENDING_LIMIT)
        .execute();
      return {
        devices: devices.map((d) => ({
          user: { id: d.userId, fullName: d.fullName, username: d.username },
          deviceId: d.deviceId,
          lastSyncAt: String(d.lastSyncAt),
          lastStatus: d.lastStatus as SyncBatchDto['status'],
          batches: Number(d.batches),
          errors: Number(d.errors ?? 0),
        })),
        pendingAttachments: pending.map((p) => ({
          uuid: p.uuid,
          auditUuid: p.auditUuid,
          questionId: p.questionId,
          size: p.size,
          createdAt: p.createdAt,
          user: { id: p.userId, fullName: p.fullName },
          address: formatAddress(p) + (p.entrance ? `, подъезд ${p.entrance}` : ''),
        })),
      };
    },
  };
}
