/** POST /api/offline-sync/: refused answers (422/409, mails), last-sync-wins merging, several devices. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SnapshotQuestion } from '../../src/shared/checklists/snapshot.schema.js';
import type { ApiClient, TestApp } from '../helpers/app.js';
import { auditBatch, completeResponses } from '../helpers/sync-factories.js';
import { type CountedTable, countRows, postBatch, setUpBatchApp } from './batch-setup.js';

let t: TestApp;
let auditor: ApiClient;
let auditorId: number;
let versionId: number;
let questions: SnapshotQuestion[];
let elevatorUuid: string;

const count = (table: CountedTable) => countRows(t, table);
const post = postBatch;

beforeAll(async () => {
  ({ t, auditor, auditorId, versionId, questions, elevatorUuid } = await setUpBatchApp());
});
afterAll(() => t.close());

describe('POST /api/offline-sync/', () => {
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
