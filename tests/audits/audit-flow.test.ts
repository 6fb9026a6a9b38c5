import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEventsFor } from '../../src/server/events/index.js';
import type { ApiClient, TestApp } from '../helpers/app.js';
import { createTestApp } from '../helpers/app.js';
import { buildElevator, createAudit, publishChecklist } from '../helpers/audit-factories.js';
import { buildUser, loggedIn } from '../helpers/factories.js';

let t: TestApp;
let auditor: ApiClient;
let auditorB: ApiClient;
let admin: ApiClient;
let elevatorId: number;
let q: { critical: number; comfort: number; yesNo: number; text: number };

beforeAll(async () => {
  t = await createTestApp();
  const publisher = await buildUser(t.ctx, { role: 'admin' });
  const published = await publishChecklist(t.ctx, publisher.id);
  const [critical, comfort, yesNo, text] = published.questions.map((x) => x.id) as [
    number,
    number,
    number,
    number,
  ];
  q = { critical, comfort, yesNo, text };
  elevatorId = (await buildElevator(t.ctx)).elevator.id;
  auditor = (await loggedIn(t)).client;
  auditorB = (await loggedIn(t)).client;
  admin = (await loggedIn(t, { role: 'admin' })).client;
});
afterAll(() => t.close());

async function answerAll(uuid: string) {
  for (const [questionId, body] of [
    [q.critical, { score: 3 }],
    [q.comfort, { score: 1, comment: 'Царапины на панели' }],
    [q.yesNo, { yesNo: true }],
  ] as const) {
    const res = await auditor.put(`/api/audits/${uuid}/responses/${questionId}`, body);
    expect(res.statusCode).toBe(200);
  }
}

describe('creating an audit', () => {
  it('pins the latest published version, pre-fills object info and is idempotent for the same uuid', async () => {
    const uuid = crypto.randomUUID();
    const first = await auditor.post('/api/audits', { uuid, elevatorId, plannedDate: '2026-03-05' });
    expect(first.statusCode).toBe(201);
    const audit = first.json().audit;
    expect(audit).toMatchObject({
      uuid,
      status: 'draft',
      plannedDate: '2026-03-05',
      checklistVersionNumber: 1,
    });
    expect(audit.objectInfo).toEqual({ inventory: expect.stringMatching(/^ЗАВ-/), capacity: 400 });
    expect(audit.checklistVersion.snapshot.categories).toHaveLength(2);
    const again = await auditor.post('/api/audits', { uuid, elevatorId });
    expect(again.statusCode).toBe(200);
    expect(again.json().audit.uuid).toBe(uuid);
    const count = await t.ctx.db
      .selectFrom('audits')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('uuid', '=', uuid)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    expect((await auditorB.post('/api/audits', { uuid, elevatorId })).json().error.code).toBe(
      'audit.uuid_taken',
    );
  });

  it('creates one audit from 20 parallel identical requests', async () => {
    const uuid = crypto.randomUUID();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => auditor.post('/api/audits', { uuid, elevatorId })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([...Array(19).fill(200), 201]);
    const rows = await t.ctx.db.selectFrom('audits').select('id').where('uuid', '=', uuid).execute();
    expect(rows).toHaveLength(1);
  });

  it("refuses another auditor's pending elevator and accepts the auditor's own pending one", async () => {
    const me = await buildUser(t.ctx);
    const other = await buildElevator(t.ctx, { reviewStatus: 'pending', createdBy: me.id });
    const res = await auditor.post('/api/audits', {
      uuid: crypto.randomUUID(),
      elevatorId: other.elevator.id,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('audit.elevator_not_found');
  });
});

describe('status transitions', () => {
  it('goes draft → in_progress on the first answer → submitted → reviewed, with times and events', async () => {
    const uuid = await createAudit(auditor, elevatorId);
    t.clock.advance(60_000);
    const first = await auditor.put(`/api/audits/${uuid}/responses/${q.critical}`, {
      score: 2,
      comment: 'Зазор',
    });
    expect(first.json()).toMatchObject({ status: 'in_progress', startedAt: t.clock.now().toISOString() });
    expect(first.json().scores).toMatchObject({ total: 4, max: 10, answered: 1, required: 3 });
    await answerAll(uuid);
    t.clock.advance(60_000);
    const submitted = await auditor.post(`/api/audits/${uuid}/submit`);
    expect(submitted.statusCode).toBe(200);
    const audit = submitted.json().audit;
    expect(audit).toMatchObject({
      status: 'submitted',
      isNew: true,
      totalScore: 8,
      maxScore: 10,
      percentage: 80,
    });
    expect(audit.finishedAt).toBe(t.clock.now().toISOString());
    expect(audit.submittedAt).toBe(t.clock.now().toISOString());
    expect(audit.permissions).toMatchObject({ canAnswer: false, canSubmit: false });

    expect((await auditor.post(`/api/audits/${uuid}/review`)).statusCode).toBe(403);
    const reviewed = await admin.post(`/api/audits/${uuid}/review`);
    expect(reviewed.json().audit).toMatchObject({ status: 'reviewed', isNew: false });
    expect((await admin.post(`/api/audits/${uuid}/review`)).json().error.code).toBe('audit.already_reviewed');
    const actions = (await listEventsFor(t.ctx.db, 'audit', uuid)).map((e) => e.action);
    expect(actions).toEqual(['audit.created', 'audit.started', 'audit.submitted', 'audit.reviewed']);
  });

  it('does not let an admin mark a draft as reviewed', async () => {
    const uuid = await createAudit(auditor, elevatorId);
    const res = await admin.post(`/api/audits/${uuid}/review`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('audit.not_submitted');
  });

  it('answers 409 audit.locked to any change of a submitted audit', async () => {
    const uuid = await createAudit(auditor, elevatorId);
    await answerAll(uuid);
    expect((await auditor.post(`/api/audits/${uuid}/submit`)).statusCode).toBe(200);
    const attempts = [
      await auditor.put(`/api/audits/${uuid}/responses/${q.critical}`, { score: 0, comment: 'x' }),
      await auditor.patch(`/api/audits/${uuid}/object-info`, { objectInfo: { drive: 'электрический' } }),
      await auditor.post(`/api/audits/${uuid}/submit`),
    ];
    for (const res of attempts) {
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('audit.locked');
    }
    const stored = await t.ctx.db
      .selectFrom('auditResponses')
      .innerJoin('audits', 'audits.id', 'auditResponses.auditId')
      .select('score')
      .where('audits.uuid', '=', uuid)
      .where('questionId', '=', q.critical)
      .executeTakeFirstOrThrow();
    expect(stored.score).toBe(3);
  });
});

describe('answers', () => {
  it('rejects a score that is not among the options with 400 naming the question', async () => {
    const uuid = await createAudit(auditor, elevatorId);
    const res = await auditor.put(`/api/audits/${uuid}/responses/${q.critical}`, { score: 7 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('audit.invalid_answer');
    expect(res.json().error.message).toContain('Оценка 7 недопустима');
    expect(res.json().error.message).toContain('1.1');
    expect(res.json().error.details[0]).toMatchObject({ path: 'score', code: 'invalid_score' });
  });

  it('keeps incomplete drafts: a reduced score without comment autosaves', async () => {
    const uuid = await createAudit(auditor, elevatorId);
    const res = await auditor.put(`/api/audits/${uuid}/responses/${q.comfort}`, {
      score: 0,
      isFlagged: true,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().response).toMatchObject({ score: 0, comment: null, isFlagged: true });
  });

  it('answers 404 for a question that is not in the pinned version', async () => {
    const uuid = await createAudit(auditor, elevatorId);
    const res = await auditor.put(`/api/audits/${uuid}/responses/999999`, { score: 1 });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('audit.question_not_found');
  });
});

describe('submit', () => {
  it('answers 400 audit.incomplete naming every unanswered question, missing comment and field', async () => {
    const uuid = await createAudit(auditor, elevatorId);
    await auditor.patch(`/api/audits/${uuid}/object-info`, { objectInfo: { inventory: null } });
    await auditor.put(`/api/audits/${uuid}/responses/${q.comfort}`, { score: 1 });
    await auditor.put(`/api/audits/${uuid}/responses/${q.yesNo}`, { yesNo: false, comment: '   ' });
    const res = await auditor.post(`/api/audits/${uuid}/submit`);
    expect(res.statusCode).toBe(400);
    const { code, details, message } = res.json().error;
    expect(code).toBe('audit.incomplete');
    expect(details.map((d: { kind: string; path: string }) => `${d.kind} ${d.path}`)).toEqual([
      'required_field objectInfo.inventory',
      `unanswered responses.${q.critical}`,
      `comment_required responses.${q.comfort}`,
      `comment_required responses.${q.yesNo}`,
    ]);
    expect(message).toContain('Заводской номер');
    const card = await auditor.get(`/api/audits/${uuid}`);
    expect(card.json().audit.status).toBe('in_progress');
    expect(card.json().audit.missing).toHaveLength(4);
  });
});

describe('access', () => {
  it('answers 404 to another auditor for reading or changing an audit, never 403', async () => {
    const uuid = await createAudit(auditor, elevatorId);
    const attempts = [
      await auditorB.get(`/api/audits/${uuid}`),
      await auditorB.put(`/api/audits/${uuid}/responses/${q.critical}`, { score: 3 }),
      await auditorB.patch(`/api/audits/${uuid}/object-info`, { objectInfo: { drive: 'электрический' } }),
      await auditorB.post(`/api/audits/${uuid}/submit`),
    ];
    for (const res of attempts) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('audit.not_found');
    }
    const missing = await auditorB.get(`/api/audits/${crypto.randomUUID()}`);
    expect(missing.json().error).toEqual(attempts[0]!.json().error);
  });

  it("does not let an admin change an auditor's answers or object info (403)", async () => {
    const uuid = await createAudit(auditor, elevatorId);
    const answer = await admin.put(`/api/audits/${uuid}/responses/${q.critical}`, { score: 0, comment: 'x' });
    expect(answer.statusCode).toBe(403);
    expect(answer.json().error.code).toBe('audit.answers_read_only');
    const info = await admin.patch(`/api/audits/${uuid}/object-info`, { objectInfo: { capacity: 1 } });
    expect(info.statusCode).toBe(403);
    expect((await admin.post(`/api/audits/${uuid}/submit`)).statusCode).toBe(403);
    const rows = await t.ctx.db.selectFrom('auditResponses').selectAll().execute();
    expect(rows.some((r) => r.comment === 'x')).toBe(false);
  });

  it('lets an admin change metadata only, recording every change in events', async () => {
    const uuid = await createAudit(auditor, elevatorId);
    const other = await buildElevator(t.ctx);
    const res = await admin.patch(`/api/audits/${uuid}`, {
      plannedDate: '2026-04-01',
      adminNotes: 'Проверить повторно',
      elevatorId: other.elevator.id,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().audit).toMatchObject({ plannedDate: '2026-04-01', adminNotes: 'Проверить повторно' });
    expect(res.json().audit.elevator.id).toBe(other.elevator.id);
    const events = await listEventsFor(t.ctx.db, 'audit', uuid);
    expect(events.at(-1)).toMatchObject({
      action: 'audit.metadata_updated',
      payload: {
        plannedDate: { from: null, to: '2026-04-01' },
        adminNotes: { from: null, to: 'Проверить повторно' },
        elevatorId: { from: elevatorId, to: other.elevator.id },
      },
    });
    const answers = await admin.patch(`/api/audits/${uuid}`, { responses: [] });
    expect(answers.statusCode).toBe(400);
    expect((await auditor.patch(`/api/audits/${uuid}`, { adminNotes: 'я' })).statusCode).toBe(403);
    expect((await auditor.get(`/api/audits/${uuid}`)).json().audit.adminNotes).toBeNull();
  });

  it('lets an admin create an audit and fill in their own one (they are its auditor)', async () => {
    const uuid = await createAudit(admin, elevatorId);
    const res = await admin.put(`/api/audits/${uuid}/responses/${q.critical}`, { score: 3 });
    expect(res.statusCode).toBe(200);
    expect((await auditor.get(`/api/audits/${uuid}`)).statusCode).toBe(404);
  });
});
