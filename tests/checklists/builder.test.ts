import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DraftTree, PublishProblem } from '../../src/shared/checklists/checklists.schema.js';
import type { ChecklistVersionDto } from '../../src/shared/checklists/snapshot.schema.js';
import type { ApiClient, TestApp } from '../helpers/app.js';
import { createTestApp } from '../helpers/app.js';
import { buildSmallChecklist, createId, publish } from '../helpers/checklist-factories.js';
import { loggedIn } from '../helpers/factories.js';

let t: TestApp;
let admin: ApiClient;
beforeEach(async () => {
  t = await createTestApp();
  admin = (await loggedIn(t, { role: 'admin' })).client;
});
afterEach(() => t.close());

const draftOf = async (client: ApiClient) => {
  const res = await client.get('/api/checklists/draft');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<DraftTree>();
};

describe('checklist builder permissions', () => {
  it('answers 403 to an auditor on builder endpoints but lets them read the latest version', async () => {
    await buildSmallChecklist(admin);
    expect((await publish(admin)).statusCode).toBe(201);
    const { client: auditor } = await loggedIn(t, { role: 'auditor' });

    for (const res of [
      await auditor.get('/api/checklists/draft'),
      await auditor.get('/api/checklists/versions'),
      await auditor.post('/api/checklists/categories', { code: 'X', name: 'Зона' }),
      await auditor.post('/api/checklists/publish', {}),
      await auditor.get('/api/checklists/versions/1/export'),
      await auditor.post('/api/checklists/install-starter', {}),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('auth.forbidden');
    }
    const latest = await auditor.get('/api/checklists/versions/latest');
    expect(latest.statusCode).toBe(200);
    expect(latest.json<ChecklistVersionDto>().number).toBe(1);
    expect(
      latest.json<ChecklistVersionDto>().snapshot.categories[0]?.sections[0]?.questions[0]?.options,
    ).toHaveLength(3);
  });

  it('answers 404 checklist.no_published_version before anything is published', async () => {
    const res = await admin.get('/api/checklists/versions/latest');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('checklist.no_published_version');
  });
});

describe('draft editing and publishing', () => {
  it('never changes a published version when the draft is edited', async () => {
    const ids = await buildSmallChecklist(admin);
    const v1 = (await publish(admin, 'Первая версия')).json<ChecklistVersionDto>();
    const before = (await admin.get('/api/checklists/versions/1')).json<ChecklistVersionDto>();
    expect(before.snapshot).toEqual(v1.snapshot);

    const zone2 = await createId(admin, '/api/checklists/categories', {
      code: 'MR',
      name: 'Машинное помещение',
    });
    const section2 = await createId(admin, '/api/checklists/sections', {
      categoryId: zone2,
      title: 'Лебёдка',
    });
    expect(
      (
        await admin.patch(`/api/checklists/questions/${ids.questionId}`, {
          text: 'Изменённый текст',
          options: [
            { score: 0, description: 'Плохо' },
            { score: 3, description: 'Хорошо' },
          ],
          maxScore: 3,
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await admin.post(`/api/checklists/sections/${ids.sectionId}/move`, { categoryId: zone2 })).statusCode,
    ).toBe(200);
    expect((await admin.post(`/api/checklists/sections/${section2}/deactivate`)).statusCode).toBe(200);
    expect(
      (await admin.patch(`/api/checklists/categories/${ids.categoryId}`, { name: 'Кабина (новое)' }))
        .statusCode,
    ).toBe(200);
    expect(
      (await admin.post(`/api/checklists/object-info-fields/${ids.fieldId}/deactivate`)).statusCode,
    ).toBe(200);

    const after = (await admin.get('/api/checklists/versions/1')).json<ChecklistVersionDto>();
    expect(after).toEqual(before);
    expect((await admin.get('/api/checklists/versions/latest')).json<ChecklistVersionDto>().number).toBe(1);
    const draft = await draftOf(admin);
    expect(draft.hasUnpublishedChanges).toBe(true);
    const moved = draft.categories.find((c) => c.id === zone2)?.sections.find((s) => s.id === ids.sectionId);
    expect(moved?.questions[0]?.text).toBe('Изменённый текст');
    expect(moved?.questions[0]?.options.map((o) => o.score)).toEqual([0, 3]);
  });

  it('numbers versions 1, 2, 3, refuses an unchanged draft and lists history newest first', async () => {
    const ids = await buildSmallChecklist(admin);
    expect((await publish(admin, 'v1')).json().number).toBe(1);
    const same = await publish(admin);
    expect(same.statusCode).toBe(409);
    expect(same.json().error.code).toBe('checklist.no_changes');
    await admin.patch(`/api/checklists/questions/${ids.questionId}`, {
      guideline: 'Проверить на двух этажах',
    });
    expect((await publish(admin, 'v2')).json().number).toBe(2);
    await admin.patch(`/api/checklists/sections/${ids.sectionId}`, { title: 'Двери' });
    const v3 = await publish(admin);
    expect(v3.statusCode).toBe(201);
    expect(v3.json().number).toBe(3);

    const history = (await admin.get('/api/checklists/versions')).json<{
      items: Array<Record<string, unknown>>;
    }>();
    expect(history.items.map((v) => v.number)).toEqual([3, 2, 1]);
    expect(history.items[1]).toMatchObject({ notes: 'v2', questionCount: 1 });
    expect(history.items[0]?.publishedByName).toMatch(/Тестовый/);
    expect((await draftOf(admin)).hasUnpublishedChanges).toBe(false);

    const events = await t.ctx.db
      .selectFrom('events')
      .select(['action', 'entityType'])
      .where('action', 'like', 'checklist.%')
      .execute();
    const actions = events.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'checklist.category_created',
        'checklist.section_created',
        'checklist.question_created',
        'checklist.field_created',
        'checklist.question_updated',
        'checklist.section_updated',
      ]),
    );
    expect(actions.filter((a) => a === 'checklist.published')).toHaveLength(3);
  });

  it('shows what changed between two versions', async () => {
    const ids = await buildSmallChecklist(admin);
    await publish(admin);
    await admin.patch(`/api/checklists/questions/${ids.questionId}`, {
      options: [
        { score: 0, description: 'Двери не реверсируют' },
        { score: 2, description: 'Реверс срабатывает сразу, фотозавеса исправна' },
      ],
    });
    const q2 = await createId(admin, '/api/checklists/questions', {
      sectionId: ids.sectionId,
      code: 'NEW-1',
      text: 'Освещение кабины',
      type: 'yes_no',
    });
    await admin.post(`/api/checklists/object-info-fields/${ids.fieldId}/deactivate`);
    await publish(admin);
    const res = await admin.get('/api/checklists/versions/1/diff/2');
    expect(res.statusCode).toBe(200);
    const { diff } = res.json();
    expect(diff.questions.added.map((q: { id: number }) => q.id)).toEqual([q2]);
    expect(diff.objectInfoFields.removed.map((f: { id: number }) => f.id)).toEqual([ids.fieldId]);
    const changed = diff.questions.changed[0];
    expect(changed.id).toBe(ids.questionId);
    expect(changed.options.removed).toEqual([{ score: 1, description: 'Реверс с задержкой' }]);
    expect(changed.options.changed[0]).toMatchObject({
      score: 2,
      after: 'Реверс срабатывает сразу, фотозавеса исправна',
    });
    expect((await admin.get('/api/checklists/versions/1/diff/9')).statusCode).toBe(404);
  });

  it('reorders siblings by explicit positions and refuses an incomplete list', async () => {
    const ids = await buildSmallChecklist(admin);
    const q2 = await createId(admin, '/api/checklists/questions', {
      sectionId: ids.sectionId,
      code: 'R-2',
      text: 'Второй вопрос',
      type: 'text',
    });
    const res = await admin.post('/api/checklists/reorder', {
      kind: 'questions',
      parentId: ids.sectionId,
      ids: [q2, ids.questionId],
    });
    expect(res.statusCode, res.body).toBe(200);
    const draft = await draftOf(admin);
    expect(draft.categories[0]?.sections[0]?.questions.map((q) => q.id)).toEqual([q2, ids.questionId]);
    const bad = await admin.post('/api/checklists/reorder', {
      kind: 'questions',
      parentId: ids.sectionId,
      ids: [q2],
    });
    expect(bad.statusCode).toBe(409);
    expect(bad.json().error.code).toBe('checklist.reorder_mismatch');
  });
});

describe('publish validation', () => {
  it('refuses an empty checklist with a Russian message on «categories»', async () => {
    const res = await publish(admin);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('checklist.publish_invalid');
    expect(res.json().error.details).toEqual([
      expect.objectContaining({ path: 'categories', code: 'empty' }),
    ]);
  });

  it('reports every rule with a path to the field and publishes nothing', async () => {
    const ids = await buildSmallChecklist(admin);
    const emptyZone = await createId(admin, '/api/checklists/categories', {
      code: 'EMPTY',
      name: 'Пустая зона',
    });
    const emptySection = await createId(admin, '/api/checklists/sections', {
      categoryId: ids.categoryId,
      title: 'Пустой раздел',
    });
    const noOptions = await createId(admin, '/api/checklists/questions', {
      sectionId: ids.sectionId,
      code: 'NO-OPT',
      text: 'Без вариантов',
      type: 'score',
    });
    const wrongMax = await createId(admin, '/api/checklists/questions', {
      sectionId: ids.sectionId,
      code: 'MAX',
      text: 'Неверный максимум',
      type: 'score',
      maxScore: 5,
      options: [
        { score: 0, description: 'Нет' },
        { score: 2, description: 'Да' },
      ],
    });
    const sameText = await createId(admin, '/api/checklists/questions', {
      sectionId: ids.sectionId,
      code: 'SAME',
      text: 'Одинаковые описания',
      type: 'score',
      options: [
        { score: 0, description: 'Норма' },
        { score: 1, description: 'норма ' },
      ],
    });
    const caseDuplicate = await createId(admin, '/api/checklists/questions', {
      sectionId: ids.sectionId,
      code: 'same',
      text: 'Код отличается только регистром',
      type: 'text',
    });
    const select = await createId(admin, '/api/checklists/object-info-fields', {
      code: 'drive',
      label: 'Тип привода',
      fieldType: 'select',
    });

    const res = await publish(admin);
    expect(res.statusCode).toBe(422);
    const problems = res.json<{ error: { details: PublishProblem[] } }>().error.details;
    const paths = problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        `categories.${emptyZone}.sections`,
        `sections.${emptySection}.questions`,
        `questions.${noOptions}.options`,
        `questions.${wrongMax}.maxScore`,
        `questions.${sameText}.options.1.description`,
        `questions.${caseDuplicate}.code`,
        `objectInfoFields.${select}.choices`,
      ]),
    );
    for (const p of problems) expect(p.message).toMatch(/[а-яё]/i);
    expect(problems.find((p) => p.path === `questions.${wrongMax}.maxScore`)?.message).toContain('2');
    expect((await admin.get('/api/checklists/versions')).json().items).toEqual([]);
    // The builder sees the same problems before clicking «Опубликовать».
    expect((await draftOf(admin)).problems.map((p) => p.path).sort()).toEqual([...paths].sort());
  });

  it('refuses duplicate option scores and a taken code on save, pointing at the field', async () => {
    const ids = await buildSmallChecklist(admin, 'DUP');
    const scores = await admin.post('/api/checklists/questions', {
      sectionId: ids.sectionId,
      code: 'DUP-2',
      text: 'Повтор баллов',
      type: 'score',
      options: [
        { score: 1, description: 'А' },
        { score: 1, description: 'Б' },
      ],
    });
    expect(scores.statusCode).toBe(400);
    expect(scores.json().error).toMatchObject({
      code: 'checklist.invalid',
      details: [expect.objectContaining({ path: 'options.1.score' })],
    });
    const code = await admin.post('/api/checklists/questions', {
      sectionId: ids.sectionId,
      code: 'DUP-Q1',
      text: 'Повтор кода',
      type: 'text',
    });
    expect(code.statusCode).toBe(409);
    expect(code.json().error).toMatchObject({
      code: 'checklist.code_taken',
      details: [expect.objectContaining({ path: 'code' })],
    });
    const negative = await admin.patch(`/api/checklists/questions/${ids.questionId}`, {
      options: [{ score: -1, description: 'Минус' }],
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.details[0].path).toBe('options.0.score');
  });
});
