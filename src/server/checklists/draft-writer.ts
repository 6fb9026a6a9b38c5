import type { ImportResult } from '../../shared/checklists/checklists.schema.js';
import type { ChecklistContent } from '../../shared/checklists/content.js';
import type { Db } from '../db/database.js';
import * as repo from './checklists.repo.js';

/** Codes repeated inside the content itself (they would collide on the unique columns). */
export function duplicateContentCodes(content: ChecklistContent): string[] {
  const problems: string[] = [];
  const check = (kind: string, codes: string[]) => {
    const seen = new Set<string>();
    for (const code of codes) {
      if (seen.has(code)) problems.push(`${kind}: код «${code}» повторяется`);
      seen.add(code);
    }
  };
  check(
    'зоны',
    content.categories.map((c) => c.code),
  );
  check(
    'вопросы',
    content.categories.flatMap((c) => c.sections.flatMap((s) => s.questions.map((q) => q.code))),
  );
  check(
    'поля объекта',
    (content.objectInfoFields ?? []).map((f) => f.code),
  );
  return problems;
}

/** The kinds of draft rows an import writes (also the names of its counts). */
type Kind = 'categories' | 'sections' | 'questions' | 'objectInfoFields';

/**
 * Makes the draft equal to `content` inside the caller's transaction. Rows are matched by code (zones,
 * questions, fields) or by title within the zone (sections) and updated in place, so ids stay stable
 * when an installation re-imports its own checklist; unmatched rows are deactivated, never deleted.
 * Object-info fields are left alone when the content has none (spreadsheet import).
 */
export async function writeContent(trx: Db, content: ChecklistContent, now: string): Promise<ImportResult> {
  const [categories, sections, questions, fields] = await Promise.all([
    trx.selectFrom('checklistCategories').selectAll().execute(),
    trx.selectFrom('checklistSections').selectAll().execute(),
    trx.selectFrom('checklistQuestions').selectAll().execute(),
    trx.selectFrom('objectInfoFields').selectAll().execute(),
  ]);
  const categoryByCode = new Map(categories.map((c) => [c.code, c]));
  const questionByCode = new Map(questions.map((q) => [q.code, q]));
  const fieldByCode = new Map(fields.map((f) => [f.code, f]));
  const touched: Record<Kind, Set<number>> = {
    categories: new Set<number>(),
    sections: new Set<number>(),
    questions: new Set<number>(),
    objectInfoFields: new Set<number>(),
  };
  const result: ImportResult = {
    categories: 0,
    sections: 0,
    questions: 0,
    objectInfoFields: 0,
    deactivated: 0,
  };
  /** Updates the matched row, or inserts a new one, and counts it as kept; returns the row id. */
  const keep = async (
    kind: Kind,
    existingId: number | undefined,
    update: (id: number) => Promise<unknown>,
    insert: () => Promise<{ id: number }>,
  ): Promise<number> => {
    let id = existingId;
    if (id === undefined) id = (await insert()).id;
    else await update(id);
    touched[kind].add(id);
    result[kind] += 1;
    return id;
  };

  for (const category of content.categories) {
    const values = {
      code: category.code,
      name: category.name,
      position: category.position,
      isActive: 1,
      updatedAt: now,
    };
    const existing = categoryByCode.get(category.code);
    const categoryId = await keep(
      'categories',
      existing?.id,
      (id) => repo.updateCategory(trx, id, values),
      () => repo.insertCategory(trx, { ...values, createdAt: now }),
    );

    for (const section of category.sections) {
      const sectionValues = {
        categoryId,
        title: section.title,
        description: section.description,
        position: section.position,
        isActive: 1,
        updatedAt: now,
      };
      const reuse = sections.find(
        (s) => s.categoryId === categoryId && s.title === section.title && !touched.sections.has(s.id),
      );
      const sectionId = await keep(
        'sections',
        reuse?.id,
        (id) => repo.updateSection(trx, id, sectionValues),
        () => repo.insertSection(trx, { ...sectionValues, createdAt: now }),
      );

      for (const q of section.questions) {
        const questionValues = {
          sectionId,
          code: q.code,
          text: q.text,
          criterionGroup: q.criterionGroup,
          type: q.type,
          maxScore: q.maxScore,
          weight: q.weight,
          guideline: q.guideline,
          requiresCommentWhenReduced: q.requiresCommentWhenReduced ? 1 : 0,
          isCritical: q.isCritical ? 1 : 0,
          position: q.position,
          isActive: 1,
          updatedAt: now,
        };
        const existingQuestion = questionByCode.get(q.code);
        const questionId = await keep(
          'questions',
          existingQuestion?.id,
          (id) => repo.updateQuestion(trx, id, questionValues),
          () => repo.insertQuestion(trx, { ...questionValues, createdAt: now }),
        );
        await repo.replaceOptions(trx, questionId, q.options);
      }
    }
  }

  if (content.objectInfoFields) {
    for (const f of content.objectInfoFields) {
      const values = {
        code: f.code,
        label: f.label,
        fieldType: f.fieldType,
        isRequired: f.isRequired ? 1 : 0,
        choices: JSON.stringify(f.choices),
        prefillFrom: f.prefillFrom,
        position: f.position,
        isActive: 1,
        updatedAt: now,
      };
      const existing = fieldByCode.get(f.code);
      await keep(
        'objectInfoFields',
        existing?.id,
        (id) => repo.updateField(trx, id, values),
        () => repo.insertField(trx, { ...values, createdAt: now }),
      );
    }
  }

  const leftovers: Array<[repo.DraftTable, Array<{ id: number; isActive: number }>, Set<number>]> = [
    ['checklistCategories', categories, touched.categories],
    ['checklistSections', sections, touched.sections],
    ['checklistQuestions', questions, touched.questions],
  ];
  if (content.objectInfoFields) leftovers.push(['objectInfoFields', fields, touched.objectInfoFields]);
  for (const [table, rows, kept] of leftovers) {
    const ids = rows.filter((r) => r.isActive === 1 && !kept.has(r.id)).map((r) => r.id);
    if (!ids.length) continue;
    await trx.updateTable(table).set({ isActive: 0, updatedAt: now }).where('id', 'in', ids).execute();
    result.deactivated += ids.length;
  }
  return result;
}

/** True when the draft has no active zone and no active object-info field. */
export async function isDraftEmpty(db: Db): Promise<boolean> {
  const category = await db
    .selectFrom('checklistCategories')
    .select('id')
    .where('isActive', '=', 1)
    .executeTakeFirst();
  const field = await db
    .selectFrom('objectInfoFields')
    .select('id')
    .where('isActive', '=', 1)
    .executeTakeFirst();
  return !category && !field;
}
