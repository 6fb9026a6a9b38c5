import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SnapshotQuestion } from '../../src/shared/checklists/snapshot.schema.js';
import type { ApiClient, TestApp } from '../helpers/app.js';
import { createTestApp } from '../helpers/app.js';
import { buildElevator, publishChecklist } from '../helpers/audit-factories.js';
import { buildUser, loggedIn } from '../helpers/factories.js';
import { auditBatch, completeResponses } from '../helpers/sync-factories.js';

let t: TestApp;
let auditor: ApiClient;
let auditorId: number;
let other: ApiClient;
let versionId: number;
let questions: SnapshotQuestion[];
let elevatorUuid: string;

const count = async (
  table: 'audits' | 'auditResponses' | 'events' | 'syncBatches' | 'buildings' | 'elevators' | 'mailOutbox',
) =>
  Number(
    (
      await t.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const post = (client: ApiClient, batch: unknown) => client.post('/api/offline-sync/', batch);

beforeAll(async () => {
  t = await createTestApp();
  const admin = await buildUser(t.ctx, { role: 'admin' });
  await t.ctx.db
    .updateTable('users')
    .set({ email: 'admin@example.test' })
    .where('id', '=', admin.id)
    .execute();
  ({ versionId, questions } = await publishChecklist(t.ctx, admin.id));
  elevatorUuid = (await buildElevator(t.ctx)).elevator.uuid;
  const a = await loggedIn(t, { fullName: 'Иванов Иван' });
  auditor = a.client;
  auditorId = a.user.id;
  await t.ctx.db
    .updateTable('users')
    .set({ email: 'ivanov@example.test' })
    .where('id', '=', auditorId)
    .execute();
  other = (await loggedIn(t)).client;
});
afterAll(() => t.close());

describe('POST /api/offline-sync/', () => {
  it('applies a batch and returns ids, statuses and no missing photos', async () => {
    const batch = auditBatch({
      elevatorRef: elevatorUuid,
      versionId,
      responses: completeResponses(questions),
    });
    const res = await post(auditor, batch);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ batchId: batch.batchId, status: 'applied', missingAttachments: [] });
    expect(body.ids.audits[batch.audits[0]!.uuid]).toEqual(expect.any(Number));
    const detail = await auditor.get(`/api/audits/${batch.audits[0]!.uuid}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().audit).toMatchObject({ status: 'in_progress', source: 'offline' });
    expect(detail.json().audit.responses).toHaveLength(questions.length);
  });

  it('replaying a batch returns the same result and creates nothing', async () => {
    const batch = auditBatch({
      elevatorRef: elevatorUuid,
      versionId,
      responses: completeResponses(questions),
    });
    const first = await post(auditor, batch);
    expect(first.statusCode).toBe(200);
    const before = await Promise.all([
      count('audits'),
      count('auditResponses'),
      count('events'),
      count('syncBatches'),
    ]);
    const again = await post(auditor, batch);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const after = await Promise.all([
      count('audits'),
      count('auditResponses'),
      count('events'),
      count('syncBatches'),
    ]);
    expect(after).toEqual(before);
  });

  it('20 parallel identical batches create one audit and answer all the same', async () => {
    const batch = auditBatch({
      elevatorRef: elevatorUuid,
      versionId,
      responses: completeResponses(questions),
    });
    const auditsBefore = await count('audits');
    const results = await Promise.all(Array.from({ length: 20 }, () => post(auditor, batch)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    expect(new Set(results.map((r) => r.body)).size).toBe(1);
    expect(await count('audits')).toBe(auditsBefore + 1);
    const batches = await t.ctx.db
      .selectFrom('syncBatches')
      .selectAll()
      .where('uuid', '=', batch.batchId)
      .execute();
    expect(batches).toHaveLength(1);
  });

  it('20 parallel batches with different ids for the same audit uuid still create one audit', async () => {
    const auditUuid = randomUUID();
    const auditsBefore = await count('audits');
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        post(
          auditor,
          auditBatch({
            elevatorRef: elevatorUuid,
            versionId,
            auditUuid,
            responses: completeResponses(questions),
          }),
        ),
      ),
    );
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    expect(await count('audits')).toBe(auditsBefore + 1);
  });

  it('answers 409 sync.batch_conflict for the same batchId with another payload', async () => {
    const batch = auditBatch({
      elevatorRef: elevatorUuid,
      versionId,
      responses: completeResponses(questions),
    });
    expect((await post(auditor, batch)).statusCode).toBe(200);
    const changed = structuredClone(batch);
    changed.audits[0]!.uuid = randomUUID();
    const res = await post(auditor, changed);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('sync.batch_conflict');
  });

  it('one bad answer rejects the whole batch (422), names the question and writes nothing but the error record', async () => {
    const responses = completeResponses(questions);
    responses[1] = { ...responses[1]!, score: 7 };
    const batch = auditBatch({
      elevatorRef: randomUUID(),
      versionId,
      responses,
      catalogAdditions: {
        buildings: [{ uuid: randomUUID(), city: 'Тверь', street: 'ул. Новая', house: '1' }],
        elevators: [],
      },
    });
    batch.audits[0]!.elevatorRef = elevatorUuid;
    const before = await Promise.all([
      count('audits'),
      count('auditResponses'),
      count('buildings'),
      count('events'),
    ]);
    const mailsBefore = await count('mailOutbox');
    const res = await post(auditor, batch);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.status).toBe('error');
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({
      path: 'audits[0].responses[1].score',
      code: 'audit.invalid_answer',
      questionId: questions[1]!.id,
      auditUuid: batch.audits[0]!.uuid,
    });
    expect(body.errors[0].message).toContain(questions[1]!.text);
    const after = await Promise.all([
      count('audits'),
      count('auditResponses'),
      count('buildings'),
      count('events'),
    ]);
    expect(after).toEqual(before);
    const stored = await t.ctx.db
      .selectFrom('syncBatches')
      .selectAll()
      .where('uuid', '=', batch.batchId)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('error');
    expect(JSON.parse(stored.errorDetails ?? '[]')[0].path).toBe('audits[0].responses[1].score');
    const mails = await t.ctx.db
      .selectFrom('mailOutbox')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    expect(await count('mailOutbox')).toBe(mailsBefore + 2);
    expect(mails.map((m) => m.to).sort()).toEqual(['admin@example.test', 'ivanov@example.test']);
    expect(mails[0]!.text).toContain(batch.batchId);

    // The same refused batch again: same answer, no second mail.
    const again = await post(auditor, batch);
    expect(again.statusCode).toBe(422);
    expect(await count('mailOutbox')).toBe(mailsBefore + 2);
  });

  it('names every bad audit field: unknown question, object info, missing answers at submit', async () => {
    const batch = auditBatch({
      elevatorRef: elevatorUuid,
      versionId,
      status: 'submitted',
      objectInfo: { capacity: 'четыреста' },
      responses: [{ questionId: 999_999, score: 1, updatedAt: '2026-03-01T09:00:00.000Z', attachments: [] }],
    });
    const res = await post(auditor, batch);
    expect(res.statusCode).toBe(422);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toContain('audits[0].responses[0].questionId');
    expect(paths).toContain('audits[0].objectInfo.capacity');
  });

  it('a new building and elevator added offline arrive as pending and are linked to the audit', async () => {
    const buildingUuid = randomUUID();
    const newElevatorUuid = randomUUID();
    const batch = auditBatch({
      elevatorRef: newElevatorUuid,
      versionId,
      responses: completeResponses(questions),
      catalogAdditions: {
        buildings: [{ uuid: buildingUuid, city: 'Москва', street: 'ул. Офлайновая', house: '7' }],
        elevators: [{ uuid: newElevatorUuid, buildingRef: buildingUuid, entrance: '2', capacityKg: 630 }],
      },
    });
    const res = await post(auditor, batch);
    expect(res.statusCode).toBe(200);
    const { ids } = res.json();
    const elevator = await t.ctx.db
      .selectFrom('elevators')
      .selectAll()
      .where('uuid', '=', newElevatorUuid)
      .executeTakeFirstOrThrow();
    const building = await t.ctx.db
      .selectFrom('buildings')
      .selectAll()
      .where('uuid', '=', buildingUuid)
      .executeTakeFirstOrThrow();
    expect(elevator).toMatchObject({
      reviewStatus: 'pending',
      createdBy: auditorId,
      buildingId: building.id,
      capacityKg: 630,
    });
    expect(building.reviewStatus).toBe('pending');
    expect(ids.elevators[newElevatorUuid]).toBe(elevator.id);
    const audit = await t.ctx.db
      .selectFrom('audits')
      .selectAll()
      .where('uuid', '=', batch.audits[0]!.uuid)
      .executeTakeFirstOrThrow();
    expect(audit.elevatorId).toBe(elevator.id);

    // The next batch for the same audit carries the same additions: matched, nothing duplicated.
    const buildingsBefore = await count('buildings');
    const next = auditBatch({
      ...batch,
      batchId: randomUUID(),
      auditUuid: batch.audits[0]!.uuid,
      elevatorRef: newElevatorUuid,
      versionId,
      responses: completeResponses(questions),
      catalogAdditions: batch.catalogAdditions,
    });
    expect((await post(auditor, next)).statusCode).toBe(200);
    expect(await count('buildings')).toBe(buildingsBefore);

    // Another auditor cannot see the pending lift, so cannot audit it.
    const foreign = await post(other, auditBatch({ elevatorRef: newElevatorUuid, versionId }));
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().errors[0]).toMatchObject({
      path: 'audits[0].elevatorRef',
      code: 'sync.elevator_not_found',
    });
  });

  it('re-sent answers overwrite older ones by updatedAt (last sync wins) and the overwritten values go to events', async () => {
    const auditUuid = randomUUID();
    const q = questions[0]!;
    const send = (score: number, updatedAt: string, comment: string | null) =>
      post(
        auditor,
        auditBatch({
          elevatorRef: elevatorUuid,
          versionId,
          auditUuid,
          deviceId: `phone-${score}`,
          responses: [{ questionId: q.id, score, comment, updatedAt, attachments: [] }],
        }),
      );
    expect((await send(1, '2026-03-01T09:00:00.000Z', 'трещина')).statusCode).toBe(200);
    expect((await send(2, '2026-03-01T10:00:00.000Z', 'скол')).statusCode).toBe(200);
    expect((await send(0, '2026-03-01T09:30:00.000Z', 'старое')).statusCode).toBe(200);

    const answer = (await auditor.get(`/api/audits/${auditUuid}`)).json().audit.responses[0];
    expect(answer).toMatchObject({ score: 2, comment: 'скол', updatedAt: '2026-03-01T10:00:00.000Z' });
    const events = await t.ctx.db
      .selectFrom('events')
      .selectAll()
      .where('entityId', '=', auditUuid)
      .orderBy('id')
      .execute();
    const overwritten = events.find((e) => e.action === 'audit.response_overwritten');
    expect(JSON.parse(overwritten!.payload)).toMatchObject({
      questionId: q.id,
      overwritten: { score: 1, comment: 'трещина', updatedAt: '2026-03-01T09:00:00.000Z' },
      by: { score: 2 },
      deviceId: 'phone-2',
    });
    const discarded = events.find((e) => e.action === 'audit.response_discarded');
    expect(JSON.parse(discarded!.payload)).toMatchObject({
      discarded: { score: 0, comment: 'старое' },
      deviceId: 'phone-0',
    });
  });

  it('a submitted audit mails the admins; later changes answer 409 for that audit; an unchanged resend is accepted', async () => {
    const auditUuid = randomUUID();
    const responses = completeResponses(questions);
    const submitted = auditBatch({
      elevatorRef: elevatorUuid,
      versionId,
      auditUuid,
      status: 'submitted',
      responses,
    });
    const res = await post(auditor, submitted);
    expect(res.statusCode).toBe(200);
    expect(res.json().audits[0]).toEqual({ uuid: auditUuid, status: 'submitted', submitPending: false });
    const mail = await t.ctx.db
      .selectFrom('mailOutbox')
      .selectAll()
      .where('to', '=', 'admin@example.test')
      .where('text', 'like', `%${auditUuid}%`)
      .execute();
    expect(mail).toHaveLength(1);

    const resend = await post(auditor, { ...submitted, batchId: randomUUID() });
    expect(resend.statusCode).toBe(200);

    const later = responses.map((r, i) =>
      i === 0 ? { ...r, score: 0, comment: 'позже', updatedAt: '2026-03-02T09:00:00.000Z' } : r,
    );
    const change = await post(
      auditor,
      auditBatch({ elevatorRef: elevatorUuid, versionId, auditUuid, status: 'submitted', responses: later }),
    );
    expect(change.statusCode).toBe(409);
    expect(change.json().errors[0]).toMatchObject({
      path: 'audits[0]',
      code: 'sync.audit_locked',
      auditUuid,
    });
    const answer = (await auditor.get(`/api/audits/${auditUuid}`))
      .json()
      .audit.responses.find((r: { questionId: number }) => r.questionId === questions[0]!.id);
    expect(answer.score).toBe(3);
  });

  it('refuses to submit an incomplete audit, naming each missing question', async () => {
    const res = await post(
      auditor,
      auditBatch({
        elevatorRef: elevatorUuid,
        versionId,
        status: 'submitted',
        responses: completeResponses(questions).slice(0, 1),
      }),
    );
    expect(res.statusCode).toBe(422);
    const missing = res.json().errors.filter((e: { code: string }) => e.code === 'audit.incomplete');
    expect(missing.map((e: { questionId: number }) => e.questionId)).toEqual([
      questions[1]!.id,
      questions[2]!.id,
    ]);
  });

  it('requires a session and validates the body (400 validation.failed)', async () => {
    const anon = await t.app.inject({
      method: 'POST',
      url: '/api/offline-sync/',
      payload: auditBatch({ elevatorRef: elevatorUuid, versionId }),
    });
    expect(anon.statusCode).toBe(401);
    const bad = await post(auditor, { batchId: 'nope', deviceId: 'x', audits: [] });
    expect(bad.statusCode).toBe(400);
  });
});

describe('multi-device', () => {
  it('an audit synced from one device is opened and continued on another', async () => {
    const auditUuid = randomUUID();
    const [q1, q2] = questions;
    const phone = auditBatch({
      elevatorRef: elevatorUuid,
      versionId,
      auditUuid,
      deviceId: 'phone',
      responses: [{ questionId: q1!.id, score: 3, updatedAt: '2026-03-01T09:00:00.000Z', attachments: [] }],
    });
    expect((await post(auditor, phone)).statusCode).toBe(200);

    // The tablet opens it from the server …
    const opened = (await auditor.get(`/api/audits/${auditUuid}`)).json().audit;
    expect(opened.permissions.canAnswer).toBe(true);
    expect(opened.responses).toHaveLength(1);
    // … and sends what it has: the phone's answer unchanged plus a new one.
    const tablet = auditBatch({
      elevatorRef: opened.elevator.uuid,
      versionId: opened.checklistVersion.id,
      auditUuid,
      deviceId: 'tablet',
      objectInfo: opened.objectInfo,
      responses: [
        ...opened.responses.map((r: { questionId: number; score: number; updatedAt: string }) => ({
          questionId: r.questionId,
          score: r.score,
          updatedAt: r.updatedAt,
          attachments: [],
        })),
        {
          questionId: q2!.id,
          score: 2,
          comment: 'потёртости',
          updatedAt: '2026-03-01T11:00:00.000Z',
          attachments: [],
        },
      ],
    });
    expect((await post(auditor, tablet)).statusCode).toBe(200);
    const merged = (await auditor.get(`/api/audits/${auditUuid}`)).json().audit;
    expect(
      merged.responses.map((r: { questionId: number; score: number }) => [r.questionId, r.score]),
    ).toEqual([
      [q1!.id, 3],
      [q2!.id, 2],
    ]);
    const devices = await t.ctx.db
      .selectFrom('syncBatches')
      .select('deviceId')
      .where('userId', '=', auditorId)
      .execute();
    expect(devices.map((d) => d.deviceId)).toEqual(expect.arrayContaining(['phone', 'tablet']));
  });
});
