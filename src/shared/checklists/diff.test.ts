import { describe, expect, it } from 'vitest';
import { diffSnapshots } from './diff.js';
import type { ChecklistSnapshot, SnapshotQuestion } from './snapshot.schema.js';

const question = (id: number, overrides: Partial<SnapshotQuestion> = {}): SnapshotQuestion => ({
  id,
  code: `Q${id}`,
  text: `Вопрос ${id}`,
  criterionGroup: 'Безопасность',
  type: 'score',
  maxScore: 2,
  weight: 1,
  guideline: null,
  requiresCommentWhenReduced: true,
  isCritical: false,
  position: id,
  options: [
    { score: 0, description: 'плохо' },
    { score: 1, description: 'средне' },
    { score: 2, description: 'хорошо' },
  ],
  ...overrides,
});

const snapshot = (
  questions: SnapshotQuestion[],
  fields: ChecklistSnapshot['objectInfoFields'] = [],
): ChecklistSnapshot => ({
  categories: [
    {
      id: 1,
      code: 'CAR',
      name: 'Кабина',
      position: 0,
      sections: [{ id: 10, title: 'Двери', description: null, position: 0, questions }],
    },
  ],
  objectInfoFields: fields,
});

const field = (id: number, choices: string[]) => ({
  id,
  code: `f${id}`,
  label: 'Тип привода',
  fieldType: 'select' as const,
  isRequired: false,
  choices,
  prefillFrom: null,
  position: 0,
});

describe('diffSnapshots', () => {
  it('is empty for equal snapshots', () => {
    const diff = diffSnapshots(snapshot([question(1)]), snapshot([question(1)]));
    expect(diff.isEmpty).toBe(true);
    expect(diff.questions).toEqual({ added: [], removed: [], changed: [] });
  });

  it('lists added and removed questions by id', () => {
    const diff = diffSnapshots(snapshot([question(1), question(2)]), snapshot([question(1), question(3)]));
    expect(diff.questions.added).toEqual([{ id: 3, code: 'Q3', label: 'Вопрос 3' }]);
    expect(diff.questions.removed).toEqual([{ id: 2, code: 'Q2', label: 'Вопрос 2' }]);
    expect(diff.isEmpty).toBe(false);
  });

  it('reports changed fields with before/after and option changes by score', () => {
    const after = question(1, {
      text: 'Новый текст',
      isCritical: true,
      maxScore: 3,
      options: [
        { score: 0, description: 'плохо' },
        { score: 2, description: 'нормально' },
        { score: 3, description: 'отлично' },
      ],
    });
    const [change] = diffSnapshots(snapshot([question(1)]), snapshot([after])).questions.changed;
    expect(change?.changes).toEqual([
      { field: 'text', before: 'Вопрос 1', after: 'Новый текст' },
      { field: 'maxScore', before: 2, after: 3 },
      { field: 'isCritical', before: false, after: true },
    ]);
    expect(change?.options).toEqual({
      added: [{ score: 3, description: 'отлично' }],
      removed: [{ score: 1, description: 'средне' }],
      changed: [{ score: 2, before: 'хорошо', after: 'нормально' }],
    });
  });

  it('reports a reordered question, a renamed zone and changed field choices', () => {
    const before = snapshot([question(1)], [field(5, ['А', 'Б'])]);
    const after = snapshot([question(1, { position: 7 })], [field(5, ['А', 'В'])]);
    after.categories[0]!.name = 'Кабина лифта';
    const diff = diffSnapshots(before, after);
    expect(diff.questions.changed[0]?.changes).toEqual([{ field: 'position', before: 1, after: 7 }]);
    expect(diff.categories.changed[0]?.changes).toEqual([
      { field: 'name', before: 'Кабина', after: 'Кабина лифта' },
    ]);
    expect(diff.sections.changed[0]?.changes).toEqual([
      { field: 'category', before: 'Кабина', after: 'Кабина лифта' },
    ]);
    expect(diff.objectInfoFields.changed[0]?.changes).toEqual([
      { field: 'choices', before: ['А', 'Б'], after: ['А', 'В'] },
    ]);
  });
});
