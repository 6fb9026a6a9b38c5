import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildReportDataset, insertSyncBatch } from '../helpers/report-factories.js';

let t: TestApp;
let data: Awaited<ReturnType<typeof buildReportDataset>>;

beforeAll(async () => {
  t = await createTestApp();
  data = await buildReportDataset(t);
  // now = 2026-03-02 09:00 UTC: one failed batch within 24 h, one older, one applied.
  await insertSyncBatch(t, data.ivan.user.id, 'error', '2026-03-02T07:00:00.000Z');
  await insertSyncBatch(t, data.ivan.user.id, 'error', '2026-02-28T07:00:00.000Z');
  await insertSyncBatch(t, data.maria.user.id, 'applied', '2026-03-02T08:00:00.000Z');
});
afterAll(() => t.close());

const get = async (query = '') => {
  const res = await data.admin.client.get(`/api/reports/dashboard${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('admin dashboard', () => {
  it('counts audits by status, the review queue, pending catalog records and failed syncs', async () => {
    const d = await get();
    expect(d.statusCounts).toEqual({ draft: 1, in_progress: 1, submitted: 2, reviewed: 1 });
    expect(d.awaitingReview.count).toBe(2);
    expect(d.awaitingReview.latest.map((a: { uuid: string }) => a.uuid)).toEqual([
      data.audits.feb,
      data.audits.jan,
    ]);
    expect(d.awaitingReview.latest[0]).toMatchObject({
      auditorName: 'Иван Петров',
      percentage: 53.8,
      submittedAt: '2026-02-10T10:00:00.000Z',
    });
    expect(d.pendingCatalog).toEqual({ buildings: 1, elevators: 1 });
    expect(d.failedSyncs.count).toBe(1);
    expect(d.failedSyncs.latest).toEqual([
      expect.objectContaining({
        auditorName: 'Иван Петров',
        deviceId: 'phone-1',
        receivedAt: '2026-03-02T07:00:00.000Z',
      }),
    ]);
  });

  it('charts submitted audits per month, in total and per auditor, and the average score', async () => {
    const d = await get('?months=3');
    expect(d.months).toEqual(['2026-01', '2026-02', '2026-03']);
    const ivan = data.ivan.user.id;
    const maria = data.maria.user.id;
    expect(d.auditors).toEqual([
      { id: ivan, fullName: 'Иван Петров' },
      { id: maria, fullName: 'Мария Соколова' },
    ]);
    const perMonth = d.auditsPerMonth.map((m: { month: string; total: number; byAuditor: unknown[] }) => ({
      ...m,
      byAuditor: [...m.byAuditor].sort(
        (a, b) => (a as { auditorId: number }).auditorId - (b as { auditorId: number }).auditorId,
      ),
    }));
    expect(perMonth).toEqual([
      { month: '2026-01', total: 1, byAuditor: [{ auditorId: ivan, count: 1 }] },
      {
        month: '2026-02',
        total: 2,
        byAuditor: [
          { auditorId: ivan, count: 1 },
          { auditorId: maria, count: 1 },
        ],
      },
      { month: '2026-03', total: 0, byAuditor: [] },
    ]);
    // January 13/13; February (7/13 + 11/13) / 2 = 69.23 %.
    expect(d.scorePerMonth).toEqual([
      { month: '2026-01', averagePercentage: 100, audits: 1 },
      { month: '2026-02', averagePercentage: 69.2, audits: 2 },
      { month: '2026-03', averagePercentage: null, audits: 0 },
    ]);
  });

  it('ranks the weakest zones by average percentage over submitted audits (weights applied)', async () => {
    const d = await get('?months=3');
    // Кабина: yes/no 2 of 3 + score 7 of 9 = 9/12 = 75 %; Холл: 14/18 (×2) + 8/9 = 22/27 = 81.5 %.
    expect(d.weakestCategories).toEqual([
      expect.objectContaining({ name: 'Кабина', percentage: 75, audits: 3 }),
      expect.objectContaining({ name: 'Холл', percentage: 81.5, audits: 3 }),
    ]);
    // A one-month window holds March only, which has no submitted audit yet.
    expect((await get('?months=1')).weakestCategories).toEqual([]);
  });

  it('recomputes the zones as soon as another audit is submitted', async () => {
    expect((await get('?months=1')).weakestCategories).toEqual([]);
    const { comfort, light, clean } = data.questions;
    const uuid = data.audits.wip;
    for (const [id, body] of [
      [comfort, { score: 3 }],
      [light, { yesNo: false, comment: 'Темно' }],
      [clean, { score: 0, comment: 'Грязно' }],
    ] as const) {
      expect((await data.maria.client.put(`/api/audits/${uuid}/responses/${id}`, body)).statusCode).toBe(200);
    }
    expect((await data.maria.client.post(`/api/audits/${uuid}/submit`)).statusCode).toBe(200);
    // wip: Холл 2×2 + 3 = 7 of 9; Кабина 0 of 4.
    expect((await get('?months=1')).weakestCategories).toEqual([
      expect.objectContaining({ name: 'Кабина', percentage: 0, audits: 1 }),
      expect.objectContaining({ name: 'Холл', percentage: 77.8, audits: 1 }),
    ]);
  });

  it('lists approved elevators without an audit for N months, never-audited first', async () => {
    const oneMonth = await get('?staleMonths=1');
    expect(oneMonth.staleElevators.months).toBe(1);
    expect(oneMonth.staleElevators.total).toBe(2);
    expect(oneMonth.staleElevators.items.map((e: { uuid: string }) => e.uuid)).toEqual([
      data.elevators.polevaya.elevator.uuid,
      data.elevators.berezovaya.elevator.uuid,
    ]);
    expect(oneMonth.staleElevators.items[1]).toMatchObject({
      lastAuditAt: '2026-01-15T07:30:00.000Z',
      entrance: '1',
    });
    expect(oneMonth.staleElevators.items[0].address).toMatch(/^Москва, ул\. Полевая, \d+$/);
    const threeMonths = await get('?staleMonths=3');
    expect(threeMonths.staleElevators.items.map((e: { uuid: string }) => e.uuid)).toEqual([
      data.elevators.polevaya.elevator.uuid,
    ]);
  });

  it('is for admins only and validates its parameters', async () => {
    expect((await data.ivan.client.get('/api/reports/dashboard')).statusCode).toBe(403);
    const bad = await data.admin.client.get('/api/reports/dashboard?staleMonths=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation.failed');
  });
});
