import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DraftTree } from '../../src/shared/checklists/checklists.schema.js';
import type { SpreadsheetPreview } from '../../src/shared/checklists/spreadsheet.schema.js';
import { appWithAdmin } from '../helpers/factories.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/checklists');
const upload = (name: string) => ({
  fileName: name,
  contentBase64: readFileSync(path.join(fixtures, name)).toString('base64'),
});

const app = appWithAdmin();

const counts = async () => ({
  categories: (await app.t.ctx.db.selectFrom('checklistCategories').select('id').execute()).length,
  questions: (await app.t.ctx.db.selectFrom('checklistQuestions').select('id').execute()).length,
  events: (await app.t.ctx.db.selectFrom('events').select('id').execute()).length,
});

describe('spreadsheet import over HTTP', () => {
  it('previews the CSV with zones, questions, problems per row and the unnamed block, changing nothing', async () => {
    const before = await counts();
    const res = await app.admin.post(
      '/api/checklists/import-spreadsheet/preview',
      upload('customer-checklist.csv'),
    );
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json<SpreadsheetPreview>();
    expect(preview.summary).toEqual({
      zones: 4,
      questions: 13,
      scored: 11,
      errors: 3,
      warnings: expect.any(Number),
    });
    expect(preview.unnamedBlocks).toEqual([2]);
    expect(preview.problems.filter((p) => p.severity === 'error').map((p) => p.row)).toEqual([14, 15, 20]);
    expect(await counts()).toEqual(before);
  });

  it('refuses to apply until every unnamed block has a name', async () => {
    const res = await app.admin.post(
      '/api/checklists/import-spreadsheet/apply',
      upload('customer-checklist.csv'),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'checklist.block_name_required',
      details: [expect.objectContaining({ path: 'blockNames.2' })],
    });
    expect((await counts()).categories).toBe(0);
  });

  it('applies the CSV with block names into the draft, which then publishes', async () => {
    const res = await app.admin.post('/api/checklists/import-spreadsheet/apply', {
      ...upload('customer-checklist.csv'),
      blockNames: { '2': 'Приямок' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ categories: 4, sections: 4, questions: 13 });
    const draft = (await app.admin.get('/api/checklists/draft')).json<DraftTree>();
    expect(draft.categories.map((c) => c.name)).toEqual([
      'Машинное помещение',
      'Кабина лифта',
      'Приямок',
      'Этажные площадки',
    ]);
    const winch = draft.categories[0]?.sections[0]?.questions[1];
    expect(winch).toMatchObject({ code: 'Q2', maxScore: 30, criterionGroup: 'Техническое состояние' });
    expect(winch?.options.map((o) => o.score)).toEqual([0, 15, 30]);
    expect(draft.problems).toEqual([]);
    expect(
      (await app.admin.post('/api/checklists/publish', { notes: 'Из таблицы заказчика' })).statusCode,
    ).toBe(201);
    const event = await app.t.ctx.db
      .selectFrom('events')
      .select('payload')
      .where('action', '=', 'checklist.imported')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.payload)).toMatchObject({ source: 'spreadsheet:customer-checklist.csv' });
  });

  it('applies the XLSX over the existing draft only with replace: true', async () => {
    const body = { ...upload('customer-checklist.xlsx'), blockNames: { '1': 'Связь' } };
    const refused = await app.admin.post('/api/checklists/import-spreadsheet/apply', body);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('checklist.draft_not_empty');
    const res = await app.admin.post('/api/checklists/import-spreadsheet/apply', { ...body, replace: true });
    expect(res.statusCode, res.body).toBe(200);
    const draft = (await app.admin.get('/api/checklists/draft')).json<DraftTree>();
    expect(draft.categories.filter((c) => c.isActive).map((c) => c.name)).toEqual([
      'Кабина',
      'Связь',
      'Приямок',
    ]);
    expect(draft.hasUnpublishedChanges).toBe(true);
  });

  it('refuses a spreadsheet over 2 MB with a Russian message, changing nothing', async () => {
    const before = (await app.admin.get('/api/checklists/draft')).body;
    const res = await app.admin.post('/api/checklists/import-spreadsheet/preview', {
      fileName: 'huge.xlsx',
      contentBase64: Buffer.alloc(2 * 1024 * 1024 + 3).toString('base64'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation.failed');
    expect(JSON.stringify(res.json().error)).toContain('Файл таблицы больше 2 МБ');
    expect((await app.admin.get('/api/checklists/draft')).body).toBe(before);
    const fits = await app.admin.post('/api/checklists/import-spreadsheet/preview', {
      fileName: 'almost.csv',
      contentBase64: Buffer.alloc(2 * 1024 * 1024 - 3, 'a').toString('base64'),
    });
    expect(fits.statusCode).not.toBe(413);
    expect(fits.json().error?.code).not.toBe('validation.failed');
  });

  it('answers 400 for a file that is neither CSV nor XLSX', async () => {
    const res = await app.admin.post('/api/checklists/import-spreadsheet/preview', {
      fileName: 'photo.xlsx',
      contentBase64: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 1, 2, 3]).toString('base64'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('checklist.spreadsheet_unreadable');
  });
});
