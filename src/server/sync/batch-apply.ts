import type { ObjectInfo } from '../../shared/audits/object-info.js';
import { type AuditAnswer, computeScores, questionMaxScore } from '../../shared/audits/scoring.js';
import { mergeObjectInfo, reconcileAnswer } from '../../shared/sync/reconcile.js';
import type { SyncApplied, SyncBatch } from '../../shared/sync/sync.schema.js';
import { createBuildingRecord, createElevatorRecord } from '../catalog/index.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import { recordEvent } from '../events/index.js';
import type { Notifier } from '../notifications/index.js';
import {
  type AuditPlan,
  type BatchPlan,
  incomingToTimed,
  type Ref,
  storedToTimed,
  type Viewer,
} from './batch-plan.js';
import { mailSubmitted } from './submit-mail.js';
import * as repo from './sync.repo.js';

/*
 * Second half of applying a batch (inside the batch's IMMEDIATE transaction, after batch-plan.ts
 * found no problem): catalog additions, audits, answers by last-sync-wins with every overwritten or
 * discarded value in `events`, photos announced as `expected` rows. An audit the device submitted
 * becomes `submitted` only once all its photos are stored; until then it stays `in_progress` with
 * `submit_requested_at` set, and the last photo upload submits it (attachments.service.ts).
 */

export interface ApplyContext {
  trx: Db;
  clock: Clock;
  notifier: Notifier;
  viewer: Viewer;
  batch: SyncBatch;
  now: string;
}

function idOf(ref: Ref, created: Map<number, number>): number {
  if (ref.kind === 'existing') return ref.id;
  const id = created.get(ref.index);
  if (id === undefined) throw new Error(`catalog addition ${ref.index} was not created`);
  return id;
}

/** Creates a record, or takes the matching one when the catalog already has it (same address/lift). */
async function createOrMatch(create: () => Promise<{ id: number }>): Promise<number> {
  try {
    return (await create()).id;
  } catch (error) {
    if (
      error instanceof AppError &&
      (error.code === 'catalog.building_exists' || error.code === 'catalog.elevator_exists')
    ) {
      const details = error.details as { id?: unknown } | undefined;
      if (typeof details?.id === 'number') return details.id;
    }
    throw error;
  }
}

export async function applyBatch(c: ApplyContext, plan: BatchPlan): Promise<SyncApplied> {
  const { trx, batch, viewer } = c;
  const ids: SyncApplied['ids'] = { buildings: {}, elevators: {}, audits: {} };
  const newBuildings = new Map<number, number>();
  const newElevators = new Map<number, number>();

  for (const { index, ref } of plan.buildings) {
    const input = batch.catalogAdditions.buildings[index]!;
    const id =
      ref.kind === 'existing'
        ? ref.id
        : await createOrMatch(() =>
            createBuildingRecord(trx, { clock: c.clock, ids: () => input.uuid }, viewer, input),
          );
    newBuildings.set(index, id);
    ids.buildings[input.uuid] = id;
  }
  for (const { index, ref, building } of plan.elevators) {
    const input = batch.catalogAdditions.elevators[index]!;
    let id: number;
    if (ref.kind === 'existing') id = ref.id;
    else {
      if (!building) throw new Error(`elevator addition ${index} has no building`);
      const buildingId = idOf(building, newBuildings);
      id = await createOrMatch(() =>
        createElevatorRecord(trx, { clock: c.clock, ids: () => input.uuid }, viewer, {
          buildingId,
          entrance: input.entrance ?? null,
          capacityKg: input.capacityKg ?? null,
          stops: input.stops ?? null,
          identifier: input.identifier ?? null,
          description: input.description ?? null,
        }),
      );
    }
    newElevators.set(index, id);
    ids.elevators[input.uuid] = id;
  }

  const missing: string[] = [];
  const audits: SyncApplied['audits'] = [];
  for (const a of plan.audits) {
    const result = await applyAudit(c, a, idOf(a.elevator, newElevators));
    ids.audits[a.input.uuid] = result.id;
    missing.push(...result.missing);
    audits.push({ uuid: a.input.uuid, status: result.status, submitPending: result.submitPending });
  }
  return { batchId: batch.batchId, status: 'applied', ids, missingAttachments: missing, audits };
}

async function applyAudit(c: ApplyContext, p: AuditPlan, elevatorId: number) {
  const { trx, viewer, batch, now } = c;
  const a = p.input;
  const event = (action: string, payload: unknown) =>
    recordEvent(trx, {
      userId: viewer.id,
      action,
      entityType: 'audit',
      entityId: a.uuid,
      payload,
      createdAt: now,
    });
  const origin = { batchId: batch.batchId, deviceId: batch.deviceId };

  let audit = p.existing;
  if (!audit) {
    audit = await repo.insertAudit(trx, {
      uuid: a.uuid,
      elevatorId,
      checklistVersionId: p.version.id,
      createdBy: viewer.id,
      objectInfo: JSON.stringify(a.objectInfo),
      plannedDate: a.plannedDate ?? null,
      status: 'draft',
      startedAt: a.startedAt ?? null,
      totalScore: 0,
      maxScore: 0,
      source: 'offline',
      deviceId: batch.deviceId,
      createdAt: now,
      updatedAt: now,
    });
    await event('audit.created', { elevatorId, version: p.version.number, source: 'offline', ...origin });
  } else if (p.unchanged) {
    const missing = (await repo.listAuditAttachments(trx, audit.id))
      .filter((x) => x.status === 'expected')
      .map((x) => x.uuid);
    return { id: audit.id, status: audit.status, submitPending: false, missing };
  } else {
    const stored = JSON.parse(audit.objectInfo) as ObjectInfo;
    const { merged, overwritten } = mergeObjectInfo(stored, a.objectInfo);
    if (Object.keys(overwritten).length)
      await event('audit.object_info_overwritten', { fields: overwritten, ...origin });
    await repo.updateAudit(trx, audit.id, { objectInfo: JSON.stringify(merged) });
  }

  // Answers: last sync wins; what loses goes to events. The winners are written in one statement.
  const announced = new Set<string>();
  const decided = a.responses.map((r) => {
    const storedRow = p.storedAnswers.get(r.questionId);
    const incoming = incomingToTimed(r);
    const outcome = reconcileAnswer(storedRow ? storedToTimed(storedRow) : null, incoming);
    return { r, storedRow, incoming, outcome };
  });
  const written = await repo.upsertResponses(
    trx,
    decided
      .filter(({ outcome }) => outcome.action === 'insert' || outcome.action === 'overwrite')
      .map(({ r, incoming }) => {
        const question = p.questions.get(r.questionId)!;
        return {
          auditId: audit.id,
          questionId: r.questionId,
          questionText: question.text,
          questionMaxScore: questionMaxScore(question),
          score: incoming.score,
          yesNo: incoming.yesNo === null ? null : incoming.yesNo ? 1 : 0,
          textValue: incoming.textValue,
          comment: incoming.comment,
          isFlagged: incoming.isFlagged ? 1 : 0,
          updatedAt: incoming.updatedAt,
        };
      }),
  );
  for (const { r, storedRow, incoming, outcome } of decided) {
    const responseId = written.get(r.questionId) ?? storedRow?.id;
    if (outcome.action === 'overwrite') {
      await event('audit.response_overwritten', {
        questionId: r.questionId,
        overwritten: outcome.overwritten,
        by: incoming,
        ...origin,
      });
    } else if (outcome.action === 'keep') {
      await event('audit.response_discarded', {
        questionId: r.questionId,
        discarded: outcome.discarded,
        kept: storedRow ? storedToTimed(storedRow) : null,
        ...origin,
      });
    }
    for (const x of r.attachments) {
      announced.add(x.uuid);
      const known = p.storedAttachments.get(x.uuid);
      if (known?.status === 'stored') continue;
      if (known) {
        await repo.updateAttachment(trx, known.id, {
          sha256: x.sha256,
          size: x.size,
          mime: x.mime,
          caption: x.caption ?? null,
          responseId: responseId ?? null,
          questionId: r.questionId,
        });
      } else {
        await repo.insertAttachment(trx, {
          uuid: x.uuid,
          auditId: audit.id,
          responseId: responseId ?? null,
          questionId: r.questionId,
          storageKey: '',
          mime: x.mime,
          size: x.size,
          sha256: x.sha256,
          width: null,
          height: null,
          caption: x.caption ?? null,
          status: 'expected',
          createdBy: viewer.id,
          createdAt: now,
          storedAt: null,
        });
      }
    }
  }
  // Photos announced earlier but dropped on the device (e.g. «Переснять») were never uploaded: forget them.
  const dropped = [...p.storedAttachments.values()].filter(
    (x) => x.status === 'expected' && !announced.has(x.uuid),
  );
  await repo.deleteAttachments(
    trx,
    dropped.map((x) => x.id),
  );

  const responses = await repo.listResponses(trx, audit.id);
  const answers = new Map<number, AuditAnswer>(responses.map((r) => [r.questionId, storedToTimed(r)]));
  const scores = computeScores(p.version.snapshot, answers);
  const expected = (await repo.listAuditAttachments(trx, audit.id)).filter((x) => x.status === 'expected');
  const hasContent = responses.length > 0 || a.status !== 'draft';

  let status = audit.status;
  let submitRequestedAt: string | null = null;
  let submittedAt = audit.submittedAt;
  if (a.status === 'submitted' && expected.length === 0) {
    status = 'submitted';
    submittedAt = now;
  } else if (a.status === 'submitted') {
    status = 'in_progress';
    submitRequestedAt = now;
  } else if (status === 'draft' && hasContent) {
    status = 'in_progress';
  }
  await repo.updateAudit(trx, audit.id, {
    status,
    submitRequestedAt,
    submittedAt,
    startedAt: audit.startedAt ?? a.startedAt ?? (status === 'draft' ? null : now),
    finishedAt: a.status === 'submitted' ? (a.finishedAt ?? now) : audit.finishedAt,
    totalScore: scores.total,
    maxScore: scores.max,
    updatedAt: now,
  });
  if (status !== audit.status) {
    await event(status === 'submitted' ? 'audit.submitted' : 'audit.started', {
      status: { from: audit.status, to: status },
      totalScore: scores.total,
      maxScore: scores.max,
      ...origin,
    });
  }
  if (status === 'submitted' && audit.status !== 'submitted') {
    await mailSubmitted(trx, c.notifier, audit.id, scores);
  }
  if (submitRequestedAt)
    await event('audit.submit_requested', { waitingForPhotos: expected.length, ...origin });
  return {
    id: audit.id,
    status,
    submitPending: submitRequestedAt !== null,
    missing: expected.map((x) => x.uuid),
  };
}
