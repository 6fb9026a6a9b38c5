import { EDITABLE_STATUSES } from '../../shared/audits/audits.schema.js';
import type { Db, UserRow } from '../db/database.js';
import { AppError, notFound } from '../errors.js';
import { recordEvent } from '../events/index.js';
import { type AuditRow, findAuditByUuid, findResponse, updateAudit, upsertResponse } from './audits.repo.js';

export type Actor = Pick<UserRow, 'id' | 'role'>;

/**
 * An audit the actor may see: their own, or any for an admin. Anything else is 404, exactly like a
 * missing audit, so another auditor's ids are never confirmed.
 */
export async function loadVisibleAudit(db: Db, actor: Actor, uuid: string): Promise<AuditRow> {
  const audit = await findAuditByUuid(db, uuid);
  if (!audit || (actor.role !== 'admin' && audit.createdBy !== actor.id)) throw notFound('audit.not_found');
  return audit;
}

/**
 * An audit whose answers, object info and photos the actor may change: only its own auditor, and
 * only before submit. An admin looking at someone else's audit gets 403 (answers are never theirs).
 */
export async function loadAnswerableAudit(db: Db, actor: Actor, uuid: string): Promise<AuditRow> {
  const audit = await loadVisibleAudit(db, actor, uuid);
  if (audit.createdBy !== actor.id) throw new AppError('audit.answers_read_only', 403);
  if (!EDITABLE_STATUSES.includes(audit.status)) throw new AppError('audit.locked', 409);
  return audit;
}

/** The first answer or photo starts the audit: draft → in_progress and `started_at`. */
export async function markAuditStarted(
  trx: Db,
  audit: AuditRow,
  actorId: number,
  now: string,
): Promise<AuditRow> {
  if (audit.status !== 'draft') return audit;
  const updated = await updateAudit(trx, audit.id, {
    status: 'in_progress',
    startedAt: audit.startedAt ?? now,
    updatedAt: now,
  });
  await recordEvent(trx, {
    userId: actorId,
    action: 'audit.started',
    entityType: 'audit',
    entityId: audit.uuid,
    payload: { status: { from: 'draft', to: 'in_progress' } },
    createdAt: now,
  });
  return updated;
}

/** The response row a photo hangs on; created empty when the question has no answer yet. */
export async function ensureResponse(
  trx: Db,
  auditId: number,
  question: { id: number; text: string; maxScore: number | null },
  now: string,
): Promise<number> {
  const existing = await findResponse(trx, auditId, question.id);
  if (existing) return existing.id;
  const row = await upsertResponse(trx, {
    auditId,
    questionId: question.id,
    questionText: question.text,
    questionMaxScore: question.maxScore,
    isFlagged: 0,
    updatedAt: now,
  });
  return row.id;
}
