import { validateAnswer } from '../../shared/audits/answers.js';
import { EDITABLE_STATUSES } from '../../shared/audits/audits.schema.js';
import { checkCompleteness } from '../../shared/audits/completeness.js';
import {
  MAX_PHOTO_BYTES,
  MAX_PHOTOS_PER_AUDIT,
  MAX_PHOTOS_PER_QUESTION,
  PHOTO_MIME_TYPES,
} from '../../shared/audits/limits.js';
import { type ObjectInfo, validateObjectInfo } from '../../shared/audits/object-info.js';
import type { AuditAnswer } from '../../shared/audits/scoring.js';
import {
  type ChecklistSnapshot,
  flattenQuestions,
  type SnapshotQuestion,
} from '../../shared/checklists/snapshot.schema.js';
import { mergeObjectInfo, reconcileAnswer, type TimedAnswer } from '../../shared/sync/reconcile.js';
import type { SyncAudit, SyncBatch, SyncError, SyncResponse } from '../../shared/sync/sync.schema.js';
import { findVisibleElevatorByUuid } from '../catalog/index.js';
import type { Db } from '../db/database.js';
import * as repo from './sync.repo.js';

/*
 * First half of applying a batch: read everything the batch refers to, check every rule and
 * collect every problem with its path, without writing. Only a batch with no problems reaches
 * batch-apply.ts, so a refused batch writes nothing (the transaction is rolled back anyway).
 */

export interface Viewer {
  id: number;
  role: 'auditor' | 'admin';
}

export interface PinnedVersion {
  id: number;
  number: number;
  snapshot: ChecklistSnapshot;
}

export type VersionLookup = (db: Db, id: number) => Promise<PinnedVersion | null>;

export type Ref = { kind: 'existing'; id: number } | { kind: 'new'; index: number };

export interface AuditPlan {
  index: number;
  input: SyncAudit;
  elevator: Ref;
  version: PinnedVersion;
  existing: repo.AuditRow | undefined;
  /** A locked audit whose batch changes nothing (a resend after submit): nothing is written. */
  unchanged: boolean;
  questions: Map<number, SnapshotQuestion>;
  storedAnswers: Map<number, repo.ResponseRow>;
  storedAttachments: Map<string, repo.AttachmentRow>;
}

export interface BatchPlan {
  buildings: Array<{ index: number; ref: Ref }>;
  /** `building` is null when the elevator already exists (an earlier batch created or matched it). */
  elevators: Array<{ index: number; ref: Ref; building: Ref | null }>;
  audits: AuditPlan[];
}

/** A problem that makes the whole batch fail; `conflict` ones answer 409 instead of 422. */
export interface PlanProblem extends SyncError {
  conflict?: boolean;
}

export function storedToTimed(r: repo.ResponseRow): TimedAnswer {
  return {
    score: r.score,
    yesNo: r.yesNo === null ? null : r.yesNo === 1,
    textValue: r.textValue,
    comment: r.comment,
    isFlagged: r.isFlagged === 1,
    updatedAt: r.updatedAt,
  };
}

export function incomingToTimed(r: SyncResponse): TimedAnswer {
  return {
    score: r.score ?? null,
    yesNo: r.yesNo ?? null,
    textValue: r.textValue?.trim() ? r.textValue : null,
    comment: r.comment?.trim() ? r.comment : null,
    isFlagged: r.isFlagged ?? false,
    updatedAt: r.updatedAt,
  };
}

const visibleTo = (viewer: Viewer, row: { reviewStatus: string; createdBy: number | null }) =>
  viewer.role === 'admin' || row.reviewStatus === 'approved' || row.createdBy === viewer.id;

async function resolveBuilding(trx: Db, viewer: Viewer, uuid: string): Promise<number | null> {
  let row = await repo.findBuildingByUuid(trx, uuid);
  for (let hop = 0; row?.mergedIntoId && hop < 10; hop += 1)
    row = await repo.findBuildingById(trx, row.mergedIntoId);
  if (!row || !visibleTo(viewer, row) || row.reviewStatus === 'rejected') return null;
  return row.id;
}

export async function planBatch(
  trx: Db,
  viewer: Viewer,
  batch: SyncBatch,
  versions: VersionLookup,
): Promise<{ plan: BatchPlan; problems: PlanProblem[] }> {
  const problems: PlanProblem[] = [];
  const plan: BatchPlan = { buildings: [], elevators: [], audits: [] };
  const buildingRefs = new Map<string, Ref>();
  const elevatorRefs = new Map<string, Ref>();

  for (const [index, b] of batch.catalogAdditions.buildings.entries()) {
    const path = `catalogAdditions.buildings[${index}]`;
    const existing = await repo.findBuildingByUuid(trx, b.uuid);
    if (existing && existing.createdBy !== viewer.id && !visibleTo(viewer, existing)) {
      problems.push({
        path: `${path}.uuid`,
        code: 'sync.uuid_taken',
        message: 'Идентификатор здания уже занят.',
      });
      continue;
    }
    const ref: Ref = existing ? { kind: 'existing', id: existing.id } : { kind: 'new', index };
    buildingRefs.set(b.uuid, ref);
    plan.buildings.push({ index, ref });
  }

  for (const [index, e] of batch.catalogAdditions.elevators.entries()) {
    const path = `catalogAdditions.elevators[${index}]`;
    const existing = await repo.findElevatorByUuid(trx, e.uuid);
    if (existing) {
      if (existing.createdBy !== viewer.id && !visibleTo(viewer, existing)) {
        problems.push({
          path: `${path}.uuid`,
          code: 'sync.uuid_taken',
          message: 'Идентификатор лифта уже занят.',
        });
        continue;
      }
      elevatorRefs.set(e.uuid, { kind: 'existing', id: existing.id });
      plan.elevators.push({ index, ref: { kind: 'existing', id: existing.id }, building: null });
      continue;
    }
    let building = buildingRefs.get(e.buildingRef) ?? null;
    if (!building) {
      const id = await resolveBuilding(trx, viewer, e.buildingRef);
      building = id === null ? null : { kind: 'existing', id };
    }
    if (!building) {
      problems.push({
        path: `${path}.buildingRef`,
        code: 'sync.building_not_found',
        message: 'Здание нового лифта не найдено в каталоге и не добавлено в этой отправке.',
      });
      continue;
    }
    if (!e.entrance && !e.identifier) {
      problems.push({
        path: `${path}.entrance`,
        code: 'catalog.elevator_unidentifiable',
        message: 'Укажите подъезд или регистрационный/заводской номер лифта.',
      });
      continue;
    }
    elevatorRefs.set(e.uuid, { kind: 'new', index });
    plan.elevators.push({ index, ref: { kind: 'new', index }, building });
  }

  for (const [index, audit] of batch.audits.entries()) {
    const auditPlan = await planAudit(trx, viewer, audit, index, elevatorRefs, versions, problems);
    if (auditPlan) plan.audits.push(auditPlan);
  }
  return { plan, problems };
}

async function planAudit(
  trx: Db,
  viewer: Viewer,
  a: SyncAudit,
  index: number,
  elevatorRefs: Map<string, Ref>,
  versions: VersionLookup,
  problems: PlanProblem[],
): Promise<AuditPlan | null> {
  const base = `audits[${index}]`;
  const at = (path: string, code: string, message: string, extra: Partial<SyncError> = {}) =>
    problems.push({ path: `${base}${path}`, code, message, auditUuid: a.uuid, ...extra });
  const before = problems.length;

  const existing = await repo.findAuditByUuid(trx, a.uuid);
  if (existing && existing.createdBy !== viewer.id) {
    at('.uuid', 'audit.uuid_taken', 'Аудит с таким идентификатором принадлежит другому пользователю.');
    return null;
  }

  let elevator: Ref | null = elevatorRefs.get(a.elevatorRef) ?? null;
  if (!elevator && existing) elevator = { kind: 'existing', id: existing.elevatorId };
  if (!elevator) {
    const found = await findVisibleElevatorByUuid(trx, viewer, a.elevatorRef);
    if (found) elevator = { kind: 'existing', id: found.id };
  }
  if (!elevator) at('.elevatorRef', 'sync.elevator_not_found', 'Лифт аудита не найден в каталоге.');

  const version = await versions(trx, existing?.checklistVersionId ?? a.checklistVersion);
  if (!version) {
    at('.checklistVersion', 'sync.checklist_version_not_found', 'Версия чек-листа аудита не найдена.');
    return null;
  }
  if (existing && existing.checklistVersionId !== a.checklistVersion) {
    at('.checklistVersion', 'sync.checklist_version_mismatch', 'Аудит начат на другой версии чек-листа.');
  }
  const questions = new Map(flattenQuestions(version.snapshot).map((e) => [e.question.id, e.question]));
  const storedAnswers = new Map(
    (existing ? await repo.listResponses(trx, existing.id) : []).map((r) => [r.questionId, r]),
  );
  const storedAttachments = new Map(
    (existing ? await repo.listAuditAttachments(trx, existing.id) : []).map((r) => [r.uuid, r]),
  );

  for (const p of validateObjectInfo(version.snapshot.objectInfoFields, a.objectInfo)) {
    at(`.${p.path}`, 'audit.invalid_object_info', p.message);
  }

  const seenQuestions = new Set<number>();
  const seenPhotos = new Set<string>();
  const batchPhotoUuids = a.responses.flatMap((r) => r.attachments.map((x) => x.uuid));
  const elsewhere = new Map(
    (await repo.findAttachmentsByUuid(trx, batchPhotoUuids))
      .filter((r) => r.auditId !== existing?.id)
      .map((r) => [r.uuid, r]),
  );
  for (const [j, r] of a.responses.entries()) {
    const rp = `.responses[${j}]`;
    const extra = { questionId: r.questionId };
    const question = questions.get(r.questionId);
    if (!question) {
      at(
        `${rp}.questionId`,
        'audit.question_not_found',
        `В версии чек-листа нет вопроса ${r.questionId}.`,
        extra,
      );
      continue;
    }
    if (seenQuestions.has(r.questionId)) {
      at(`${rp}.questionId`, 'sync.duplicate_question', `Вопрос «${question.code}» передан дважды.`, extra);
    }
    seenQuestions.add(r.questionId);
    for (const p of validateAnswer(question, r))
      at(`${rp}.${p.path}`, 'audit.invalid_answer', p.message, extra);
    if (r.attachments.length > MAX_PHOTOS_PER_QUESTION) {
      at(
        `${rp}.attachments`,
        'media.limit_reached',
        `Не больше ${MAX_PHOTOS_PER_QUESTION} фотографий на вопрос «${question.code}».`,
        extra,
      );
    }
    for (const [k, x] of r.attachments.entries()) {
      const xp = `${rp}.attachments[${k}]`;
      const xe = { ...extra, attachmentUuid: x.uuid };
      if (seenPhotos.has(x.uuid) || elsewhere.has(x.uuid)) {
        at(`${xp}.uuid`, 'media.uuid_taken', 'Фотография с таким идентификатором уже существует.', xe);
      }
      seenPhotos.add(x.uuid);
      if (!(PHOTO_MIME_TYPES as readonly string[]).includes(x.mime)) {
        at(`${xp}.mime`, 'media.not_image', 'Фотография должна быть JPEG, PNG или WebP.', xe);
      }
      if (x.size > MAX_PHOTO_BYTES) at(`${xp}.size`, 'media.too_large', 'Фотография больше 8 МБ.', xe);
      const stored = storedAttachments.get(x.uuid);
      if (stored?.status === 'stored' && stored.sha256 !== x.sha256) {
        at(
          `${xp}.sha256`,
          'sync.attachment_changed',
          'Эта фотография уже загружена с другим содержимым.',
          xe,
        );
      }
    }
  }
  const keptStored = [...storedAttachments.values()].filter(
    (x) => x.status === 'stored' && !seenPhotos.has(x.uuid),
  );
  if (keptStored.length + seenPhotos.size > MAX_PHOTOS_PER_AUDIT) {
    at('.responses', 'media.limit_reached', `Не больше ${MAX_PHOTOS_PER_AUDIT} фотографий на один аудит.`);
  }

  // Merged result, for the lock check and the completeness check at submit.
  const answers = new Map<number, AuditAnswer>();
  for (const [qid, row] of storedAnswers) answers.set(qid, storedToTimed(row));
  let changesAnything = false;
  for (const r of a.responses) {
    const incoming = incomingToTimed(r);
    const stored = storedAnswers.get(r.questionId);
    const outcome = reconcileAnswer(stored ? storedToTimed(stored) : null, incoming);
    if (outcome.action === 'insert' || outcome.action === 'overwrite') {
      answers.set(r.questionId, incoming);
      changesAnything = true;
    }
    for (const x of r.attachments) if (!storedAttachments.has(x.uuid)) changesAnything = true;
  }
  const storedInfo = existing ? (JSON.parse(existing.objectInfo) as ObjectInfo) : {};
  const { merged, overwritten } = mergeObjectInfo(storedInfo, a.objectInfo);
  const newInfoKeys = Object.keys(a.objectInfo).filter((k) => storedInfo[k] !== a.objectInfo[k]);
  if (Object.keys(overwritten).length || newInfoKeys.length) changesAnything = true;

  let unchanged = false;
  if (existing && !EDITABLE_STATUSES.includes(existing.status)) {
    if (changesAnything || a.status !== 'submitted') {
      problems.push({
        path: base,
        code: 'sync.audit_locked',
        message: 'Аудит уже отправлен на сервер и заблокирован: изменения с устройства не приняты.',
        auditUuid: a.uuid,
        conflict: true,
      });
      return null;
    }
    unchanged = true;
  }

  if (a.status === 'submitted' && !unchanged) {
    for (const m of checkCompleteness(version.snapshot, merged, answers)) {
      at(`.${m.path}`, 'audit.incomplete', m.message, { questionId: m.questionId });
    }
  }
  if (problems.length > before || !elevator) return null;
  return {
    index,
    input: a,
    elevator,
    version,
    existing,
    unchanged,
    questions,
    storedAnswers,
    storedAttachments,
  };
}
