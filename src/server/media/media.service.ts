import type { Readable } from 'node:stream';
import type { AttachmentDto, AttachmentUploadQuery } from '../../shared/audits/audits.schema.js';
import { MAX_PHOTOS_PER_AUDIT, MAX_PHOTOS_PER_QUESTION } from '../../shared/audits/limits.js';
import { questionMaxScore } from '../../shared/audits/scoring.js';
import {
  type Actor,
  type ChecklistLookup,
  ensureResponse,
  findQuestion,
  loadAnswerableAudit,
  loadVisibleAudit,
  markAuditStarted,
  toAttachmentDto,
} from '../audits/index.js';
import { type Clock, isoNow } from '../clock.js';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, notFound } from '../errors.js';
import * as repo from './media.repo.js';
import { type MediaStorage, type MediaVariant, variantKey } from './storage.js';

export interface MediaDeps {
  db: Db;
  clock: Clock;
  checklists: ChecklistLookup;
  storage: MediaStorage;
  ids: () => string;
}

export type MediaService = ReturnType<typeof createMediaService>;

export interface MediaDownload {
  /** The variant's key relative to the media dir. */
  key: string;
  mime: string;
  fileName: string;
}

function limitReached(limit: 'question' | 'audit'): AppError {
  const max = limit === 'question' ? MAX_PHOTOS_PER_QUESTION : MAX_PHOTOS_PER_AUDIT;
  const message =
    limit === 'question'
      ? `Достигнут предел: не больше ${max} фотографий на один вопрос.`
      : `Достигнут предел: не больше ${max} фотографий на один аудит.`;
  return new AppError('media.limit_reached', 422, message, { limit: `per_${limit}`, max });
}

export function createMediaService({ db, clock, checklists, storage, ids }: MediaDeps) {
  async function assertRoom(trx: Db, auditId: number, questionId: number | null): Promise<void> {
    const counts = await repo.countAttachments(trx, auditId, questionId);
    if (questionId !== null && counts.question >= MAX_PHOTOS_PER_QUESTION) throw limitReached('question');
    if (counts.audit >= MAX_PHOTOS_PER_AUDIT) throw limitReached('audit');
  }

  async function visibleAttachment(actor: Actor, uuid: string): Promise<repo.AttachmentWithAudit> {
    const attachment = await repo.findAttachment(db, uuid);
    if (attachment?.status !== 'stored') throw notFound('media.not_found');
    try {
      await loadVisibleAudit(db, actor, attachment.auditUuid);
    } catch {
      throw notFound('media.not_found');
    }
    return attachment;
  }

  return {
    /**
     * Stores one photo of an audit (optionally of a question). Checks access and limits before
     * reading the body and again, authoritatively, in the transaction that records the row.
     */
    async upload(
      actor: Actor,
      auditUuid: string,
      query: AttachmentUploadQuery,
      body: Readable,
    ): Promise<{ attachment: AttachmentDto; created: boolean }> {
      const audit = await loadAnswerableAudit(db, actor, auditUuid);
      const version = await checklists.get(db, audit.checklistVersionId);
      const question = query.questionId ? findQuestion(version, query.questionId) : null;
      if (query.uuid) {
        const existing = await repo.findAttachment(db, query.uuid);
        if (existing) {
          if (existing.auditId !== audit.id || existing.status !== 'stored')
            throw new AppError('media.uuid_taken', 409);
          body.resume();
          return { attachment: toAttachmentDto(existing), created: false };
        }
      }
      await assertRoom(db, audit.id, question?.id ?? null);

      const stored = await storage.storeImage(body);
      try {
        const { row, created } = await inTransaction(db, async (trx) => {
          const current = await loadAnswerableAudit(trx, actor, auditUuid);
          if (query.uuid) {
            // A retry of the same photo that finished first while this one was streaming.
            const raced = await repo.findAttachment(trx, query.uuid);
            if (raced) {
              if (raced.auditId !== current.id || raced.status !== 'stored')
                throw new AppError('media.uuid_taken', 409);
              return { row: raced, created: false };
            }
          }
          await assertRoom(trx, current.id, question?.id ?? null);
          const now = isoNow(clock);
          const responseId = question
            ? await ensureResponse(
                trx,
                current.id,
                { ...question, maxScore: questionMaxScore(question) },
                now,
              )
            : null;
          const inserted = await repo.insertAttachment(trx, {
            uuid: query.uuid ?? ids(),
            auditId: current.id,
            responseId,
            questionId: question?.id ?? null,
            storageKey: stored.storageKey,
            mime: stored.mime,
            size: stored.size,
            sha256: stored.sha256,
            width: stored.width,
            height: stored.height,
            caption: query.caption || null,
            status: 'stored',
            createdBy: actor.id,
            createdAt: now,
            storedAt: now,
          });
          await markAuditStarted(trx, current, actor.id, now);
          return { row: inserted, created: true };
        });
        if (created) storage.makeThumbnailLater(stored.storageKey, row.uuid);
        else await storage.remove(stored.storageKey);
        return { attachment: toAttachmentDto(row), created };
      } catch (error) {
        await storage.remove(stored.storageKey);
        throw error;
      }
    },

    /** Where a variant of a photo is, after the access check (404 for anything not the actor's). */
    async download(actor: Actor, uuid: string, variant: MediaVariant): Promise<MediaDownload> {
      const a = await visibleAttachment(actor, uuid);
      const ext = a.storageKey.split('.').pop() ?? 'jpg';
      if (variant === 'original') return { key: a.storageKey, mime: a.mime, fileName: `${a.uuid}.${ext}` };
      // The thumbnail is made after the upload, the preview on first request (storage.ts).
      const state = await storage.ensureVariant(a.storageKey, variant, a.uuid);
      if (state === 'missing') throw notFound('media.not_found');
      if (state === 'undecodable') throw new AppError('media.not_decodable', 422);
      return {
        key: variantKey(a.storageKey, variant),
        mime: 'image/jpeg',
        fileName: `${a.uuid}-${variant}.jpg`,
      };
    },

    /** Removes a photo before submit: the row first, then its files. */
    async remove(actor: Actor, uuid: string): Promise<void> {
      const storageKey = await inTransaction(db, async (trx) => {
        const attachment = await repo.findAttachment(trx, uuid);
        if (!attachment) throw notFound('media.not_found');
        try {
          await loadVisibleAudit(trx, actor, attachment.auditUuid);
        } catch {
          throw notFound('media.not_found');
        }
        await loadAnswerableAudit(trx, actor, attachment.auditUuid);
        await repo.deleteAttachment(trx, attachment.id);
        return attachment.storageKey;
      });
      await storage.remove(storageKey);
    },
  };
}
