import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChecklistExport } from '../../src/shared/checklists/checklists.schema.js';
import { stripIds } from '../../src/shared/checklists/content.js';
import type { ChecklistVersionDto } from '../../src/shared/checklists/snapshot.schema.js';
import { type ApiClient, createTestApp, type TestApp } from '../helpers/app.js';
import { buildSmallChecklist, createId, publish } from '../helpers/checklist-factories.js';
import { loggedIn } from '../helpers/factories.js';

// Two installations: the source publishes and exports, the target imports.
let source: TestApp;
let target: TestApp;
let sourceAdmin: ApiClient;
let targetAdmin: ApiClient;
beforeAll(async () => {
  [source, target] = await Promise.all([createTestApp(), createTestApp()]);
  sourceAdmin = (await loggedIn(source, { role: 'admin' })).client;
  targetAdmin = (await loggedIn(target, { role: 'admin' })).client;
});
afterAll(async () => {
  await Promise.all([source.close(), target.close()]);
});

describe('checklist JSON transfer', () => {
  let exported: ChecklistExport;

  it('exports a published version as a downloadable JSON file', async () => {
    // The source's ids do not start at 1 so the target cannot match them by accident.
    const scratch = await createId(sourceAdmin, '/api/checklists/categories', {
      code: 'OLD',
      name: 'Старая зона',
    });
    await sourceAdmin.post(`/api/checklists/categories/${scratch}/deactivate`);
    const ids = await buildSmallChecklist(sourceAdmin, 'SRC');
    await createId(sourceAdmin, '/api/checklists/questions', {
      sectionId: ids.sectionId,
      code: 'SRC-Q2',
      text: 'Замечания по кабине',
      type: 'text',
      guideline: 'Свободный текст',
    });
    await createId(sourceAdmin, '/api/checklists/object-info-fields', {
      code: 'drive',
      label: 'Тип привода',
      fieldType: 'select',
      choices: ['Редукторный', 'Безредукторный'],
    });
    expect((await publish(sourceAdmin, 'Для переноса')).statusCode).toBe(201);

    const res = await sourceAdmin.get('/api/checklists/versions/1/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('souzlift-checklist-v1.json');
    exported = res.json<ChecklistExport>();
    expect(exported).toMatchObject({
      format: 'souzlift-checklist',
      formatVersion: 1,
      source: { versionNumber: 1 },
    });
  });

  it('imports it as a draft on another installation; publishing gives an equal snapshot (ids aside)', async () => {
    const res = await targetAdmin.post('/api/checklists/import-json', { document: exported });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      categories: 1,
      sections: 1,
      questions: 2,
      objectInfoFields: 2,
      deactivated: 0,
    });
    const published = await publish(targetAdmin, 'Импорт');
    expect(published.statusCode, published.body).toBe(201);
    const snapshot = published.json<ChecklistVersionDto>().snapshot;
    expect(stripIds(snapshot)).toEqual(stripIds(exported.snapshot));
    expect(snapshot.categories[0]?.id).not.toBe(exported.snapshot.categories[0]?.id);
  });

  it('refuses to overwrite a non-empty draft unless replace is true, and never deletes rows', async () => {
    const refused = await targetAdmin.post('/api/checklists/import-json', { document: exported });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('checklist.draft_not_empty');

    await createId(targetAdmin, '/api/checklists/categories', { code: 'EXTRA', name: 'Лишняя зона' });
    const before = await target.ctx.db.selectFrom('checklistCategories').select('id').execute();
    const replaced = await targetAdmin.post('/api/checklists/import-json', {
      document: exported,
      replace: true,
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json().deactivated).toBe(1);
    const after = await target.ctx.db
      .selectFrom('checklistCategories')
      .select(['id', 'code', 'isActive'])
      .execute();
    expect(after).toHaveLength(before.length);
    expect(after.find((c) => c.code === 'EXTRA')?.isActive).toBe(0);
    // Matched by code: the same rows as the first import, so the draft equals version 1 again.
    const draft = (await targetAdmin.get('/api/checklists/draft')).json();
    expect(draft.hasUnpublishedChanges).toBe(false);
  });

  it('answers 400 checklist.import_invalid with the bad places for a foreign file', async () => {
    const res = await targetAdmin.post('/api/checklists/import-json', {
      document: { ...exported, snapshot: { categories: 'нет' } },
      replace: true,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('checklist.import_invalid');
    expect(res.json().error.details[0].path).toMatch(/^document\.snapshot/);
    const notOurs = await targetAdmin.post('/api/checklists/import-json', { document: { hello: 'world' } });
    expect(notOurs.statusCode).toBe(400);
  });
});
