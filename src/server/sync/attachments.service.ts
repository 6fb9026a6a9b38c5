import type { Readable } from 'node:stream';
import { MAX_PHOTOS_PER_AUDIT, MAX_PHOTOS_PER_QUESTION } from '../../shared/audits/limits.js';
import { computeScores } from '../../shared/audits/scoring.js';
import { SHA256_RE } from '../../shared/sync/sync.schema.js';
import { type Clock, isoNow } from '../clock.js';
import type { Db, UserRow } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { recordEvent } from '../events/index.js';
import type { MediaStorage } from '../media/index.js';
import type { Notifier } from '../notifications/index.js';
import { storedToTimed, type VersionLookup } from './batch-plan.js';
import { mailSubmitted } from './submit-mail.js';
import * as repo from './sync.repo.js';

export interface AttachmentDeps {
  db: Db;
  clock: Clock;
  storage: MediaStorage;
  notifier: Notifier;
  versions: VersionLookup;
}

export type SyncAttachmentsService = ReturnType<typeof createSyncAttachmentsService>;

/**
 * PUT/HEAD /api/offline-sync/attachments/:uuid — photos a batch announced (`expected` rows), one at
 * a time. The file goes through the media domain's storage (`*.part`, fsync, sha256 against the
 * announced one, header and structure checks), the row flips to `stored` in a transaction, an audit
 * waiting to be submitted is submitted by its last photo, and the thumbnail is made in the
 * background. A photo already stored answers 200 without reading the body twice.
 */
export function createSyncAttachmentsService({ db, clock, storage, notifier, versions }: AttachmentDeps) {
  async function ownRow(user: UserRow, uuid: string) {
    const row = await repo.findAttachmentWithAudit(db, uuid);
    if (!row || row.auditOwner !== user.id) throw notFound('sync.attachment_unknown');
    return row;
  }

  return {
    async isStored(user: UserRow, uuid: string): Promise<boolean> {
      const row = await repo.findAttachmentWithAudit(db, uuid);
      return Boolean(row && row.auditOwner === user.id && row.status === 'stored');
    },

    async upload(
      user: UserRow,
      uuid: string,
      declaredSha: string | undefined,
      body: Readable,
    ): Promise<{ created: boolean }> {
      const sha = declaredSha?.trim().toLowerCase() ?? '';
      if (!SHA256_RE.test(sha)) throw badRequest('sync.hash_required');
      const row = await ownRow(user, uuid);
      if (row.status === 'stored') {
        body.resume();
        if (row.sha256 !== sha) throw new AppError('sync.hash_mismatch', 409);
        return { created: false };
      }
      if (row.sha256 !== sha) throw new AppError('sync.hash_mismatch', 409);

      // A body damaged on the way is a hash mismatch (send again), checked before the image itself.
      const stored = await storage.storeImage(body, {
        verify: (received) => {
          if (received.sha256 !== sha)
            throw new AppError('sync.hash_mismatch', 409, undefined, {
              expected: sha,
              received: received.sha256,
            });
        },
      });
      let keep = false;
      try {
        const created = await inTransaction(db, async (trx) => {
          const current = await repo.findAttachmentWithAudit(trx, uuid);
          if (!current || current.auditOwner !== user.id) throw notFound('sync.attachment_unknown');
          if (current.status === 'stored') return false;
          const counts = await repo.countStored(trx, current.auditId, current.questionId, current.id);
          if (current.questionId !== null && counts.question >= MAX_PHOTOS_PER_QUESTION) {
            throw new AppError('media.limit_reached', 422, undefined, {
              limit: 'per_question',
              max: MAX_PHOTOS_PER_QUESTION,
            });
          }
          if (counts.audit >= MAX_PHOTOS_PER_AUDIT) {
            throw new AppError('media.limit_reached', 422, undefined, {
              limit: 'per_audit',
              max: MAX_PHOTOS_PER_AUDIT,
            });
          }
          const now = isoNow(clock);
          await repo.updateAttachment(trx, current.id, {
            status: 'stored',
            storageKey: stored.storageKey,
            mime: stored.mime,
            size: stored.size,
            width: stored.width,
            height: stored.height,
            storedAt: now,
          });
          await submitIfComplete(trx, { notifier, versions }, current.auditId, user.id, now);
          return true;
        });
        keep = created;
        if (created) storage.makeThumbnailLater(stored.storageKey, uuid);
        return { created };
      } finally {
        if (!keep) await storage.remove(stored.storageKey);
      }
    },
  };
}

/** The last photo of an audit the device submitted offline submits it. */
async function submitIfComplete(
  trx: Db,
  deps: { notifier: Notifier; versions: VersionLookup },
  auditId: number,
  userId: number,
  now: string,
): Promise<void> {
  const audit = await repo.findAuditById(trx, auditId);
  if (!audit?.submitRequestedAt || audit.status !== 'in_progress') return;
  if ((await repo.countExpected(trx, auditId)) > 0) return;
  await repo.updateAudit(trx, auditId, {
    status: 'submitted',
    submittedAt: now,
    submitRequestedAt: null,
    finishedAt: audit.finishedAt ?? now,
    updatedAt: now,
  });
  await recordEvent(trx, {
    userId,
    action: 'audit.submitted',
    entityType: 'audit',
    entityId: audit.uuid,
    payload: {
      status: { from: 'in_progress', to: 'submitted' },
      totalScore: audit.totalScore,
      maxScore: audit.maxScore,
      source: 'offline',
      requestedAt: audit.submitRequestedAt,
    },
    createdAt: now,
  });
  const version = await deps.versions(trx, audit.checklistVersionId);
  if (version) {
    const rows = await repo.listResponses(trx, auditId);
    const answers = new Map(rows.map((r) => [r.questionId, storedToTimed(r)]));
    await mailSubmitted(trx, deps.notifier, auditId, computeScores(version.snapshot, answers));
  }
}
