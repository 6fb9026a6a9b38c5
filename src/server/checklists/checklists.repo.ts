import type { Insertable, Selectable, Updateable } from 'kysely';
import type {
  DraftCategory,
  DraftField,
  DraftQuestion,
  DraftSection,
} from '../../shared/checklists/checklists.schema.js';
import type {
  ChecklistCategoriesTable,
  ChecklistQuestionsTable,
  ChecklistSectionsTable,
  ChecklistVersionsTable,
  Db,
  ObjectInfoFieldsTable,
} from '../db/database.js';

export type CategoryRow = Selectable<ChecklistCategoriesTable>;
export type SectionRow = Selectable<ChecklistSectionsTable>;
export type QuestionRow = Selectable<ChecklistQuestionsTable>;
export type FieldRow = Selectable<ObjectInfoFieldsTable>;
export type VersionRow = Selectable<ChecklistVersionsTable>;

export type DraftTable =
  | 'checklistCategories'
  | 'checklistSections'
  | 'checklistQuestions'
  | 'objectInfoFields';

const byOrder = <T extends { position: number; id: number }>(a: T, b: T) =>
  a.position - b.position || a.id - b.id;

function parseChoices(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export const toFieldDto = (f: FieldRow): DraftField => ({
  id: f.id,
  code: f.code,
  label: f.label,
  fieldType: f.fieldType,
  isRequired: f.isRequired === 1,
  choices: parseChoices(f.choices),
  prefillFrom: f.prefillFrom,
  position: f.position,
  isActive: f.isActive === 1,
});

/** The whole draft (active and deactivated rows) as a tree in display order. */
export async function loadDraft(
  db: Db,
): Promise<{ categories: DraftCategory[]; objectInfoFields: DraftField[] }> {
  const [categories, sections, questions, options, fields] = await Promise.all([
    db.selectFrom('checklistCategories').selectAll().execute(),
    db.selectFrom('checklistSections').selectAll().execute(),
    db.selectFrom('checklistQuestions').selectAll().execute(),
    db.selectFrom('scoreOptions').selectAll().orderBy('score').execute(),
    db.selectFrom('objectInfoFields').selectAll().execute(),
  ]);
  const optionsOf = new Map<number, Array<{ score: number; description: string }>>();
  for (const o of options) {
    const list = optionsOf.get(o.questionId) ?? [];
    list.push({ score: o.score, description: o.description });
    optionsOf.set(o.questionId, list);
  }
  const questionsOf = new Map<number, DraftQuestion[]>();
  for (const q of questions.sort(byOrder)) {
    const list = questionsOf.get(q.sectionId) ?? [];
    list.push({
      id: q.id,
      sectionId: q.sectionId,
      code: q.code,
      text: q.text,
      criterionGroup: q.criterionGroup,
      type: q.type,
      maxScore: q.maxScore,
      weight: q.weight,
      guideline: q.guideline,
      requiresCommentWhenReduced: q.requiresCommentWhenReduced === 1,
      isCritical: q.isCritical === 1,
      position: q.position,
      isActive: q.isActive === 1,
      options: optionsOf.get(q.id) ?? [],
    });
    questionsOf.set(q.sectionId, list);
  }
  const sectionsOf = new Map<number, DraftSection[]>();
  for (const s of sections.sort(byOrder)) {
    const list = sectionsOf.get(s.categoryId) ?? [];
    list.push({
      id: s.id,
      categoryId: s.categoryId,
      title: s.title,
      description: s.description,
      position: s.position,
      isActive: s.isActive === 1,
      questions: questionsOf.get(s.id) ?? [],
    });
    sectionsOf.set(s.categoryId, list);
  }
  return {
    categories: categories.sort(byOrder).map((c) => ({
      id: c.id,
      code: c.code,
      name: c.name,
      position: c.position,
      isActive: c.isActive === 1,
      sections: sectionsOf.get(c.id) ?? [],
    })),
    objectInfoFields: fields.sort(byOrder).map(toFieldDto),
  };
}

export function findCategory(db: Db, id: number): Promise<CategoryRow | undefined> {
  return db.selectFrom('checklistCategories').selectAll().where('id', '=', id).executeTakeFirst();
}
export function findSection(db: Db, id: number): Promise<SectionRow | undefined> {
  return db.selectFrom('checklistSections').selectAll().where('id', '=', id).executeTakeFirst();
}
export function findQuestion(db: Db, id: number): Promise<QuestionRow | undefined> {
  return db.selectFrom('checklistQuestions').selectAll().where('id', '=', id).executeTakeFirst();
}
export function findField(db: Db, id: number): Promise<FieldRow | undefined> {
  return db.selectFrom('objectInfoFields').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findIdByCode(
  db: Db,
  table: 'checklistCategories' | 'checklistQuestions' | 'objectInfoFields',
  code: string,
): Promise<number | undefined> {
  const row = await db.selectFrom(table).select('id').where('code', '=', code).executeTakeFirst();
  return row?.id;
}

/** Next free position among siblings (sections of a category, questions of a section, or all rows). */
export async function nextPosition(db: Db, table: DraftTable, parentId?: number): Promise<number> {
  let row: { p: number | null } | undefined;
  if (table === 'checklistSections')
    row = await db
      .selectFrom('checklistSections')
      .select((eb) => eb.fn.max<number | null>('position').as('p'))
      .where('categoryId', '=', parentId ?? -1)
      .executeTakeFirst();
  else if (table === 'checklistQuestions')
    row = await db
      .selectFrom('checklistQuestions')
      .select((eb) => eb.fn.max<number | null>('position').as('p'))
      .where('sectionId', '=', parentId ?? -1)
      .executeTakeFirst();
  else
    row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.max<number | null>('position').as('p'))
      .executeTakeFirst();
  return row?.p === null || row?.p === undefined ? 0 : Number(row.p) + 1;
}

export function insertCategory(db: Db, row: Insertable<ChecklistCategoriesTable>): Promise<CategoryRow> {
  return db.insertInto('checklistCategories').values(row).returningAll().executeTakeFirstOrThrow();
}
export function updateCategory(db: Db, id: number, patch: Updateable<ChecklistCategoriesTable>) {
  return db.updateTable('checklistCategories').set(patch).where('id', '=', id).execute();
}
export function insertSection(db: Db, row: Insertable<ChecklistSectionsTable>): Promise<SectionRow> {
  return db.insertInto('checklistSections').values(row).returningAll().executeTakeFirstOrThrow();
}
export function updateSection(db: Db, id: number, patch: Updateable<ChecklistSectionsTable>) {
  return db.updateTable('checklistSections').set(patch).where('id', '=', id).execute();
}
export function insertQuestion(db: Db, row: Insertable<ChecklistQuestionsTable>): Promise<QuestionRow> {
  return db.insertInto('checklistQuestions').values(row).returningAll().executeTakeFirstOrThrow();
}
export function updateQuestion(db: Db, id: number, patch: Updateable<ChecklistQuestionsTable>) {
  return db.updateTable('checklistQuestions').set(patch).where('id', '=', id).execute();
}
export function insertField(db: Db, row: Insertable<ObjectInfoFieldsTable>): Promise<FieldRow> {
  return db.insertInto('objectInfoFields').values(row).returningAll().executeTakeFirstOrThrow();
}
export function updateField(db: Db, id: number, patch: Updateable<ObjectInfoFieldsTable>) {
  return db.updateTable('objectInfoFields').set(patch).where('id', '=', id).execute();
}

/** Score options are owned by their question and carry no identity: replaced as a whole. */
export async function replaceOptions(
  db: Db,
  questionId: number,
  options: Array<{ score: number; description: string }>,
): Promise<void> {
  await db.deleteFrom('scoreOptions').where('questionId', '=', questionId).execute();
  if (options.length)
    await db
      .insertInto('scoreOptions')
      .values(options.map((o) => ({ questionId, score: o.score, description: o.description })))
      .execute();
}

export async function setPositions(db: Db, table: DraftTable, ids: number[]): Promise<void> {
  for (const [position, id] of ids.entries()) {
    await db.updateTable(table).set({ position }).where('id', '=', id).execute();
  }
}

export async function siblingIds(db: Db, table: DraftTable, parentId: number | undefined): Promise<number[]> {
  if (table === 'checklistSections')
    return (
      await db
        .selectFrom('checklistSections')
        .select('id')
        .where('categoryId', '=', parentId ?? -1)
        .execute()
    ).map((r) => r.id);
  if (table === 'checklistQuestions')
    return (
      await db
        .selectFrom('checklistQuestions')
        .select('id')
        .where('sectionId', '=', parentId ?? -1)
        .execute()
    ).map((r) => r.id);
  return (await db.selectFrom(table).select('id').execute()).map((r) => r.id);
}

// ---- versions ----

export function latestVersion(db: Db): Promise<VersionRow | undefined> {
  return db.selectFrom('checklistVersions').selectAll().orderBy('number', 'desc').limit(1).executeTakeFirst();
}
export function versionByNumber(db: Db, number: number): Promise<VersionRow | undefined> {
  return db.selectFrom('checklistVersions').selectAll().where('number', '=', number).executeTakeFirst();
}
export function versionById(db: Db, id: number): Promise<VersionRow | undefined> {
  return db.selectFrom('checklistVersions').selectAll().where('id', '=', id).executeTakeFirst();
}
export function listVersions(db: Db) {
  return db
    .selectFrom('checklistVersions')
    .leftJoin('users', 'users.id', 'checklistVersions.publishedBy')
    .select([
      'checklistVersions.id',
      'checklistVersions.number',
      'checklistVersions.publishedAt',
      'checklistVersions.publishedBy',
      'checklistVersions.notes',
      'checklistVersions.snapshot',
      'users.fullName as publishedByName',
    ])
    .orderBy('checklistVersions.number', 'desc')
    .execute();
}
export function userName(db: Db, id: number): Promise<string | null> {
  return db
    .selectFrom('users')
    .select('fullName')
    .where('id', '=', id)
    .executeTakeFirst()
    .then((r) => r?.fullName ?? null);
}
export function insertVersion(db: Db, row: Insertable<ChecklistVersionsTable>): Promise<VersionRow> {
  return db.insertInto('checklistVersions').values(row).returningAll().executeTakeFirstOrThrow();
}
