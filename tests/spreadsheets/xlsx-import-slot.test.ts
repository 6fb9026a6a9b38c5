import { describe, expect, it } from 'vitest';
import { XLSX_MIME } from '../../src/shared/catalog/import.schema.js';
import { appWithAdmin } from '../helpers/factories.js';
import { catalogXlsx, checklistFixture } from '../helpers/spreadsheet-factories.js';

const checklistXlsx = checklistFixture('customer-checklist.xlsx');

const app = appWithAdmin();

const applyCatalog = (body: Buffer) =>
  app.admin.request({
    method: 'POST',
    url: '/api/catalog/import/apply',
    payload: body,
    headers: { 'content-type': XLSX_MIME, 'x-file-name': 'lifts.xlsx' },
  });
const applyChecklist = () =>
  app.admin.post('/api/checklists/import-spreadsheet/apply', {
    fileName: 'чек-лист.xlsx',
    contentBase64: checklistXlsx.toString('base64'),
    blockNames: { '1': 'Связь' },
    replace: true,
  });
const buildingsIn = async (city: string) =>
  (await app.t.ctx.db.selectFrom('buildings').select('id').where('city', '=', city).execute()).length;
const questions = async () =>
  (await app.t.ctx.db.selectFrom('checklistQuestions').select('id').execute()).length;

describe('one XLSX import at a time', () => {
  it('answers 429 spreadsheet.busy to the second of two concurrent catalog imports and writes nothing for it', async () => {
    const first = await catalogXlsx(500, 'Ефремов');
    const second = await catalogXlsx(500, 'Кимовск');
    const [a, b] = await Promise.all([applyCatalog(first), applyCatalog(second)]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses).toEqual([200, 429]);
    const busy = a.statusCode === 429 ? a : b;
    expect(busy.json().error.code).toBe('spreadsheet.busy');
    expect(busy.json().error.message).toContain('повторите через минуту');
    const [winner, loser] = a.statusCode === 200 ? ['Ефремов', 'Кимовск'] : ['Кимовск', 'Ефремов'];
    expect(await buildingsIn(winner)).toBeGreaterThan(0);
    expect(await buildingsIn(loser)).toBe(0);
    const imports = await app.t.ctx.db.selectFrom('catalogImports').select('id').execute();
    expect(imports).toHaveLength(1);
  });

  it('shares the slot between the catalog and the checklist import', async () => {
    const questionsBefore = await questions();
    const file = await catalogXlsx(500, 'Венёв');
    const [catalog, checklist] = await Promise.all([applyCatalog(file), applyChecklist()]);
    expect([catalog.statusCode, checklist.statusCode].sort()).toEqual([200, 429]);
    const busy = catalog.statusCode === 429 ? catalog : checklist;
    expect(busy.json().error.code).toBe('spreadsheet.busy');
    if (catalog.statusCode === 429) expect(await buildingsIn('Венёв')).toBe(0);
    else expect(await questions()).toBe(questionsBefore);
  });

  it('frees the slot after a refusal, so the next import goes through', async () => {
    const broken = await applyCatalog(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(broken.statusCode).toBe(400);
    const res = await applyChecklist();
    expect(res.statusCode, res.body).toBe(200);
  });
});
