import { describe, expect, it } from 'vitest';
import type { ChecklistSnapshot, SnapshotQuestion } from '../checklists/snapshot.schema.js';
import { validateAnswer } from './answers.js';
import { checkCompleteness } from './completeness.js';
import { prefillObjectInfo, validateObjectInfo } from './object-info.js';
import { type AuditAnswer, computeScores } from './scoring.js';

const q = (id: number, over: Partial<SnapshotQuestion> = {}): SnapshotQuestion => ({
  id,
  code: `Q${id}`,
  text: `Вопрос ${id}`,
  criterionGroup: 'Безопасность',
  type: 'score',
  maxScore: 3,
  weight: 1,
  guideline: null,
  requiresCommentWhenReduced: true,
  isCritical: false,
  position: id,
  options: [0, 1, 2, 3].map((score) => ({ score, description: `балл ${score}` })),
  ...over,
});

const snapshot: ChecklistSnapshot = {
  categories: [
    {
      id: 1,
      code: 'hall',
      name: 'Холл',
      position: 1,
      sections: [
        {
          id: 10,
          title: 'Двери',
          description: null,
          position: 1,
          questions: [
            q(1, { weight: 2, isCritical: true }),
            q(2, { criterionGroup: 'Комфорт' }),
            q(3, { type: 'yes_no', maxScore: 1, options: [], criterionGroup: 'Комфорт' }),
          ],
        },
      ],
    },
    {
      id: 2,
      code: 'car',
      name: 'Кабина',
      position: 2,
      sections: [
        {
          id: 20,
          title: 'Освещение',
          description: null,
          position: 1,
          questions: [
            q(4, {
              type: 'yes_no',
              maxScore: null,
              options: [],
              isCritical: true,
              requiresCommentWhenReduced: false,
            }),
            q(5, { type: 'text', maxScore: null, options: [] }),
            q(6, {
              maxScore: null,
              weight: 0.5,
              options: [
                { score: 0, description: '' },
                { score: 5, description: '' },
              ],
            }),
          ],
        },
      ],
    },
  ],
  objectInfoFields: [
    {
      id: 1,
      code: 'capacity',
      label: 'Грузоподъёмность',
      fieldType: 'number',
      isRequired: true,
      choices: [],
      prefillFrom: 'elevator.capacityKg',
      position: 1,
    },
    {
      id: 2,
      code: 'kind',
      label: 'Тип',
      fieldType: 'select',
      isRequired: false,
      choices: ['пассажирский', 'грузовой'],
      prefillFrom: null,
      position: 2,
    },
  ],
};

const a = (over: Partial<AuditAnswer>): AuditAnswer => ({
  score: null,
  yesNo: null,
  textValue: null,
  comment: null,
  isFlagged: false,
  ...over,
});

describe('computeScores', () => {
  it('sums chosen score × weight over the maximum of every scored question', () => {
    const answers = new Map([
      [1, a({ score: 2, comment: 'скол' })],
      [2, a({ score: 3 })],
      [3, a({ yesNo: true })],
      [4, a({ yesNo: true })],
      [6, a({ score: 5 })],
    ]);
    const s = computeScores(snapshot, answers);
    // max: 3×2 + 3 + 1 + 5×0.5 = 12.5; total: 2×2 + 3 + 1 + 2.5 = 10.5; Q4 has no max → not scored
    expect(s.max).toBe(12.5);
    expect(s.total).toBe(10.5);
    expect(s.percentage).toBe(84);
    expect(s.answered).toBe(5);
    expect(s.required).toBe(5);
  });

  it('counts «нет» as 0 and «да» as the max on yes/no questions with a maxScore', () => {
    const yes = computeScores(snapshot, new Map([[3, a({ yesNo: true })]]));
    const no = computeScores(snapshot, new Map([[3, a({ yesNo: false })]]));
    expect(yes.total).toBe(1);
    expect(no.total).toBe(0);
    expect(no.max).toBe(12.5);
  });

  it('splits the score by zone and by criterion group', () => {
    const s = computeScores(
      snapshot,
      new Map([
        [1, a({ score: 3 })],
        [2, a({ score: 1 })],
        [6, a({ score: 0 })],
      ]),
    );
    expect(s.byCategory).toEqual([
      { categoryId: 1, code: 'hall', name: 'Холл', total: 7, max: 10, percentage: 70 },
      { categoryId: 2, code: 'car', name: 'Кабина', total: 0, max: 2.5, percentage: 0 },
    ]);
    expect(s.byGroup.find((g) => g.group === 'Безопасность')).toMatchObject({ total: 6, max: 8.5 });
    expect(s.byGroup.find((g) => g.group === 'Комфорт')).toMatchObject({ total: 1, max: 4 });
  });

  it('lists critical questions answered below the maximum or «нет» as critical defects', () => {
    const s = computeScores(
      snapshot,
      new Map([
        [1, a({ score: 2 })],
        [2, a({ score: 0 })],
        [4, a({ yesNo: false })],
      ]),
    );
    expect(s.criticalDefects.map((d) => d.questionId)).toEqual([1, 4]);
    expect(s.criticalDefects[1]).toMatchObject({ categoryName: 'Кабина', yesNo: false });
    const full = computeScores(
      snapshot,
      new Map([
        [1, a({ score: 3 })],
        [4, a({ yesNo: true })],
      ]),
    );
    expect(full.criticalDefects).toEqual([]);
  });

  it('has no percentage when nothing is scored', () => {
    const s = computeScores({ categories: [], objectInfoFields: [] }, new Map());
    expect(s).toMatchObject({ total: 0, max: 0, percentage: null });
  });
});

describe('checkCompleteness', () => {
  it('names every missing required field, unanswered question and missing comment in order', () => {
    const problems = checkCompleteness(
      snapshot,
      { kind: 'грузовой' },
      new Map([
        [1, a({ score: 1 })],
        [2, a({ score: 2, comment: '  ' })],
        [3, a({ yesNo: false, comment: 'нет света' })],
        [4, a({ yesNo: false })],
      ]),
    );
    expect(problems.map((p) => [p.kind, p.path])).toEqual([
      ['required_field', 'objectInfo.capacity'],
      ['comment_required', 'responses.1'],
      ['comment_required', 'responses.2'],
      ['unanswered', 'responses.6'],
    ]);
    expect(problems[1]!.message).toContain('Q1');
  });

  it('is empty for a complete audit; text questions are optional', () => {
    const answers = new Map([1, 2, 6].map((id) => [id, a({ score: id === 6 ? 5 : 3 })]));
    answers.set(3, a({ yesNo: true }));
    answers.set(4, a({ yesNo: false }));
    expect(checkCompleteness(snapshot, { capacity: 400 }, answers)).toEqual([]);
  });
});

describe('validateAnswer', () => {
  it('rejects a score that is not one of the options, naming the question and the allowed scores', () => {
    const problems = validateAnswer(q(1), { score: 7 });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.code).toBe('invalid_score');
    expect(problems[0]!.message).toContain('0, 1, 2, 3');
    expect(validateAnswer(q(1), { score: 2 })).toEqual([]);
  });

  it('rejects a value of the wrong kind for the question', () => {
    expect(validateAnswer(q(1), { yesNo: true })[0]!.code).toBe('not_a_yes_no_question');
    expect(validateAnswer(q(3, { type: 'yes_no' }), { score: 1 })[0]!.code).toBe('not_a_score_question');
  });
});

describe('object info', () => {
  it('validates types and choices and rejects unknown fields', () => {
    const fields = snapshot.objectInfoFields;
    expect(validateObjectInfo(fields, { capacity: 400, kind: 'грузовой' })).toEqual([]);
    const codes = validateObjectInfo(fields, { capacity: 'много', kind: 'лифт', extra: 1 }).map(
      (p) => p.path,
    );
    expect(codes).toEqual(['objectInfo.capacity', 'objectInfo.kind', 'objectInfo.extra']);
  });

  it('pre-fills fields from catalog attributes', () => {
    expect(prefillObjectInfo(snapshot.objectInfoFields, { 'elevator.capacityKg': 630 })).toEqual({
      capacity: 630,
    });
  });
});
