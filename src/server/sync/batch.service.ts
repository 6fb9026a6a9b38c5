import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { SyncApplied, SyncBatch, SyncError, SyncRejected } from '../../shared/sync/sync.schema.js';
import { type Clock, isoNow } from '../clock.js';
import type { Db, UserRow } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, conflict } from '../errors.js';
import type { Notifier } from '../notifications/index.js';
import { applyBatch } from './batch-apply.js';
import { type PlanProblem, planBatch, type VersionLookup } from './batch-plan.js';
import * as repo from './sync.repo.js';

export interface BatchDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  notifier: Notifier;
  versions: VersionLookup;
}

export type BatchOutcome =
  | { httpStatus: 200; body: SyncApplied }
  | { httpStatus: 409 | 422; body: SyncRejected };

class BatchRefused extends Error {
  constructor(readonly problems: PlanProblem[]) {
    super('batch refused');
  }
}

const toErrors = (problems: PlanProblem[]): SyncError[] => problems.map(({ conflict: _c, ...e }) => e);

/** sha256 of the parsed batch (key order fixed by the schema), the idempotency fingerprint. */
export function batchFingerprint(batch: SyncBatch): { payload: string; sha256: string } {
  const payload = JSON.stringify(batch);
  return { payload, sha256: createHash('sha256').update(payload).digest('hex') };
}

export type BatchService = ReturnType<typeof createBatchService>;

/**
 * POST /api/offline-sync/: one IMMEDIATE transaction per batch. The batch row is written in the
 * same transaction as its effects, so "applied" and "stored" cannot diverge, and a replay (same id,
 * same payload) finds the row and returns the stored result without touching anything. A refused
 * batch rolls everything back; its `error` row, the log line and the mail are written afterwards in
 * a transaction of their own. A refused batch sent again with the same payload is tried again (the
 * server may have changed, e.g. a catalog record approved); only the first refusal sends mail.
 */
export function createBatchService({ db, clock, log, notifier, versions }: BatchDeps) {
  async function recordRefusal(
    user: UserRow,
    batch: SyncBatch,
    fp: { payload: string; sha256: string },
    errors: SyncError[],
  ) {
    return inTransaction(db, async (trx) => {
      const now = isoNow(clock);
      const existing = await repo.findBatch(trx, batch.batchId);
      const errorDetails = JSON.stringify(errors);
      if (existing) {
        if (existing.status === 'applied') return JSON.parse(existing.result ?? '{}') as SyncApplied;
        await repo.updateBatch(trx, existing.id, { errorDetails, receivedAt: now });
        return null;
      }
      await repo.insertBatch(trx, {
        uuid: batch.batchId,
        userId: user.id,
        deviceId: batch.deviceId,
        receivedAt: now,
        status: 'error',
        payloadSha256: fp.sha256,
        payload: fp.payload,
        result: null,
        errorDetails,
      });
      const reason = errors
        .slice(0, 5)
        .map((e) => `${e.path}: ${e.message}`)
        .join('\n');
      await notifier.syncFailed(trx, {
        userId: user.id,
        auditorName: user.fullName,
        batchId: batch.batchId,
        deviceId: batch.deviceId,
        reason: errors.length > 5 ? `${reason}\n… (${errors.length})` : reason,
      });
      return null;
    });
  }

  return {
    async receive(user: UserRow, batch: SyncBatch): Promise<BatchOutcome> {
      const fp = batchFingerprint(batch);
      const viewer = { id: user.id, role: user.role };
      try {
        const body = await inTransaction(db, async (trx) => {
          const existing = await repo.findBatch(trx, batch.batchId);
          if (existing && (existing.payloadSha256 !== fp.sha256 || existing.userId !== user.id)) {
            throw conflict('sync.batch_conflict');
          }
          if (existing?.status === 'applied') return JSON.parse(existing.result ?? '{}') as SyncApplied;
          const { plan, problems } = await planBatch(trx, viewer, batch, versions);
          if (problems.length) throw new BatchRefused(problems);
          const now = isoNow(clock);
          const result = await applyBatch({ trx, clock, notifier, viewer, batch, now }, plan);
          if (existing) {
            await repo.updateBatch(trx, existing.id, {
              status: 'applied',
              result: JSON.stringify(result),
              errorDetails: null,
              receivedAt: now,
            });
          } else {
            await repo.insertBatch(trx, {
              uuid: batch.batchId,
              userId: user.id,
              deviceId: batch.deviceId,
              receivedAt: now,
              status: 'applied',
              payloadSha256: fp.sha256,
              payload: fp.payload,
              result: JSON.stringify(result),
              errorDetails: null,
            });
          }
          return result;
        });
        return { httpStatus: 200, body };
      } catch (error) {
        if (!(error instanceof BatchRefused)) {
          const who = {
            batchId: batch.batchId,
            userId: user.id,
            username: user.username,
            deviceId: batch.deviceId,
          };
          if (error instanceof AppError) log.warn({ ...who, code: error.code }, 'sync batch refused');
          else log.error({ ...who, err: error }, 'sync batch failed');
          throw error;
        }
        const errors = toErrors(error.problems);
        const applied = await recordRefusal(user, batch, fp, errors);
        if (applied) return { httpStatus: 200, body: applied };
        log.warn(
          {
            batchId: batch.batchId,
            userId: user.id,
            username: user.username,
            deviceId: batch.deviceId,
            errors: errors.map((e) => `${e.path} ${e.code}`),
          },
          'sync batch rejected',
        );
        const httpStatus = error.problems.some((p) => p.conflict) ? 409 : 422;
        return { httpStatus, body: { batchId: batch.batchId, status: 'error', errors } };
      }
    },
  };
}
