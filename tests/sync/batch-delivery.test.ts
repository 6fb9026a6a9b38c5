/** POST /api/offline-sync/: applying a batch, idempotent resends, catalog additions, access. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SnapshotQuestion } from '../../src/shared/checklists/snapshot.schema.js';
import type { ApiClient, TestApp } from '../helpers/app.js';
import { auditBatch, completeResponses } from '../helpers/sync-factories.js';
import { type CountedTable, countRows, postBatch, setUpBatchApp } from './batch-setup.js';

let t: TestApp;
let auditor: ApiClient;
let auditorId: number;
let other: ApiClient;
let versionId: number;
let questions: SnapshotQuestion[];
let elevatorUuid: string;

const count = (table: CountedTable) => countRows(t, table);
const post = postBatch;

beforeAll(async () => {
  ({ t, auditor, auditorId, other, versionId, questions, elevatorUuid } = await setUpBatchApp());
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
