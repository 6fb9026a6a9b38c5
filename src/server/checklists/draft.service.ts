import type {
  CreateCategory,
  CreateObjectInfoField,
  CreateQuestion,
  CreateSection,
  OptionInput,
  Reorder,
  UpdateCategory,
  UpdateObjectInfoField,
  UpdateQuestion,
  UpdateSection,
} from '../../shared/checklists/checklists.schema.js';
import type { ApiErrorDetail } from '../../shared/errors.js';
import { type Clock, isoNow } from '../clock.js';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, notFound } from '../errors.js';
import { recordEvent } from '../events/index.js';
import * as repo from './checklists.repo.js';

export interface DraftDeps {
  db: Db;
  clock: Clock;
}

export type DraftService = ReturnType<typeof createDraftService>;

type CodeTable = 'checklistCategories' | 'checklistQuestions' | 'objectInfoFields';
const ENTITY: Record<repo.DraftTable, string> = {
  checklistCategories: 'checklist_category',
  checklistSections: 'checklist_section',
  checklistQuestions: 'checklist_question',
  objectInfoFields: 'object_info_field',
};

const KIND_TABLE: Record<Reorder['kind'], repo.DraftTable> = {
  categories: 'checklistCategories',
  sections: 'checklistSections',
  questions: 'checklistQuestions',
  objectInfoFields: 'objectInfoFields',
};

const invalid = (details: ApiErrorDetail[]) =>
  new AppError('checklist.invalid', 400, details.map((d) => d.message).join(' '), details);

/** Options in score order; duplicate scores refused here because the table keeps them unique. */
function checkOptions(options: OptionInput[]): OptionInput[] {
  const seen = new Set<number>();
  const details: ApiErrorDetail[] = [];
  options.forEach((o, i) => {
    if (seen.has(o.score))
      details.push({
        path: `options.${i}.score`,
        code: 'option_score_duplicate',
        message: `Балл ${o.score} указан дважды: баллы вариантов должны различаться.`,
      });
    seen.add(o.score);
  });
  if (details.length) throw invalid(details);
  return [...options].sort((a, b) => a.score - b.score);
}

/** Admin editing of the draft tables. Every change is one transaction with one `events` row. */
export function createDraftService({ db, clock }: DraftDeps) {
  const event = (
    trx: Db,
    userId: number,
    action: string,
    table: repo.DraftTable,
    id: number,
    payload: unknown,
  ) =>
    recordEvent(trx, {
      userId,
      action,
      entityType: ENTITY[table],
      entityId: id,
      payload,
      createdAt: isoNow(clock),
    });

  async function assertCodeFree(trx: Db, table: CodeTable, code: string, selfId?: number): Promise<void> {
    const owner = await repo.findIdByCode(trx, table, code);
    if (owner === undefined || owner === selfId) return;
    const message = `Код «${code}» уже занят (возможно, отключённым элементом): выберите другой.`;
    throw new AppError('checklist.code_taken', 409, message, [{ path: 'code', code: 'code_taken', message }]);
  }

  async function need<T>(row: Promise<T | undefined>, what: string): Promise<T> {
    const found = await row;
    if (!found) throw notFound('checklist.not_found', `${what} не найден(а).`);
    return found;
  }

  const now = () => isoNow(clock);

  return {
    async createCategory(userId: number, input: CreateCategory): Promise<{ id: number }> {
      return inTransaction(db, async (trx) => {
        await assertCodeFree(trx, 'checklistCategories', input.code);
        const row = await repo.insertCategory(trx, {
          ...input,
          position: await repo.nextPosition(trx, 'checklistCategories'),
          isActive: 1,
          createdAt: now(),
          updatedAt: now(),
        });
        await event(trx, userId, 'checklist.category_created', 'checklistCategories', row.id, input);
        return { id: row.id };
      });
    },

    async updateCategory(userId: number, id: number, input: UpdateCategory): Promise<{ id: number }> {
      return inTransaction(db, async (trx) => {
        const before = await need(repo.findCategory(trx, id), 'Зона');
        if (input.code !== undefined) await assertCodeFree(trx, 'checklistCategories', input.code, id);
        await repo.updateCategory(trx, id, { ...input, updatedAt: now() });
        await event(trx, userId, 'checklist.category_updated', 'checklistCategories', id, {
          before: { code: before.code, name: before.name },
          after: input,
        });
        return { id };
      });
    },

    async createSection(userId: number, input: CreateSection): Promise<{ id: number }> {
      return inTransaction(db, async (trx) => {
        await need(repo.findCategory(trx, input.categoryId), 'Зона');
        const row = await repo.insertSection(trx, {
          categoryId: input.categoryId,
          title: input.title,
          description: input.description ?? null,
          position: await repo.nextPosition(trx, 'checklistSections', input.categoryId),
          isActive: 1,
          createdAt: now(),
          updatedAt: now(),
        });
        await event(trx, userId, 'checklist.section_created', 'checklistSections', row.id, input);
        return { id: row.id };
      });
    },

    async updateSection(userId: number, id: number, input: UpdateSection): Promise<{ id: number }> {
      return inTransaction(db, async (trx) => {
        const before = await need(repo.findSection(trx, id), 'Раздел');
        await repo.updateSection(trx, id, { ...input, updatedAt: now() });
        await event(trx, userId, 'checklist.section_updated', 'checklistSections', id, {
          before: { title: before.title, description: before.description },
          after: input,
        });
        return { id };
      });
    },

    /** Moves a section, with its questions, to the end of another zone. */
    async moveSection(userId: number, id: number, categoryId: number): Promise<{ id: number }> {
      return inTransaction(db, async (trx) => {
        const section = await need(repo.findSection(trx, id), 'Раздел');
        await need(repo.findCategory(trx, categoryId), 'Зона');
        if (section.categoryId === categoryId) return { id };
        await repo.updateSection(trx, id, {
          categoryId,
          position: await repo.nextPosition(trx, 'checklistSections', categoryId),
          updatedAt: now(),
        });
        await event(trx, userId, 'checklist.section_moved', 'checklistSections', id, {
          from: section.categoryId,
          to: categoryId,
        });
        return { id };
      });
    },

    async createQuestion(userId: number, input: CreateQuestion): Promise<{ id: number }> {
      return inTransaction(db, async (trx) => {
        await need(repo.findSection(trx, input.sectionId), 'Раздел');
        await assertCodeFree(trx, 'checklistQuestions', input.code);
        const scored = input.type === 'score';
        const options = scored ? checkOptions(input.options ?? []) : [];
        const highest = options.length ? Math.max(...options.map((o) => o.score)) : null;
        const row = await repo.insertQuestion(trx, {
          sectionId: input.sectionId,
          code: input.code,
          text: input.text,
          criterionGroup: input.criterionGroup ?? null,
          type: input.type,
          maxScore: scored ? (input.maxScore === undefined ? highest : input.maxScore) : null,
          weight: input.weight ?? 1,
          guideline: input.guideline ?? null,
          requiresCommentWhenReduced: input.requiresCommentWhenReduced === false ? 0 : 1,
          isCritical: input.isCritical ? 1 : 0,
          position: await repo.nextPosition(trx, 'checklistQuestions', input.sectionId),
          isActive: 1,
          createdAt: now(),
          updatedAt: now(),
        });
        await repo.replaceOptions(trx, row.id, options);
        await event(trx, userId, 'checklist.question_created', 'checklistQuestions', row.id, input);
        return { id: row.id };
      });
    },

    async updateQuestion(userId: number, id: number, input: UpdateQuestion): Promise<{ id: number }> {
      return inTransaction(db, async (trx) => {
        const before = await need(repo.findQuestion(trx, id), 'Вопрос');
        if (input.code !== undefined) await assertCodeFree(trx, 'checklistQuestions', input.code, id);
        const type = input.type ?? before.type;
        const { options, requiresCommentWhenReduced, isCritical, ...rest } = input;
        await repo.updateQuestion(trx, id, {
          ...rest,
          ...(requiresCommentWhenReduced === undefined
            ? {}
            : { requiresCommentWhenReduced: requiresCommentWhenReduced ? 1 : 0 }),
          ...(isCritical === undefined ? {} : { isCritical: isCritical ? 1 : 0 }),
          ...(type === 'score' ? {} : { maxScore: null }),
          updatedAt: now(),
        });
        if (type !== 'score') await repo.replaceOptions(trx, id, []);
        else if (options !== undefined) await repo.replaceOptions(trx, id, checkOptions(options));
        await event(trx, userId, 'checklist.question_updated', 'checklistQuestions', id, {
          before: { code: before.code, text: before.text, type: before.type, maxScore: before.maxScore },
          after: input,
        });
        return { id };
      });
    },

    async moveQuestion(userId: number, id: number, sectionId: number): Promise<{ id: number }> {
      return inTransaction(db, async (trx) => {
        const question = await need(repo.findQuestion(trx, id), 'Вопрос');
        await need(repo.findSection(trx, sectionId), 'Раздел');
        if (question.sectionId === sectionId) return { id };
        await repo.updateQuestion(trx, id, {
          sectionId,
          position: await repo.nextPosition(trx, 'checklistQuestions', sectionId),
          updatedAt: now(),
        });
        await event(trx, userId, 'checklist.question_moved', 'checklistQuestions', id, {
          from: question.sectionId,
          to: sectionId,
        });
        return { id };
      });
    },

    async createField(userId: number, input: CreateObjectInfoField): Promise<{ id: number }> {
      return inTransaction(db, async (trx) => {
        await assertCodeFree(trx, 'objectInfoFields', input.code);
        const row = await repo.insertField(trx, {
          code: input.code,
          label: input.label,
          fieldType: input.fieldType,
          isRequired: input.isRequired ? 1 : 0,
          choices: JSON.stringify(input.fieldType === 'select' ? (input.choices ?? []) : []),
          prefillFrom: input.prefillFrom ?? null,
          position: await repo.nextPosition(trx, 'objectInfoFields'),
          isActive: 1,
          createdAt: now(),
          updatedAt: now(),
        });
        await event(trx, userId, 'checklist.field_created', 'objectInfoFields', row.id, input);
        return { id: row.id };
      });
    },

    async updateField(userId: number, id: number, input: UpdateObjectInfoField): Promise<{ id: number }> {
      return inTransaction(db, async (trx) => {
        const before = await need(repo.findField(trx, id), 'Поле');
        if (input.code !== undefined) await assertCodeFree(trx, 'objectInfoFields', input.code, id);
        const fieldType = input.fieldType ?? before.fieldType;
        const { isRequired, choices, ...rest } = input;
        await repo.updateField(trx, id, {
          ...rest,
          ...(isRequired === undefined ? {} : { isRequired: isRequired ? 1 : 0 }),
          ...(fieldType !== 'select'
            ? { choices: '[]' }
            : choices === undefined
              ? {}
              : { choices: JSON.stringify(choices) }),
          updatedAt: now(),
        });
        await event(trx, userId, 'checklist.field_updated', 'objectInfoFields', id, {
          before: repo.toFieldDto(before),
          after: input,
        });
        return { id };
      });
    },

    /** Deactivates (never deletes: published versions and audits keep referring to the id) or reactivates. */
    async setActive(
      userId: number,
      table: repo.DraftTable,
      id: number,
      isActive: boolean,
    ): Promise<{ id: number }> {
      return inTransaction(db, async (trx) => {
        const exists = await trx.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
        if (!exists) throw notFound('checklist.not_found');
        await trx
          .updateTable(table)
          .set({ isActive: isActive ? 1 : 0, updatedAt: now() })
          .where('id', '=', id)
          .execute();
        const action = isActive ? 'activated' : 'deactivated';
        await event(
          trx,
          userId,
          `checklist.${ENTITY[table].replace(/^checklist_/, '')}_${action}`,
          table,
          id,
          {},
        );
        return { id };
      });
    },

    /** Sets explicit positions; `ids` must list every sibling exactly once. */
    async reorder(userId: number, input: Reorder): Promise<{ ids: number[] }> {
      const table = KIND_TABLE[input.kind];
      return inTransaction(db, async (trx) => {
        const siblings = await repo.siblingIds(trx, table, input.parentId);
        const given = new Set(input.ids);
        if (
          given.size !== input.ids.length ||
          siblings.length !== given.size ||
          siblings.some((s) => !given.has(s))
        )
          throw new AppError('checklist.reorder_mismatch', 409);
        await repo.setPositions(trx, table, input.ids);
        await event(trx, userId, 'checklist.reordered', table, input.parentId ?? 0, {
          kind: input.kind,
          ids: input.ids,
        });
        return { ids: input.ids };
      });
    },
  };
}
