import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestApp } from '../helpers/app.js';
import { createTestApp } from '../helpers/app.js';
import {
  buildElevator,
  createAudit,
  jpegImage,
  publishChecklist,
  uploadPhoto,
} from '../helpers/audit-factories.js';
import { buildUser, loggedIn } from '../helpers/factories.js';

let t: TestApp;
let auditorA: ApiClient;
let auditorB: ApiClient;
let auditorBId: number;
let admin: ApiClient;
let q: number[];
const uuids: Record<string, string> = {};
let lesnaya: { buildingId: number; elevatorId: number };
let sadovaya: { buildingId: number; elevatorId: number };

async function fill(client: ApiClient, uuid: string, scores: [number, number, boolean]) {
  const [a, b, yes] = scores;
  await client.put(`/api/audits/${uuid}/responses/${q[0]}`, { score: a, comment: a < 3 ? 'Дефект' : null });
  await client.put(`/api/audits/${uuid}/responses/${q[1]}`, { score: b, comment: b < 3 ? 'Износ' : null });
  await client.put(`/api/audits/${uuid}/responses/${q[2]}`, { yesNo: yes, comment: yes ? null : 'Нет' });
}

beforeAll(async () => {
  t = await createTestApp();
  const publisher = await buildUser(t.ctx, { role: 'admin' });
  q = (await publishChecklist(t.ctx, publisher.id)).questions.map((x) => x.id);
  const l = await buildElevator(t.ctx, { street: 'ул. Лесная' });
  const s = await buildElevator(t.ctx, { street: 'ул. Садовая' });
  lesnaya = { buildingId: l.building.id, elevatorId: l.elevator.id };
  sadovaya = { buildingId: s.building.id, elevatorId: s.elevator.id };
  auditorA = (await loggedIn(t, { fullName: 'Анна Петрова' })).client;
  const b = await loggedIn(t, { fullName: 'Борис Иванов' });
  auditorB = b.client;
  auditorBId = b.user.id;
  admin = (await loggedIn(t, { role: 'admin' })).client;

  uuids.draft = await createAudit(auditorA, lesnaya.elevatorId);
  t.clock.advanceDays(1);
  uuids.submitted = await createAudit(auditorA, lesnaya.elevatorId);
  await fill(auditorA, uuids.submitted, [3, 2, true]); // 6 + 2 + 1 = 9 of 10
  const photo = await jpegImage(300, 200);
  await uploadPhoto(auditorA, uuids.submitted, photo, { questionId: q[0]! });
  await uploadPhoto(auditorA, uuids.submitted, photo, { questionId: q[1]! });
  await auditorA.post(`/api/audits/${uuids.submitted}/submit`);
  t.clock.advanceDays(1);
  uuids.reviewed = await createAudit(auditorB, sadovaya.elevatorId);
  await fill(auditorB, uuids.reviewed, [1, 0, false]); // 2 + 0 + 0 = 2 of 10
  await auditorB.post(`/api/audits/${uuids.reviewed}/submit`);
  await admin.post(`/api/audits/${uuids.reviewed}/review`);
});
afterAll(() => t.close());

const listUuids = async (client: ApiClient, query = '') =>
  (await client.get(`/api/audits${query}`)).json().items.map((i: { uuid: string }) => i.uuid);

describe('the auditor list', () => {
  it('shows only the auditor’s own audits, newest first, filtered by status and search', async () => {
    expect(await listUuids(auditorA)).toEqual([uuids.submitted, uuids.draft]);
    expect(await listUuids(auditorB)).toEqual([uuids.reviewed]);
    expect(await listUuids(auditorA, '?status=draft,in_progress')).toEqual([uuids.draft]);
    expect(await listUuids(auditorA, '?search=садовая')).toEqual([]);
    expect(await listUuids(auditorB, '?search=садовая')).toEqual([uuids.reviewed]);
    // Admin-only filters cannot widen an auditor's view.
    expect(await listUuids(auditorA, `?auditorId=${auditorBId}`)).toEqual([uuids.submitted, uuids.draft]);
  });
});

describe('the admin list', () => {
  it('counts comments and photos by aggregate queries and marks submitted audits as new', async () => {
    const items = (await admin.get('/api/audits')).json().items;
    const submitted = items.find((i: { uuid: string }) => i.uuid === uuids.submitted);
    expect(submitted).toMatchObject({
      isNew: true,
      commentCount: 1,
      photoCount: 2,
      totalScore: 9,
      maxScore: 10,
      percentage: 90,
      auditor: { fullName: 'Анна Петрова' },
    });
    const reviewed = items.find((i: { uuid: string }) => i.uuid === uuids.reviewed);
    expect(reviewed).toMatchObject({ isNew: false, commentCount: 3, photoCount: 0, percentage: 20 });
  });

  it('filters by status, new vs reviewed, auditor, building, elevator, score range and dates', async () => {
    expect(await listUuids(admin, '?review=new')).toEqual([uuids.submitted]);
    expect(await listUuids(admin, '?review=reviewed')).toEqual([uuids.reviewed]);
    expect(await listUuids(admin, `?auditorId=${auditorBId}`)).toEqual([uuids.reviewed]);
    expect(await listUuids(admin, `?buildingId=${lesnaya.buildingId}`)).toEqual([
      uuids.submitted,
      uuids.draft,
    ]);
    expect(await listUuids(admin, `?elevatorId=${sadovaya.elevatorId}`)).toEqual([uuids.reviewed]);
    expect(await listUuids(admin, '?scoreMin=50&scoreMax=100')).toEqual([uuids.submitted]);
    expect(await listUuids(admin, '?scoreMax=25')).toEqual([uuids.draft, uuids.reviewed].reverse());
    expect(await listUuids(admin, '?dateFrom=2026-03-03&dateTo=2026-03-03')).toEqual([uuids.submitted]);
    expect(await listUuids(admin, '?search=петрова')).toEqual([uuids.submitted, uuids.draft]);
  });

  it('sorts and paginates on the server', async () => {
    const page1 = (await admin.get('/api/audits?sort=score&order=desc&pageSize=2&page=1')).json();
    expect(page1.total).toBe(3);
    expect(page1.items.map((i: { uuid: string }) => i.uuid)).toEqual([uuids.submitted, uuids.reviewed]);
    const page2 = (await admin.get('/api/audits?sort=score&order=desc&pageSize=2&page=2')).json();
    expect(page2.items.map((i: { uuid: string }) => i.uuid)).toEqual([uuids.draft]);
  });

  it('rejects an unknown status with 400', async () => {
    const res = await admin.get('/api/audits?status=archived');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation.failed');
  });
});

describe('the card', () => {
  it('shows answers, photos and scores by zone and criterion group, and critical defects', async () => {
    const audit = (await admin.get(`/api/audits/${uuids.reviewed}`)).json().audit;
    expect(audit.responses).toHaveLength(3);
    expect(audit.scores.byCategory[0]).toMatchObject({ name: 'Холл', total: 2, max: 10, percentage: 20 });
    expect(audit.scores.byGroup).toEqual([
      { group: 'Безопасность', total: 2, max: 7, percentage: 28.6 },
      { group: 'Комфорт', total: 0, max: 3, percentage: 0 },
    ]);
    expect(audit.scores.criticalDefects.map((d: { questionId: number }) => d.questionId)).toEqual([q[0]]);
    expect(audit.reviewedBy.fullName).toBeTruthy();
    const withPhotos = (await admin.get(`/api/audits/${uuids.submitted}`)).json().audit;
    expect(withPhotos.attachments).toHaveLength(2);
    expect(withPhotos.attachments[0].thumbUrl).toMatch(/^\/api\/attachments\/[0-9a-f-]+\/thumb$/);
    expect(withPhotos.permissions).toMatchObject({
      canReview: true,
      canAnswer: false,
      canEditMetadata: true,
    });
  });
});
