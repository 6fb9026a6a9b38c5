import { sql } from 'kysely';
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

/** The counters the audit lists show are kept by triggers (migration 72); they must equal a recount. */
let t: TestApp;
let auditor: ApiClient;
let q: number[];
let elevatorId: number;

beforeAll(async () => {
  t = await createTestApp();
  const publisher = await buildUser(t.ctx, { role: 'admin' });
  q = (await publishChecklist(t.ctx, publisher.id)).questions.map((x) => x.id);
  elevatorId = (await buildElevator(t.ctx)).elevator.id;
  auditor = (await loggedIn(t)).client;
});
afterAll(() => t.close());

async function listed(uuid: string) {
  const res = await auditor.get('/api/audits?pageSize=100');
  const item = res.json().items.find((a: { uuid: string }) => a.uuid === uuid);
  return { comments: item.commentCount, flagged: item.flaggedCount, photos: item.photoCount };
}

/** Every audit's stored counters against a fresh count of its answers and photos. */
async function mismatches() {
  const { rows } = await sql<{ id: number }>`
    select a.id from audits a
    where a.comment_count <> (select count(*) from audit_responses r
                              where r.audit_id = a.id and trim(coalesce(r.comment, '')) <> '')
       or a.flagged_count <> (select count(*) from audit_responses r where r.audit_id = a.id and r.is_flagged = 1)
       or a.photo_count <> (select count(*) from audit_attachments p where p.audit_id = a.id and p.status = 'stored')
  `.execute(t.ctx.db);
  return rows.map((r) => r.id);
}

describe('audit list counters', () => {
  it('follow answers being commented, uncommented, flagged and unflagged', async () => {
    const uuid = await createAudit(auditor, elevatorId);
    expect(await listed(uuid)).toEqual({ comments: 0, flagged: 0, photos: 0 });
    await auditor.put(`/api/audits/${uuid}/responses/${q[0]}`, { score: 1, comment: 'Трещина' });
    await auditor.put(`/api/audits/${uuid}/responses/${q[1]}`, { score: 2, comment: '   ', isFlagged: true });
    expect(await listed(uuid)).toEqual({ comments: 1, flagged: 1, photos: 0 });
    await auditor.put(`/api/audits/${uuid}/responses/${q[0]}`, { score: 3, comment: null, isFlagged: true });
    await auditor.put(`/api/audits/${uuid}/responses/${q[1]}`, {
      score: 2,
      comment: 'Износ',
      isFlagged: false,
    });
    expect(await listed(uuid)).toEqual({ comments: 1, flagged: 1, photos: 0 });
    expect(await mismatches()).toEqual([]);
  });

  it('count stored photos, and drop a deleted one', async () => {
    const uuid = await createAudit(auditor, elevatorId);
    const photo = await jpegImage(300, 200);
    const first = (await uploadPhoto(auditor, uuid, photo, { questionId: q[0]! })).json().attachment;
    await uploadPhoto(auditor, uuid, photo, { questionId: q[1]! });
    expect((await listed(uuid)).photos).toBe(2);
    expect((await auditor.delete(first.url)).statusCode).toBe(204);
    expect((await listed(uuid)).photos).toBe(1);
    expect(await mismatches()).toEqual([]);
  });

  it('stay right for writes that bypass the application (raw SQL, imports, merges)', async () => {
    const uuid = await createAudit(auditor, elevatorId);
    await auditor.put(`/api/audits/${uuid}/responses/${q[0]}`, {
      score: 1,
      comment: 'Есть',
      isFlagged: true,
    });
    const { id } = await t.ctx.db
      .selectFrom('audits')
      .select('id')
      .where('uuid', '=', uuid)
      .executeTakeFirstOrThrow();
    await sql`update audit_responses set comment = '' where audit_id = ${id}`.execute(t.ctx.db);
    expect(await listed(uuid)).toEqual({ comments: 0, flagged: 1, photos: 0 });
    await sql`delete from audit_responses where audit_id = ${id}`.execute(t.ctx.db);
    expect(await listed(uuid)).toEqual({ comments: 0, flagged: 0, photos: 0 });
    expect(await mismatches()).toEqual([]);
  });
});
