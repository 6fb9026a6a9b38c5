import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestApp } from '../helpers/app.js';
import { createTestApp } from '../helpers/app.js';
import { buildElevator, createAudit, publishChecklist } from '../helpers/audit-factories.js';
import { buildUser, loggedIn } from '../helpers/factories.js';

let t: TestApp;
let auditor: ApiClient;
let questions: number[];
let elevatorId: number;

async function setEmail(userId: number, email: string, notificationsEnabled = 1) {
  await t.ctx.db.updateTable('users').set({ email, notificationsEnabled }).where('id', '=', userId).execute();
}

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL: 'https://audit.example.ru' });
  const chief = await buildUser(t.ctx, { role: 'admin', fullName: 'Главный Инженер' });
  const quiet = await buildUser(t.ctx, { role: 'admin' });
  await setEmail(chief.id, 'chief@example.ru');
  await setEmail(quiet.id, 'quiet@example.ru', 0);
  questions = (await publishChecklist(t.ctx, chief.id)).questions.map((q) => q.id);
  elevatorId = (await buildElevator(t.ctx, { street: 'ул. Садовая' })).elevator.id;
  const a = await loggedIn(t, { fullName: 'Иван Петров' });
  auditor = a.client;
  await setEmail(a.user.id, 'ivan@example.ru');
});
afterAll(() => t.close());

describe('audit submitted → admins', () => {
  it('enqueues one mail per admin who wants notifications, with address, score and link', async () => {
    const uuid = await createAudit(auditor, elevatorId);
    const [critical, comfort, yesNo] = questions as [number, number, number];
    for (const [id, body] of [
      [critical, { score: 1, comment: 'Двери не реверсируют' }],
      [comfort, { score: 3 }],
      [yesNo, { yesNo: true }],
    ] as const) {
      expect((await auditor.put(`/api/audits/${uuid}/responses/${id}`, body)).statusCode).toBe(200);
    }
    const before = await t.ctx.db.selectFrom('mailOutbox').selectAll().execute();
    expect(before).toHaveLength(0);

    const res = await auditor.post(`/api/audits/${uuid}/submit`);
    expect(res.statusCode, res.body).toBe(200);

    const mail = await t.ctx.db.selectFrom('mailOutbox').selectAll().execute();
    expect(mail.map((m) => m.to)).toEqual(['chief@example.ru']);
    expect(mail[0]?.subject).toMatch(/^Новый аудит на проверку: Москва, ул\. Садовая, \d+$/);
    // (1×2 + 3 + 1) / (3×2 + 3 + 1) = 6 / 10
    expect(mail[0]?.text).toContain('Аудитор Иван Петров отправил аудит');
    expect(mail[0]?.text).toContain('Результат: 60.0 %');
    expect(mail[0]?.text).toContain('Критических замечаний: 1.');
    expect(mail[0]?.text).toContain(`https://audit.example.ru/admin/audits/${uuid}`);
  });

  it('enqueues nothing when the submit is refused', async () => {
    const uuid = await createAudit(auditor, elevatorId);
    const count = async () => (await t.ctx.db.selectFrom('mailOutbox').select('id').execute()).length;
    const before = await count();
    const res = await auditor.post(`/api/audits/${uuid}/submit`);
    expect(res.json().error.code).toBe('audit.incomplete');
    expect(await count()).toBe(before);
  });
});
