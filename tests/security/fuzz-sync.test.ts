import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncBatchSchema } from '../../src/shared/sync/sync.schema.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { hostileBody } from './support/body-arbitraries.js';
import { createGuard, FUZZ_SEED } from './support/fuzz.js';
import { buildWorld, clientOf, type World } from './support/world.js';

/*
 * The offline batch: hostile bodies never cause a 5xx or change the catalog and audit tables when
 * refused (a refused batch is itself recorded in sync_batches as `error`, by design); batches of
 * several audits with one semantic fault are applied all or nothing.
 */

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
afterAll(() => t.close());

const send = (body: unknown) =>
  t.app.inject({
    method: 'POST',
    url: '/api/offline-sync/',
    headers: {
      'content-type': 'application/json',
      cookie: w.sessions.auditorA.cookie,
      'x-csrf-token': w.sessions.auditorA.csrf,
    },
    payload: JSON.stringify(body) ?? '',
  });

let house = 0;
function validBatch(audits = 1) {
  house += 1;
  const buildingUuid = randomUUID();
  const elevatorUuid = randomUUID();
  return {
    batchId: randomUUID(),
    deviceId: 'fuzz-phone',
    catalogAdditions: {
      buildings: [
        { uuid: buildingUuid, city: 'Москва', street: 'ул. Офлайновая', house: String(house), notes: null },
      ],
      elevators: [{ uuid: elevatorUuid, buildingRef: buildingUuid, entrance: '1', capacityKg: 400 }],
    },
    audits: Array.from({ length: audits }, (_, i) => ({
      uuid: randomUUID(),
      elevatorRef: i === 0 ? elevatorUuid : w.elevator.uuid,
      checklistVersion: w.version.id,
      objectInfo: {},
      startedAt: '2026-03-01T08:30:00.000Z',
      status: 'in_progress' as const,
      responses: [
        {
          questionId: w.version.questionId,
          score: 2,
          comment: 'Реверс срабатывает сразу',
          updatedAt: '2026-03-01T09:00:00.000Z',
          attachments: [],
        },
      ],
    })),
  };
}

describe('fuzzing the offline sync batch', () => {
  it('refuses hostile batches with a coded 4xx and leaves catalog, audits and events untouched', async () => {
    // sync_batches is excluded: a refused batch is stored there as `error` for the admin page.
    const guard = createGuard(t, { except: ['sync_batches', 'sessions'] });
    let reached = 0;
    await fc.assert(
      fc.asyncProperty(hostileBody(SyncBatchSchema, [validBatch(), validBatch(2)]), async (body) => {
        const sent = JSON.stringify(body);
        const { res: answer, problem } = await guard.send(
          {
            method: 'POST',
            url: '/api/offline-sync/',
            headers: {
              'content-type': 'application/json',
              cookie: w.sessions.auditorA.cookie,
              'x-csrf-token': w.sessions.auditorA.csrf,
            },
            payload: sent ?? '',
          },
          'POST /api/offline-sync/',
        );
        if (problem) throw new Error(problem);
        if (answer.statusCode !== 400) reached += 1;
        if (
          answer.statusCode < 400 &&
          !SyncBatchSchema.safeParse(sent === undefined ? undefined : JSON.parse(sent)).success
        )
          throw new Error(`accepted a batch the schema rejects: ${sent?.slice(0, 200)}`);
      }),
      { seed: FUZZ_SEED, numRuns: 120, endOnFailure: true },
    );
    expect(reached).toBeGreaterThan(5);
  });

  it('applies a batch of several audits completely or not at all', async () => {
    const faults = [
      (b: ReturnType<typeof validBatch>, i: number) => {
        const r = b.audits[i]?.responses[0];
        if (r) r.questionId = 999_999;
      },
      (b: ReturnType<typeof validBatch>, i: number) => {
        const r = b.audits[i]?.responses[0];
        if (r) r.score = 7;
      },
      (b: ReturnType<typeof validBatch>, i: number) => {
        const a = b.audits[i];
        if (a) a.elevatorRef = randomUUID();
      },
      (b: ReturnType<typeof validBatch>, i: number) => {
        const a = b.audits[i];
        if (a) a.checklistVersion = 999_999;
      },
      (b: ReturnType<typeof validBatch>, i: number) => {
        const r = b.audits[i]?.responses[0];
        if (r) r.comment = null as unknown as string; // a reduced score needs a comment
        if (r) r.score = 0;
      },
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.option(fc.tuple(fc.nat({ max: faults.length - 1 }), fc.nat()), { freq: 3 }),
        async (count, fault) => {
          const batch = validBatch(count);
          if (fault) faults[fault[0]]?.(batch, fault[1] % count);
          const res = await send(batch);
          expect(res.statusCode, res.body).toBeLessThan(500);
          const uuids = batch.audits.map((a) => a.uuid);
          const rows = await t.ctx.db
            .selectFrom('audits')
            .select(['id', 'uuid'])
            .where('uuid', 'in', uuids)
            .execute();
          const building = await t.ctx.db
            .selectFrom('buildings')
            .select('id')
            .where('uuid', '=', batch.catalogAdditions.buildings[0]?.uuid ?? '')
            .execute();
          if (res.statusCode === 200) {
            expect(rows).toHaveLength(count);
            expect(building).toHaveLength(1);
            const answers = await t.ctx.db
              .selectFrom('auditResponses')
              .select('id')
              .where(
                'auditId',
                'in',
                rows.map((r) => r.id),
              )
              .execute();
            expect(answers).toHaveLength(count);
          } else {
            expect(fault, res.body).not.toBeNull();
            expect([409, 422]).toContain(res.statusCode);
            expect({ audits: rows.length, building: building.length }).toEqual({ audits: 0, building: 0 });
          }
        },
      ),
      { seed: FUZZ_SEED, numRuns: 30, endOnFailure: true },
    );
  });

  it('answers a replay of a batch with the stored result and a changed payload under the same id with 409', async () => {
    const a = clientOf(t, w.sessions.auditorA);
    const batch = validBatch(1);
    const first = await a.post('/api/offline-sync/', batch);
    expect(first.statusCode, first.body).toBe(200);
    const before = await t.ctx.db
      .selectFrom('auditResponses')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    const replay = await a.post('/api/offline-sync/', batch);
    expect(replay.json()).toEqual(first.json());
    const changed = structuredClone(batch);
    if (changed.audits[0]?.responses[0]) changed.audits[0].responses[0].comment = 'Другой комментарий';
    const conflict = await a.post('/api/offline-sync/', changed);
    expect(conflict.statusCode).toBe(409);
    const after = await t.ctx.db
      .selectFrom('auditResponses')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(after).toEqual(before);
  });
});
