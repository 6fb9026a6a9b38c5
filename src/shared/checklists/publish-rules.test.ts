import { describe, expect, it } from 'vitest';
import type { DraftCategory, DraftQuestion } from './checklists.schema.js';
import { snapshotFromDraft, validateDraft } from './publish-rules.js';

const q = (id: number, overrides: Partial<DraftQuestion> = {}): DraftQuestion => ({
  id,
  sectionId: 1,
  code: `Q${id}`,
  text: 'Текст',
  criterionGroup: 'Комфорт',
  type: 'score',
  maxScore: 1,
  weight: 1,
  guideline: null,
  requiresCommentWhenReduced: true,
  isCritical: false,
  position: id,
  isActive: true,
  options: [
    { score: 0, description: 'нет' },
    { score: 1, description: 'да' },
  ],
  ...overrides,
});

const tree = (questions: DraftQuestion[]): { categories: DraftCategory[]; objectInfoFields: [] } => ({
  categories: [
    {
      id: 1,
      code: 'Z',
      name: 'Зона',
      position: 0,
      isActive: true,
      sections: [
        { id: 1, categoryId: 1, title: 'Раздел', description: null, position: 0, isActive: true, questions },
      ],
    },
  ],
  objectInfoFields: [],
});

describe('validateDraft', () => {
  it('accepts a correct draft', () => {
    expect(validateDraft(tree([q(1), q(2, { type: 'text', maxScore: null, options: [] })]))).toEqual([]);
  });

  it('finds duplicate option scores and an unknown criterion group', () => {
    const problems = validateDraft(
      tree([
        q(1, {
          criterionGroup: 'Прочее',
          options: [
            { score: 1, description: 'а' },
            { score: 1, description: 'б' },
          ],
        }),
      ]),
    );
    expect(problems.map((p) => p.path)).toEqual([
      'questions.1.criterionGroup',
      'questions.1.options.1.score',
    ]);
  });

  it('ignores deactivated questions and reports a section left with none active', () => {
    const problems = validateDraft(tree([q(1, { isActive: false, options: [] })]));
    expect(problems).toEqual([
      expect.objectContaining({ path: 'sections.1.questions', code: 'section_empty' }),
    ]);
  });

  it('asks for a maximum when it is missing and for an option description', () => {
    const problems = validateDraft(
      tree([q(1, { maxScore: null, options: [{ score: 1, description: ' ' }] })]),
    );
    expect(problems.map((p) => p.code)).toEqual(['option_description_empty', 'max_score_mismatch']);
  });
});

describe('snapshotFromDraft', () => {
  it('keeps active items in position order with options sorted by score', () => {
    const draft = tree([
      q(2, {
        position: 0,
        options: [
          { score: 1, description: 'да' },
          { score: 0, description: 'нет' },
        ],
      }),
      q(1, { position: 5 }),
      q(3, { position: 1, isActive: false }),
    ]);
    const snapshot = snapshotFromDraft(draft);
    const questions = snapshot.categories[0]?.sections[0]?.questions ?? [];
    expect(questions.map((x) => x.id)).toEqual([2, 1]);
    expect(questions[0]?.options.map((o) => o.score)).toEqual([0, 1]);
    expect(questions[0]).not.toHaveProperty('isActive');
  });
});
