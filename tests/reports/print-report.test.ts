import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { loggedIn } from '../helpers/factories.js';
import { buildReportDataset } from '../helpers/report-factories.js';

let t: TestApp;
let data: Awaited<ReturnType<typeof buildReportDataset>>;

beforeAll(async () => {
  t = await createTestApp();
  data = await buildReportDataset(t);
});
afterAll(() => t.close());

describe('print report of an audit', () => {
  it('groups every answer by zone and section with points, comments, photos and totals', async () => {
    const res = await data.ivan.client.get(`/api/reports/audits/${data.audits.feb}`);
    expect(res.statusCode, res.body).toBe(200);
    const { report } = res.json();
    expect(report).toMatchObject({
      uuid: data.audits.feb,
      status: 'submitted',
      auditor: 'Иван Петров',
      checklistVersionNumber: 1,
      totals: { total: 7, max: 13, percentage: 53.8, answered: 4, required: 4 },
      commentCount: 3,
      photoCount: 1,
      adminNotes: null,
    });
    expect(report.address).toMatch(/^Москва, ул\. Лесная, \d+$/);
    expect(report.dates.submittedAt).toBe('2026-02-10T10:00:00.000Z');
    expect(report.objectInfo[0]).toEqual({
      code: 'inventory',
      label: 'Заводской номер',
      value: expect.stringMatching(/^ЗАВ-/),
    });
    expect(report.byCategory).toEqual([
      { categoryId: expect.any(Number), name: 'Холл', total: 4, max: 9, percentage: 44.4 },
      { categoryId: expect.any(Number), name: 'Кабина', total: 3, max: 4, percentage: 75 },
    ]);
    expect(report.criticalDefects).toEqual([
      expect.objectContaining({ code: '1.1', text: 'Проверка 1.1', categoryName: 'Холл' }),
    ]);
    expect(report.categories.map((c: { name: string }) => c.name)).toEqual(['Холл', 'Кабина']);
    const [hall, cabin] = report.categories;
    expect(hall.score).toEqual({ total: 4, max: 9, percentage: 44.4 });
    expect(hall.sections[0].title).toBe('Двери шахты');
    expect(hall.sections[0].questions[0]).toMatchObject({
      code: '1.1',
      answer: '1 — Оценка 1',
      points: 2,
      max: 6,
      isCritical: true,
      isReduced: true,
      comment: 'Двери не реверсируют',
      photos: [
        { uuid: expect.any(String), thumbUrl: expect.stringMatching(/^\/api\/attachments\/[\w-]+\/thumb$/) },
      ],
    });
    expect(cabin.sections[0].questions.map((q: { answer: string }) => q.answer)).toEqual([
      'нет',
      '3 — Оценка 3',
      '',
    ]);
  });

  it('keeps stored text verbatim for the client to escape', async () => {
    const { report } = (await data.admin.client.get(`/api/reports/audits/${data.audits.jan}`)).json();
    expect(report.categories[0].sections[0].questions[0].comment).toBe(
      '=HYPERLINK("http://evil.example","клик")',
    );
    expect(report.categories[1].sections[0].questions[2].answer).toBe('Лифт после капремонта');
  });

  it('is open to admins and to the audit’s own auditor; another auditor gets 404', async () => {
    expect((await data.admin.client.get(`/api/reports/audits/${data.audits.feb}`)).statusCode).toBe(200);
    const other = await data.maria.client.get(`/api/reports/audits/${data.audits.feb}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('audit.not_found');
    const stranger = await loggedIn(t);
    expect((await stranger.client.get(`/api/reports/audits/${data.audits.mar}`)).statusCode).toBe(404);
  });

  it('the photo thumbnails it links are served to the same reader', async () => {
    const { report } = (await data.ivan.client.get(`/api/reports/audits/${data.audits.feb}`)).json();
    const thumb = report.categories[0].sections[0].questions[0].photos[0].thumbUrl;
    const res = await data.ivan.client.get(thumb);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\//);
    expect((await data.maria.client.get(thumb)).statusCode).toBe(404);
  });
});
