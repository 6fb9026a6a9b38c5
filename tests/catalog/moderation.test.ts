import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEventsFor } from '../../src/server/events/index.js';
import type { ApiClient } from '../helpers/app.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildBuilding, buildElevator, insertAudit } from '../helpers/catalog-factories.js';
import { type BuiltUser, loggedIn } from '../helpers/factories.js';

let t: TestApp;
let admin: { user: BuiltUser; client: ApiClient };
let auditor: { user: BuiltUser; client: ApiClient };
const asAdmin = () => ({ id: admin.user.id, role: 'admin' as const });
const asAuditor = () => ({ id: auditor.user.id, role: 'auditor' as const });

beforeAll(async () => {
  t = await createTestApp();
  admin = await loggedIn(t, { role: 'admin' });
  auditor = await loggedIn(t, { role: 'auditor' });
});
afterAll(() => t.close());

describe('merging a pending duplicate', () => {
  it('moves the duplicate building’s elevators (and their audits) to the kept building and records an event', async () => {
    const kept = await buildBuilding(t.ctx, asAdmin(), { street: 'ул. Ленина', house: '10' });
    const dup = await buildBuilding(t.ctx, asAuditor(), { street: 'Ленина проспект', house: '10' });
    const lift = await buildElevator(t.ctx, asAuditor(), dup.id, { entrance: '3' });
    const audit = await insertAudit(t.ctx, lift.id, auditor.user.id);

    const res = await admin.client.post(`/api/catalog/buildings/${dup.id}/merge`, { targetId: kept.id });
    expect(res.statusCode).toBe(200);
    expect(res.json().movedElevators).toBe(1);
    expect(res.json().building.id).toBe(kept.id);

    const moved = await t.ctx.db
      .selectFrom('elevators')
      .selectAll()
      .where('id', '=', lift.id)
      .executeTakeFirstOrThrow();
    expect(moved.buildingId).toBe(kept.id);
    expect(moved.searchText).toContain('ленина');
    const stillThere = await t.ctx.db
      .selectFrom('audits')
      .select('elevatorId')
      .where('id', '=', audit.id)
      .executeTakeFirstOrThrow();
    expect(stillThere.elevatorId).toBe(lift.id);

    const source = await t.ctx.db
      .selectFrom('buildings')
      .selectAll()
      .where('id', '=', dup.id)
      .executeTakeFirstOrThrow();
    expect(source.mergedIntoId).toBe(kept.id);
    const events = await listEventsFor(t.ctx.db, 'building', dup.id);
    expect(events.find((e) => e.action === 'catalog.building_merged')?.payload).toEqual({
      intoId: kept.id,
      movedElevatorIds: [lift.id],
    });
    // The duplicate is hidden from lists, for its author too.
    const list = await auditor.client.get('/api/buildings?mine=true&pageSize=200');
    expect(list.json().items.map((b: { id: number }) => b.id)).not.toContain(dup.id);
    const keptDetail = await auditor.client.get(`/api/buildings/${kept.id}`);
    expect(keptDetail.json().elevators.map((e: { id: number }) => e.id)).toContain(lift.id);
  });

  it('moves every audit of a duplicate elevator to the kept one', async () => {
    const building = await buildBuilding(t.ctx, asAdmin(), { street: 'ул. Мира', house: '4' });
    const kept = await buildElevator(t.ctx, asAdmin(), building.id, { entrance: '1', capacityKg: 400 });
    const dup = await buildElevator(t.ctx, asAuditor(), building.id, { entrance: '1', capacityKg: 630 });
    const a1 = await insertAudit(t.ctx, dup.id, auditor.user.id);
    const a2 = await insertAudit(t.ctx, dup.id, auditor.user.id);
    const other = await insertAudit(t.ctx, kept.id, auditor.user.id);

    const candidates = await admin.client.get(`/api/catalog/elevators/${dup.id}/duplicates`);
    expect(candidates.json().items.map((e: { id: number }) => e.id)).toContain(kept.id);

    const res = await admin.client.post(`/api/catalog/elevators/${dup.id}/merge`, { targetId: kept.id });
    expect(res.statusCode).toBe(200);
    expect(res.json().movedAudits).toBe(2);
    const audits = await t.ctx.db
      .selectFrom('audits')
      .select(['id', 'elevatorId'])
      .where('id', 'in', [a1.id, a2.id, other.id])
      .execute();
    expect(audits.every((a) => a.elevatorId === kept.id)).toBe(true);
    const source = await t.ctx.db
      .selectFrom('elevators')
      .selectAll()
      .where('id', '=', dup.id)
      .executeTakeFirstOrThrow();
    expect(source.mergedIntoId).toBe(kept.id);
    const events = await listEventsFor(t.ctx.db, 'elevator', dup.id);
    expect(events.find((e) => e.action === 'catalog.elevator_merged')?.payload).toEqual({
      intoId: kept.id,
      movedAuditIds: [a1.id, a2.id],
    });
    // Looking the duplicate up by id follows the merge to the kept lift.
    const { findVisibleElevator } = await import('../../src/server/catalog/index.js');
    expect((await findVisibleElevator(t.ctx.db, asAuditor(), dup.id))?.id).toBe(kept.id);
  });

  it('refuses to merge into itself, into a rejected record, or an already reviewed record', async () => {
    const building = await buildBuilding(t.ctx, asAdmin(), { street: 'ул. Пушкина', house: '1' });
    const pending = await buildElevator(t.ctx, asAuditor(), building.id, { entrance: '1' });
    const self = await admin.client.post(`/api/catalog/elevators/${pending.id}/merge`, {
      targetId: pending.id,
    });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.code).toBe('catalog.merge_invalid');
    const approved = await buildElevator(t.ctx, asAdmin(), building.id, { entrance: '2' });
    const reviewed = await admin.client.post(`/api/catalog/elevators/${approved.id}/merge`, {
      targetId: pending.id,
    });
    expect(reviewed.statusCode).toBe(409);
    expect(reviewed.json().error.code).toBe('catalog.not_pending');
    expect(
      (await auditor.client.post(`/api/catalog/elevators/${pending.id}/merge`, { targetId: approved.id }))
        .statusCode,
    ).toBe(403);
    const noReason = await admin.client.post(`/api/catalog/elevators/${pending.id}/reject`, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toContain('Укажите причину отклонения.');
  });
});

describe('catalog for other domains', () => {
  it('lists the approved catalog plus the user’s own pending records, not others’', async () => {
    const { listVisibleCatalog } = await import('../../src/server/catalog/index.js');
    const other = await loggedIn(t, { role: 'auditor' });
    const mine = await buildBuilding(t.ctx, asAuditor(), { street: 'ул. Своя', house: '1' });
    const theirs = await buildBuilding(
      t.ctx,
      { id: other.user.id, role: 'auditor' },
      { street: 'ул. Чужая', house: '1' },
    );
    const snapshot = await listVisibleCatalog(t.ctx.db, asAuditor());
    const ids = snapshot.buildings.map((b) => b.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect(snapshot.buildings.every((b) => b.reviewStatus !== 'rejected')).toBe(true);
  });
});
