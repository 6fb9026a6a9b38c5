import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { ApiClient, TestApp } from './app.js';
import { buildElevator, createAudit, jpegImage, publishChecklist, uploadPhoto } from './audit-factories.js';
import { buildUser, loggedIn } from './factories.js';

/** Zones «Холл» (critical ×2 + comfort) and «Кабина» (yes/no + score + text): maximum 13 points. */
export const REPORT_LAYOUT = [
  {
    category: 'Холл',
    section: 'Двери шахты',
    questions: [
      { type: 'score' as const, maxScore: 3, weight: 2, isCritical: true, criterionGroup: 'Безопасность' },
      { type: 'score' as const, maxScore: 3, criterionGroup: 'Комфорт' },
    ],
  },
  {
    category: 'Кабина',
    section: 'Освещение',
    questions: [
      { type: 'yes_no' as const, maxScore: 1, criterionGroup: 'Безопасность' },
      { type: 'score' as const, maxScore: 3, criterionGroup: 'Эстетика и сервис' },
      { type: 'text' as const, maxScore: null, criterionGroup: null },
    ],
  },
];

type Answer = { score?: number; yesNo?: boolean; textValue?: string; comment?: string };

export function setTime(t: TestApp, iso: string): void {
  t.clock.advance(Date.parse(iso) - t.clock.now().getTime());
}

/**
 * The known dataset of the report tests (clock ends at 2026-03-02 09:00 UTC):
 * - jan:  Иван Петров, submitted 2026-01-15 on «ул. Берёзовая», 13/13 = 100 %; formula-like comments.
 * - feb:  Иван Петров, submitted 2026-02-10 on «ул. Лесная», 7/13 = 53.8 %, one critical defect, one photo.
 * - mar:  Мария Соколова, submitted 2026-02-20 on «ул. Садовая», reviewed, 11/13 = 84.6 %.
 * - wip:  Мария Соколова, in progress; draft: Мария Соколова, no answers.
 * Plus «ул. Полевая» never audited and one pending building + elevator.
 */
export async function buildReportDataset(t: TestApp) {
  const publisher = await buildUser(t.ctx, { role: 'admin' });
  const { questions } = await publishChecklist(t.ctx, publisher.id, REPORT_LAYOUT);
  const [critical, comfort, light, clean, note] = questions.map((q) => q.id) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const lesnaya = await buildElevator(t.ctx, { street: 'ул. Лесная' });
  const sadovaya = await buildElevator(t.ctx, { street: 'ул. Садовая' });
  const berezovaya = await buildElevator(t.ctx, { street: 'ул. Берёзовая' });
  const polevaya = await buildElevator(t.ctx, { street: 'ул. Полевая' });
  const ivan = await loggedIn(t, { fullName: 'Иван Петров' });
  const maria = await loggedIn(t, { fullName: 'Мария Соколова' });
  const admin = await loggedIn(t, { role: 'admin', fullName: 'Главный Инженер' });
  await buildElevator(t.ctx, { reviewStatus: 'pending', createdBy: maria.user.id, street: 'ул. Новая' });

  async function audit(
    client: ApiClient,
    elevatorId: number,
    answers: Array<[number, Answer]>,
    submit: boolean,
  ) {
    const uuid = await createAudit(client, elevatorId);
    for (const [questionId, body] of answers) {
      const res = await client.put(`/api/audits/${uuid}/responses/${questionId}`, body);
      expect(res.statusCode, res.body).toBe(200);
    }
    if (submit) expect((await client.post(`/api/audits/${uuid}/submit`)).statusCode).toBe(200);
    return uuid;
  }

  const start = t.clock.now().toISOString();
  setTime(t, '2026-01-15T07:30:00.000Z');
  const jan = await audit(
    ivan.client,
    berezovaya.elevator.id,
    [
      [critical, { score: 3, comment: '=HYPERLINK("http://evil.example","клик")' }],
      [comfort, { score: 3, comment: 'Царапины; "скол" на панели' }],
      [light, { yesNo: true }],
      [clean, { score: 3 }],
      [note, { textValue: 'Лифт после капремонта' }],
    ],
    true,
  );
  setTime(t, '2026-02-10T10:00:00.000Z');
  const feb = await audit(
    ivan.client,
    lesnaya.elevator.id,
    [
      [critical, { score: 1, comment: 'Двери не реверсируют' }],
      [comfort, { score: 2, comment: '-скол' }],
      [light, { yesNo: false, comment: '+нет света' }],
      [clean, { score: 3 }],
    ],
    false,
  );
  const photo = await uploadPhoto(ivan.client, feb, await jpegImage(320, 240), { questionId: critical });
  expect(photo.statusCode, photo.body).toBe(201);
  expect((await ivan.client.post(`/api/audits/${feb}/submit`)).statusCode).toBe(200);
  setTime(t, '2026-02-20T12:00:00.000Z');
  const mar = await audit(
    maria.client,
    sadovaya.elevator.id,
    [
      [critical, { score: 3 }],
      [comfort, { score: 3 }],
      [light, { yesNo: true }],
      [clean, { score: 1, comment: '@грязно' }],
    ],
    true,
  );
  expect((await admin.client.post(`/api/audits/${mar}/review`)).statusCode).toBe(200);
  setTime(t, '2026-03-01T08:00:00.000Z');
  const wip = await audit(
    maria.client,
    lesnaya.elevator.id,
    [[critical, { score: 2, comment: 'Люфт' }]],
    false,
  );
  const draft = await audit(maria.client, sadovaya.elevator.id, [], false);
  setTime(t, start);

  return {
    ivan,
    maria,
    admin,
    questions: { critical, comfort, light, clean, note },
    elevators: { lesnaya, sadovaya, berezovaya, polevaya },
    audits: { jan, feb, mar, wip, draft },
  };
}

/** A stored sync batch (the sync domain writes these; the dashboard only counts them). */
export async function insertSyncBatch(
  t: TestApp,
  userId: number,
  status: 'applied' | 'error',
  receivedAt: string,
) {
  await t.ctx.db
    .insertInto('syncBatches')
    .values({
      uuid: randomUUID(),
      userId,
      deviceId: 'phone-1',
      receivedAt,
      status,
      payloadSha256: 'x',
      payload: '{}',
      result: null,
      errorDetails: null,
    })
    .execute();
}
