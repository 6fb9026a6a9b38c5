import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeAuditDetail } from '../../src/server/audits/detail-serializer.js';
import { AuditDetailResponseSchema } from '../../src/shared/audits/audits.schema.js';
import type { ApiClient, TestApp } from '../helpers/app.js';
import { createTestApp } from '../helpers/app.js';
import { buildElevator, createAudit, publishChecklist } from '../helpers/audit-factories.js';
import { buildUser, loggedIn } from '../helpers/factories.js';

let t: TestApp;
let auditor: ApiClient;
let uuid: string;

beforeAll(async () => {
  t = await createTestApp();
  const publisher = await buildUser(t.ctx, { role: 'admin' });
  const { questions } = await publishChecklist(t.ctx, publisher.id);
  auditor = (await loggedIn(t)).client;
  uuid = await createAudit(auditor, (await buildElevator(t.ctx)).elevator.id);
  await auditor.put(`/api/audits/${uuid}/responses/${questions[0]!.id}`, { score: 1, comment: 'Трещина' });
});
afterAll(() => t.close());

describe('audit card serializer (snapshot serialized once per version)', () => {
  it('answers exactly what the response schema describes, checklist included', async () => {
    const res = await auditor.get(`/api/audits/${uuid}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(AuditDetailResponseSchema.parse(body)).toEqual(body);
    expect(body.audit.checklistVersion.snapshot.categories.length).toBeGreaterThan(0);
    // The second request reuses the cached snapshot text: the same bytes.
    expect((await auditor.get(`/api/audits/${uuid}`)).body).toBe(res.body);
  });

  it('drops keys the schema does not know and refuses an invalid card', async () => {
    const body = (await auditor.get(`/api/audits/${uuid}`)).json();
    const leaky = { audit: { ...body.audit, passwordHash: 'x' } };
    leaky.audit.checklistVersion = { ...body.audit.checklistVersion, secret: 1 };
    const text = serializeAuditDetail(leaky);
    expect(text).not.toContain('passwordHash');
    expect(text).not.toContain('secret');
    expect(JSON.parse(text)).toEqual(AuditDetailResponseSchema.parse(body));

    expect(() => serializeAuditDetail({ audit: { ...body.audit, status: 'lost' } })).toThrow();
    const brokenSnapshot = { ...body.audit.checklistVersion, snapshot: { categories: 'no' } };
    expect(() =>
      serializeAuditDetail({ audit: { ...body.audit, checklistVersion: brokenSnapshot } }),
    ).toThrow();
  });
});
