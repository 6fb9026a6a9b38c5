import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedChecklist } from '../../src/server/checklists/index.js';
import type { DraftTree } from '../../src/shared/checklists/checklists.schema.js';
import { validateDraft } from '../../src/shared/checklists/publish-rules.js';
import {
  type ChecklistVersionDto,
  CRITERION_GROUPS,
  flattenQuestions,
} from '../../src/shared/checklists/snapshot.schema.js';
import { type ApiClient, createTestApp, type TestApp } from '../helpers/app.js';
import { createId } from '../helpers/checklist-factories.js';
import { runCli } from '../helpers/cli.js';
import { buildUser, loggedIn } from '../helpers/factories.js';

describe('starter checklist (one click)', () => {
  let t: TestApp;
  let admin: ApiClient;
  let version: ChecklistVersionDto;
  beforeAll(async () => {
    t = await createTestApp();
    admin = (await loggedIn(t, { role: 'admin' })).client;
  });
  afterAll(() => t.close());

  it('installs on an empty database and publishes version 1', async () => {
    const draft = (await admin.get('/api/checklists/draft')).json<DraftTree>();
    expect(draft.isEmpty).toBe(true);
    const res = await admin.post('/api/checklists/install-starter', {});
    expect(res.statusCode, res.body).toBe(201);
    version = res.json<ChecklistVersionDto>();
    expect(version.number).toBe(1);
  });

  it('has at least 60 graded score questions whose options say what each score means', () => {
    const questions = flattenQuestions(version.snapshot).map((x) => x.question);
    const scored = questions.filter((q) => q.type === 'score');
    expect(scored.length).toBeGreaterThanOrEqual(60);
    for (const q of scored) {
      expect(q.options.length, q.code).toBeGreaterThanOrEqual(2);
      expect(q.maxScore).toBe(Math.max(...q.options.map((o) => o.score)));
      for (const o of q.options) expect(o.description.length, q.code).toBeGreaterThan(3);
    }
    expect(new Set(scored.map((q) => q.criterionGroup))).toEqual(new Set(CRITERION_GROUPS));
    expect(scored.filter((q) => q.isCritical).length).toBeGreaterThanOrEqual(5);
    const zones = version.snapshot.categories.map((c) => c.name).join(' ');
    for (const word of [
      'Машинное',
      'Кабина',
      'Шахта',
      'Приямок',
      'двери шахты',
      'безопасности',
      'Документация',
    ])
      expect(zones).toContain(word);
    const text = questions.map((q) => q.text).join(' ');
    for (const word of ['Ловители', 'Ограничитель скорости', 'Буфера', 'Заземление', 'изоляции', 'связь'])
      expect(text).toContain(word);
  });

  it('comes with an object-info form: numbers, year, load, stops, drive type (select) and pre-fill', () => {
    const fields = new Map(version.snapshot.objectInfoFields.map((f) => [f.code, f]));
    for (const code of [
      'factory_number',
      'registration_number',
      'commissioning_year',
      'capacity_kg',
      'stops',
      'drive_type',
      'door_type',
      'maintenance_org',
      'inspection_date',
    ])
      expect(fields.has(code), code).toBe(true);
    expect(fields.get('drive_type')).toMatchObject({ fieldType: 'select', isRequired: true });
    expect(fields.get('drive_type')?.choices.length).toBeGreaterThanOrEqual(2);
    expect(fields.get('capacity_kg')).toMatchObject({
      fieldType: 'number',
      prefillFrom: 'elevator.capacityKg',
    });
    expect(fields.get('inspection_date')?.fieldType).toBe('date');
  });

  it('leaves a draft that passes publish validation and refuses a second install', async () => {
    const draft = (await admin.get('/api/checklists/draft')).json<DraftTree>();
    expect(validateDraft(draft)).toEqual([]);
    expect(draft.hasUnpublishedChanges).toBe(false);
    const again = await admin.post('/api/checklists/install-starter', {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('checklist.not_empty');
  });
});

describe('souzlift seed-checklist', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('asks for an administrator first, publishes version 1, then refuses a non-empty checklist with exit 1', async () => {
    const env = { DATA_DIR: t.dir };
    await expect(seedChecklist(t.ctx.db, t.clock, {})).rejects.toThrow(/createadmin/);

    await buildUser(t.ctx, { role: 'admin' });
    const first = runCli(['seed-checklist'], env);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('версия 1');
    const versions = await t.ctx.db.selectFrom('checklistVersions').select('number').execute();
    expect(versions).toEqual([{ number: 1 }]);

    const second = runCli(['seed-checklist'], env);
    expect(second.status).toBe(1);
    expect(second.stderr).toContain('уже заполнен');
  });

  it('with --force replaces an edited draft and publishes a new version, leaving older versions untouched', async () => {
    const admin = (await loggedIn(t, { role: 'admin' })).client;
    const extra = await createId(admin, '/api/checklists/categories', { code: 'EXTRA', name: 'Доп. зона' });
    const section = await createId(admin, '/api/checklists/sections', { categoryId: extra, title: 'Раздел' });
    await createId(admin, '/api/checklists/questions', {
      sectionId: section,
      code: 'EXTRA-1',
      text: 'Вопрос',
      type: 'text',
    });
    expect((await admin.post('/api/checklists/publish', {})).json().number).toBe(2);
    const v1 = (await admin.get('/api/checklists/versions/1')).json<ChecklistVersionDto>();
    const v2 = (await admin.get('/api/checklists/versions/2')).json<ChecklistVersionDto>();

    const forced = runCli(['seed-checklist', '--force'], { DATA_DIR: t.dir });
    expect(forced.status, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('версия 3');
    expect((await admin.get('/api/checklists/versions/1')).json()).toEqual(v1);
    expect((await admin.get('/api/checklists/versions/2')).json()).toEqual(v2);
    expect((await admin.get('/api/checklists/versions/3')).json<ChecklistVersionDto>().snapshot).toEqual(
      v1.snapshot,
    );
    const row = await t.ctx.db
      .selectFrom('checklistCategories')
      .select('isActive')
      .where('id', '=', extra)
      .executeTakeFirst();
    expect(row?.isActive).toBe(0);

    const unchanged = await seedChecklist(t.ctx.db, t.clock, { force: true });
    expect(unchanged.number).toBe(3);
  });
});
