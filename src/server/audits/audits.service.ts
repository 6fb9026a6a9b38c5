import { validateAnswer } from '../../shared/audits/answers.js';
import type {
  AdminUpdateAudit,
  AuditDetail,
  AuditList,
  CreateAudit,
  ListAuditsQuery,
  SaveResponse,
  SaveResponseResult,
} from '../../shared/audits/audits.schema.js';
import { EDITABLE_STATUSES } from '../../shared/audits/audits.schema.js';
import { checkCompleteness } from '../../shared/audits/completeness.js';
import { type ObjectInfo, prefillObjectInfo, validateObjectInfo } from '../../shared/audits/object-info.js';
import { computeScores, questionMaxScore } from '../../shared/audits/scoring.js';
import { searchTerms } from '../../shared/catalog/address.js';
import { flattenQuestions, type SnapshotQuestion } from '../../shared/checklists/snapshot.schema.js';
import { type Clock, isoNow } from '../clock.js';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { recordEvent } from '../events/index.js';
import type { Notifier } from '../notifications/index.js';
import { type Actor, loadAnswerableAudit, loadVisibleAudit, markAuditStarted } from './audit-access.js';
import { toAnswer, toAttachmentDto, toListItem, toResponseDto } from './audit-dto.js';
import * as repo from './audits.repo.js';
import { type ChecklistLookup, findVisibleElevator, type PinnedVersion } from './lookups.repo.js';

export interface AuditsDeps {
  db: Db;
  clock: Clock;
  checklists: ChecklistLookup;
  /** Mail «audit submitted» to admins, enqueued in the submit transaction. */
  notifier?: Notifier;
}

export type AuditsService = ReturnType<typeof createAuditsService>;

const nextDay = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + 86_400_000).toISOString();

function parseObjectInfo(text: string): ObjectInfo {
  const value: unknown = JSON.parse(text);
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as ObjectInfo) : {};
}

function withoutEmpty(info: ObjectInfo): ObjectInfo {
  return Object.fromEntries(Object.entries(info).filter(([, v]) => v !== null && v !== ''));
}

export function findQuestion(version: PinnedVersion, questionId: number): SnapshotQuestion {
  const found = flattenQuestions(version.snapshot).find((e) => e.question.id === questionId);
  if (!found) throw notFound('audit.question_not_found');
  return found.question;
}

/**
 * The list filters of a query as the actor may apply them: an auditor always gets only their own
 * audits; admin-only filters are ignored for auditors. Shared by the list and the exports.
 */
export function auditFilterFor(
  actor: Actor,
  query: Omit<ListAuditsQuery, 'page' | 'pageSize'>,
): Omit<repo.AuditFilter, 'limit' | 'offset'> {
  const isAdmin = actor.role === 'admin';
  let statuses = query.status;
  if (query.review === 'new') statuses = ['submitted'];
  if (query.review === 'reviewed') statuses = ['reviewed'];
  return {
    createdBy: isAdmin ? query.auditorId : actor.id,
    statuses,
    searchTerms: query.search ? searchTerms(query.search) : undefined,
    createdFrom: isAdmin && query.dateFrom ? `${query.dateFrom}T00:00:00.000Z` : undefined,
    createdBefore: isAdmin && query.dateTo ? nextDay(query.dateTo) : undefined,
    buildingId: isAdmin ? query.buildingId : undefined,
    elevatorId: isAdmin ? query.elevatorId : undefined,
    percentMin: isAdmin ? query.scoreMin : undefined,
    percentMax: isAdmin ? query.scoreMax : undefined,
    sort: query.sort,
    order: query.order,
  };
}

export function createAuditsService({ db, clock, checklists, notifier }: AuditsDeps) {
  const event = (trx: Db, actorId: number, action: string, uuid: string, payload: unknown, now: string) =>
    recordEvent(trx, {
      userId: actorId,
      action,
      entityType: 'audit',
      entityId: uuid,
      payload,
      createdAt: now,
    });

  async function recomputeScores(trx: Db, audit: repo.AuditRow, version: PinnedVersion, now: string) {
    const answers = new Map(
      (await repo.listResponses(trx, audit.id)).map((r) => [r.questionId, toAnswer(r)]),
    );
    const scores = computeScores(version.snapshot, answers);
    const updated = await repo.updateAudit(trx, audit.id, {
      totalScore: scores.total,
      maxScore: scores.max,
      updatedAt: now,
    });
    return { audit: updated, scores, answers };
  }

  function assertObjectInfo(version: PinnedVersion, info: ObjectInfo): void {
    const problems = validateObjectInfo(version.snapshot.objectInfoFields, info);
    if (problems.length) {
      throw badRequest('audit.invalid_object_info', problems.map((p) => p.message).join(' '), problems);
    }
  }

  async function getDetail(actor: Actor, uuid: string): Promise<AuditDetail> {
    const audit = await loadVisibleAudit(db, actor, uuid);
    const [row, responses, attachments, version] = await Promise.all([
      repo.getAuditListRow(db, audit.id),
      repo.listResponses(db, audit.id),
      repo.listStoredAttachments(db, audit.id),
      checklists.get(db, audit.checklistVersionId),
    ]);
    if (!row) throw notFound('audit.not_found');
    const answers = new Map(responses.map((r) => [r.questionId, toAnswer(r)]));
    const objectInfo = parseObjectInfo(audit.objectInfo);
    const names = await repo.findUserNames(db, audit.reviewedBy ? [audit.reviewedBy] : []);
    const isOwner = audit.createdBy === actor.id;
    const editable = EDITABLE_STATUSES.includes(audit.status);
    const isAdmin = actor.role === 'admin';
    return {
      ...toListItem(row),
      objectInfo,
      adminNotes: isAdmin ? audit.adminNotes : null,
      reviewedBy: audit.reviewedBy
        ? { id: audit.reviewedBy, fullName: names.get(audit.reviewedBy) ?? '' }
        : null,
      source: audit.source,
      checklistVersion: { id: version.id, number: version.number, snapshot: version.snapshot },
      responses: responses.map(toResponseDto),
      attachments: attachments.map(toAttachmentDto),
      scores: computeScores(version.snapshot, answers),
      missing: checkCompleteness(version.snapshot, objectInfo, answers),
      permissions: {
        canAnswer: isOwner && editable,
        canSubmit: isOwner && editable,
        canEditMetadata: isAdmin,
        canReview: isAdmin && audit.status === 'submitted',
      },
    };
  }

  return {
    getDetail,

    /** Creates a draft pinned to the latest published version; the same uuid again returns it. */
    async create(actor: Actor, input: CreateAudit): Promise<{ audit: AuditDetail; created: boolean }> {
      const created = await inTransaction(db, async (trx) => {
        const existing = await repo.findAuditByUuid(trx, input.uuid);
        if (existing) {
          if (existing.createdBy !== actor.id) throw new AppError('audit.uuid_taken', 409);
          return false;
        }
        const target = await findVisibleElevator(trx, actor, input.elevatorId);
        if (!target) throw notFound('audit.elevator_not_found');
        const version = await checklists.latestPublished(trx);
        if (!version) throw new AppError('audit.no_checklist', 409);
        const elevator = target;
        const prefill = prefillObjectInfo(version.snapshot.objectInfoFields, {
          'elevator.identifier': elevator.identifier,
          'elevator.capacityKg': elevator.capacityKg,
          'elevator.stops': elevator.stops,
          'elevator.entrance': elevator.entrance,
          'elevator.description': elevator.description,
          'building.city': elevator.city,
          'building.street': elevator.street,
          'building.house': elevator.house,
          'building.address': elevator.address,
        });
        const objectInfo = withoutEmpty({ ...prefill, ...(input.objectInfo ?? {}) });
        assertObjectInfo(version, objectInfo);
        const now = isoNow(clock);
        await repo.insertAudit(trx, {
          uuid: input.uuid,
          elevatorId: elevator.id,
          checklistVersionId: version.id,
          createdBy: actor.id,
          objectInfo: JSON.stringify(objectInfo),
          plannedDate: input.plannedDate ?? null,
          status: 'draft',
          totalScore: 0,
          maxScore: computeScores(version.snapshot, new Map()).max,
          source: 'web',
          createdAt: now,
          updatedAt: now,
        });
        await event(
          trx,
          actor.id,
          'audit.created',
          input.uuid,
          { elevatorId: elevator.id, version: version.number },
          now,
        );
        return true;
      });
      return { audit: await getDetail(actor, input.uuid), created };
    },

    async list(actor: Actor, query: ListAuditsQuery): Promise<AuditList> {
      const { rows, total } = await repo.listAudits(db, {
        ...auditFilterFor(actor, query),
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      return { items: rows.map(toListItem), total, page: query.page, pageSize: query.pageSize };
    },

    /** Autosave of one answer; drafts may stay incomplete. Recomputes the stored score. */
    async saveResponse(
      actor: Actor,
      uuid: string,
      questionId: number,
      input: SaveResponse,
    ): Promise<SaveResponseResult> {
      return inTransaction(db, async (trx) => {
        let audit = await loadAnswerableAudit(trx, actor, uuid);
        const version = await checklists.get(trx, audit.checklistVersionId);
        const question = findQuestion(version, questionId);
        const problems = validateAnswer(question, input);
        if (problems.length) {
          throw badRequest('audit.invalid_answer', problems.map((p) => p.message).join(' '), problems);
        }
        const now = isoNow(clock);
        const comment = input.comment?.trim() ? input.comment : null;
        const response = await repo.upsertResponse(trx, {
          auditId: audit.id,
          questionId,
          questionText: question.text,
          questionMaxScore: questionMaxScore(question),
          score: input.score ?? null,
          yesNo: input.yesNo === undefined || input.yesNo === null ? null : input.yesNo ? 1 : 0,
          textValue: input.textValue?.trim() ? input.textValue : null,
          comment,
          isFlagged: input.isFlagged ? 1 : 0,
          updatedAt: now,
        });
        audit = await markAuditStarted(trx, audit, actor.id, now);
        const result = await recomputeScores(trx, audit, version, now);
        return {
          response: toResponseDto(response),
          status: result.audit.status,
          startedAt: result.audit.startedAt,
          scores: result.scores,
        };
      });
    },

    /** Merges object-info values (null clears a field). */
    async patchObjectInfo(actor: Actor, uuid: string, values: ObjectInfo): Promise<AuditDetail> {
      await inTransaction(db, async (trx) => {
        const audit = await loadAnswerableAudit(trx, actor, uuid);
        const version = await checklists.get(trx, audit.checklistVersionId);
        assertObjectInfo(version, values);
        const merged = withoutEmpty({ ...parseObjectInfo(audit.objectInfo), ...values });
        await repo.updateAudit(trx, audit.id, {
          objectInfo: JSON.stringify(merged),
          updatedAt: isoNow(clock),
        });
      });
      return getDetail(actor, uuid);
    },

    /** Completeness check, server-side scores, then submitted (read-only from now on). */
    async submit(actor: Actor, uuid: string): Promise<AuditDetail> {
      await inTransaction(db, async (trx) => {
        const audit = await loadAnswerableAudit(trx, actor, uuid);
        const version = await checklists.get(trx, audit.checklistVersionId);
        const now = isoNow(clock);
        const { scores, answers } = await recomputeScores(trx, audit, version, now);
        const missing = checkCompleteness(version.snapshot, parseObjectInfo(audit.objectInfo), answers);
        if (missing.length) {
          const message = `Аудит заполнен не полностью (${missing.length}): ${missing.map((m) => m.message).join(' ')}`;
          throw badRequest('audit.incomplete', message, missing);
        }
        await repo.updateAudit(trx, audit.id, {
          status: 'submitted',
          startedAt: audit.startedAt ?? now,
          finishedAt: now,
          submittedAt: now,
          updatedAt: now,
        });
        await event(
          trx,
          actor.id,
          'audit.submitted',
          uuid,
          {
            status: { from: audit.status, to: 'submitted' },
            totalScore: scores.total,
            maxScore: scores.max,
          },
          now,
        );
        const row = await repo.getAuditListRow(trx, audit.id);
        if (row) {
          await notifier?.auditSubmitted(trx, {
            uuid,
            address: `${row.city}, ${row.street}, ${row.house}`,
            auditorName: row.auditorName,
            percent: scores.percentage,
            criticalDefects: scores.criticalDefects.length,
          });
        }
      });
      return getDetail(actor, uuid);
    },

    /** Admin: planned date, notes, elevator correction; never answers. Every change goes to events. */
    async updateMetadata(actor: Actor, uuid: string, patch: AdminUpdateAudit): Promise<AuditDetail> {
      await inTransaction(db, async (trx) => {
        const audit = await loadVisibleAudit(trx, actor, uuid);
        const changes: Record<string, { from: unknown; to: unknown }> = {};
        const update: Parameters<typeof repo.updateAudit>[2] = {};
        if (patch.plannedDate !== undefined && patch.plannedDate !== audit.plannedDate) {
          changes.plannedDate = { from: audit.plannedDate, to: patch.plannedDate };
          update.plannedDate = patch.plannedDate;
        }
        const notes = patch.adminNotes === undefined ? undefined : patch.adminNotes || null;
        if (notes !== undefined && notes !== audit.adminNotes) {
          changes.adminNotes = { from: audit.adminNotes, to: notes };
          update.adminNotes = notes;
        }
        if (patch.elevatorId !== undefined && patch.elevatorId !== audit.elevatorId) {
          const target = await findVisibleElevator(trx, actor, patch.elevatorId);
          if (!target) throw notFound('audit.elevator_not_found');
          if (target.id !== audit.elevatorId) {
            changes.elevatorId = { from: audit.elevatorId, to: target.id };
            update.elevatorId = target.id;
          }
        }
        if (Object.keys(changes).length === 0) return;
        const now = isoNow(clock);
        await repo.updateAudit(trx, audit.id, { ...update, updatedAt: now });
        await event(trx, actor.id, 'audit.metadata_updated', uuid, changes, now);
      });
      return getDetail(actor, uuid);
    },

    /** Admin: «Отметить как просмотренный» (submitted → reviewed). */
    async review(actor: Actor, uuid: string): Promise<AuditDetail> {
      await inTransaction(db, async (trx) => {
        const audit = await loadVisibleAudit(trx, actor, uuid);
        if (audit.status === 'reviewed') throw new AppError('audit.already_reviewed', 409);
        if (audit.status !== 'submitted') throw new AppError('audit.not_submitted', 409);
        const now = isoNow(clock);
        await repo.updateAudit(trx, audit.id, {
          status: 'reviewed',
          reviewedAt: now,
          reviewedBy: actor.id,
          updatedAt: now,
        });
        await event(
          trx,
          actor.id,
          'audit.reviewed',
          uuid,
          { status: { from: 'submitted', to: 'reviewed' } },
          now,
        );
      });
      return getDetail(actor, uuid);
    },
  };
}
