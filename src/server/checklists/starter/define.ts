import type { ContentCategory, ContentQuestion, ContentSection } from '../../../shared/checklists/content.js';
import type { CriterionGroup } from '../../../shared/checklists/snapshot.schema.js';

type Option = [score: number, description: string];
type Draft<T> = Omit<T, 'position'>;

/** A graded score question; its maximum is the highest option. */
export function score(
  code: string,
  text: string,
  group: CriterionGroup,
  options: Option[],
  extra: { critical?: boolean; guideline?: string; weight?: number } = {},
): Draft<ContentQuestion> {
  return {
    code,
    text,
    criterionGroup: group,
    type: 'score',
    maxScore: Math.max(...options.map(([s]) => s)),
    weight: extra.weight ?? 1,
    guideline: extra.guideline ?? null,
    requiresCommentWhenReduced: true,
    isCritical: extra.critical ?? false,
    options: options.map(([s, description]) => ({ score: s, description })),
  };
}

export function yesNo(
  code: string,
  text: string,
  group: CriterionGroup,
  guideline?: string,
): Draft<ContentQuestion> {
  return {
    code,
    text,
    criterionGroup: group,
    type: 'yes_no',
    maxScore: null,
    weight: 1,
    guideline: guideline ?? null,
    requiresCommentWhenReduced: true,
    isCritical: false,
    options: [],
  };
}

export function note(code: string, text: string, guideline?: string): Draft<ContentQuestion> {
  return {
    code,
    text,
    criterionGroup: null,
    type: 'text',
    maxScore: null,
    weight: 1,
    guideline: guideline ?? null,
    requiresCommentWhenReduced: false,
    isCritical: false,
    options: [],
  };
}

export function section(
  title: string,
  description: string | null,
  questions: Array<Draft<ContentQuestion>>,
): Draft<ContentSection> {
  return { title, description, questions: questions.map((q, position) => ({ ...q, position })) };
}

export function zone(
  code: string,
  name: string,
  sections: Array<Draft<ContentSection>>,
): Draft<ContentCategory> {
  return { code, name, sections: sections.map((s, position) => ({ ...s, position })) };
}
