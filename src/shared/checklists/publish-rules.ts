import type { DraftCategory, DraftField, DraftQuestion, PublishProblem } from './checklists.schema.js';
import { type ChecklistSnapshot, CRITERION_GROUPS } from './snapshot.schema.js';

export interface DraftContent {
  categories: DraftCategory[];
  objectInfoFields: DraftField[];
}

const codeKey = (code: string) => code.trim().toLocaleLowerCase('ru');

/** Reports every item whose code repeats (case-insensitively) another one of the same kind. */
function duplicateCodes(
  items: Array<{ id: number; code: string }>,
  pathOf: (id: number) => string,
  what: string,
): PublishProblem[] {
  const seen = new Map<string, string>();
  const problems: PublishProblem[] = [];
  for (const item of items) {
    const key = codeKey(item.code);
    if (!key) {
      problems.push({ path: pathOf(item.id), code: 'code_empty', message: `Укажите код (${what}).` });
      continue;
    }
    const first = seen.get(key);
    if (first === undefined) seen.set(key, item.code);
    else
      problems.push({
        path: pathOf(item.id),
        code: 'code_duplicate',
        message: `Код «${item.code}» повторяется (${what}): коды должны быть уникальными.`,
      });
  }
  return problems;
}

/**
 * The publish rules of one question, with paths relative to the question (`options`, `maxScore`,
 * `options.<i>.description`): shared by publish and by the builder form, which checks as you type.
 */
export function validateQuestion(
  q: Pick<DraftQuestion, 'type' | 'options' | 'maxScore' | 'criterionGroup'>,
): PublishProblem[] {
  const problems: PublishProblem[] = [];
  if (q.criterionGroup !== null && !(CRITERION_GROUPS as readonly string[]).includes(q.criterionGroup)) {
    problems.push({
      path: 'criterionGroup',
      code: 'criterion_group_unknown',
      message: `Неизвестная группа критериев «${q.criterionGroup}».`,
    });
  }
  if (q.type !== 'score') return problems;
  if (q.options.length === 0) {
    problems.push({
      path: 'options',
      code: 'options_missing',
      message: 'Добавьте хотя бы один вариант оценки.',
    });
    return problems;
  }
  const scores = new Set<number>();
  const descriptions = new Set<string>();
  q.options.forEach((option, index) => {
    if (scores.has(option.score)) {
      problems.push({
        path: `options.${index}.score`,
        code: 'option_score_duplicate',
        message: `Балл ${option.score} указан дважды: баллы вариантов должны различаться.`,
      });
    }
    scores.add(option.score);
    const description = option.description.trim().toLocaleLowerCase('ru');
    if (!description) {
      problems.push({
        path: `options.${index}.description`,
        code: 'option_description_empty',
        message: `Опишите, что означает балл ${option.score}.`,
      });
    } else if (descriptions.has(description)) {
      problems.push({
        path: `options.${index}.description`,
        code: 'option_description_duplicate',
        message: 'Такое описание уже есть у другого варианта: варианты должны различаться.',
      });
    }
    descriptions.add(description);
  });
  const highest = Math.max(...q.options.map((o) => o.score));
  if (q.maxScore !== highest) {
    problems.push({
      path: 'maxScore',
      code: 'max_score_mismatch',
      message:
        q.maxScore === null
          ? `Укажите максимальный балл (наивысший вариант — ${highest}).`
          : `Максимальный балл ${q.maxScore} не совпадает с наивысшим вариантом (${highest}).`,
    });
  }
  return problems;
}

/**
 * Every reason the active part of a draft cannot be published, each with a field path
 * (`categories.<id>.sections`, `questions.<id>.options`, `objectInfoFields.<id>.choices`, …) and a
 * Russian message. Empty array = publishable.
 */
export function validateDraft(draft: DraftContent): PublishProblem[] {
  const problems: PublishProblem[] = [];
  const categories = draft.categories.filter((c) => c.isActive);
  if (categories.length === 0) {
    problems.push({ path: 'categories', code: 'empty', message: 'Добавьте хотя бы одну зону с вопросами.' });
  }
  const questions = [];
  for (const category of categories) {
    const sections = category.sections.filter((s) => s.isActive);
    if (sections.length === 0) {
      problems.push({
        path: `categories.${category.id}.sections`,
        code: 'category_empty',
        message: `В зоне «${category.name}» нет ни одного активного раздела.`,
      });
    }
    for (const section of sections) {
      const active = section.questions.filter((q) => q.isActive);
      if (active.length === 0) {
        problems.push({
          path: `sections.${section.id}.questions`,
          code: 'section_empty',
          message: `В разделе «${section.title}» нет ни одного активного вопроса.`,
        });
      }
      questions.push(...active);
    }
  }

  for (const q of questions) {
    for (const p of validateQuestion(q)) problems.push({ ...p, path: `questions.${q.id}.${p.path}` });
  }

  problems.push(...duplicateCodes(categories, (id) => `categories.${id}.code`, 'зоны'));
  problems.push(...duplicateCodes(questions, (id) => `questions.${id}.code`, 'вопросы'));
  const fields = draft.objectInfoFields.filter((f) => f.isActive);
  problems.push(...duplicateCodes(fields, (id) => `objectInfoFields.${id}.code`, 'поля объекта'));
  for (const field of fields) {
    if (field.fieldType !== 'select') continue;
    const path = `objectInfoFields.${field.id}.choices`;
    if (field.choices.length === 0) {
      problems.push({ path, code: 'choices_missing', message: 'Добавьте варианты выбора для списка.' });
    } else if (
      new Set(field.choices.map((c) => c.trim().toLocaleLowerCase('ru'))).size !== field.choices.length
    ) {
      problems.push({ path, code: 'choices_duplicate', message: 'Варианты выбора повторяются.' });
    }
  }
  return problems;
}

const byPosition = <T extends { position: number; id: number }>(a: T, b: T) =>
  a.position - b.position || a.id - b.id;

/** The snapshot a publish would store: active items only, in display order. */
export function snapshotFromDraft(draft: DraftContent): ChecklistSnapshot {
  return {
    categories: draft.categories
      .filter((c) => c.isActive)
      .sort(byPosition)
      .map((c) => ({
        id: c.id,
        code: c.code,
        name: c.name,
        position: c.position,
        sections: c.sections
          .filter((s) => s.isActive)
          .sort(byPosition)
          .map((s) => ({
            id: s.id,
            title: s.title,
            description: s.description,
            position: s.position,
            questions: s.questions
              .filter((q) => q.isActive)
              .sort(byPosition)
              .map((q) => ({
                id: q.id,
                code: q.code,
                text: q.text,
                criterionGroup: q.criterionGroup,
                type: q.type,
                maxScore: q.maxScore,
                weight: q.weight,
                guideline: q.guideline,
                requiresCommentWhenReduced: q.requiresCommentWhenReduced,
                isCritical: q.isCritical,
                position: q.position,
                options: [...q.options].sort((a, b) => a.score - b.score),
              })),
          })),
      })),
    objectInfoFields: draft.objectInfoFields
      .filter((f) => f.isActive)
      .sort(byPosition)
      .map((f) => ({
        id: f.id,
        code: f.code,
        label: f.label,
        fieldType: f.fieldType,
        isRequired: f.isRequired,
        choices: f.choices,
        prefillFrom: f.prefillFrom,
        position: f.position,
      })),
  };
}

/** Number of questions of a snapshot (all types). */
export function countQuestions(snapshot: ChecklistSnapshot): number {
  return snapshot.categories.reduce((n, c) => n + c.sections.reduce((m, s) => m + s.questions.length, 0), 0);
}
