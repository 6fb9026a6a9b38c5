import { z } from 'zod';
import {
  ChecklistSnapshotSchema,
  CRITERION_GROUPS,
  OBJECT_INFO_FIELD_TYPES,
  ObjectInfoFieldSchema,
  QUESTION_TYPES,
  SnapshotCategorySchema,
  SnapshotQuestionSchema,
  SnapshotSectionSchema,
} from './snapshot.schema.js';

/** Catalog attributes an object-info field may be pre-filled from when an audit starts. */
export const PREFILL_SOURCES = [
  'elevator.identifier',
  'elevator.capacityKg',
  'elevator.stops',
  'elevator.entrance',
  'building.address',
  'building.city',
] as const;

export const MAX_OPTION_SCORE = 1000;

const code = z
  .string()
  .trim()
  .min(1, 'Укажите код.')
  .max(40, 'Код не длиннее 40 символов.')
  .regex(/^[\p{L}\p{N}._-]+$/u, 'Код: только буквы, цифры, точка, дефис и подчёркивание.');
const requiredText = (max: number, empty: string) =>
  z.string().trim().min(1, empty).max(max, `Не длиннее ${max} символов.`);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Не длиннее ${max} символов.`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();
const id = z.coerce.number().int().positive();

export const IdParamsSchema = z.strictObject({ id });
export const VersionNumberParamsSchema = z.strictObject({ number: z.coerce.number().int().positive() });
export const DiffParamsSchema = z.strictObject({
  a: z.coerce.number().int().positive(),
  b: z.coerce.number().int().positive(),
});

export const CriterionGroupSchema = z.enum(CRITERION_GROUPS, 'Выберите группу критериев из списка.');

export const OptionInputSchema = z.strictObject({
  score: z
    .number('Балл — целое число.')
    .int('Балл — целое число.')
    .min(0, 'Балл не может быть отрицательным.')
    .max(MAX_OPTION_SCORE, `Балл не больше ${MAX_OPTION_SCORE}.`),
  description: z.string().trim().max(1000, 'Не длиннее 1000 символов.'),
});
export type OptionInput = z.infer<typeof OptionInputSchema>;

export const CreateCategorySchema = z.strictObject({
  code,
  name: requiredText(200, 'Укажите название зоны.'),
});
export type CreateCategory = z.infer<typeof CreateCategorySchema>;
export const UpdateCategorySchema = CreateCategorySchema.partial();
export type UpdateCategory = z.infer<typeof UpdateCategorySchema>;

export const CreateSectionSchema = z.strictObject({
  categoryId: id,
  title: requiredText(300, 'Укажите название раздела.'),
  description: optionalText(2000),
});
export type CreateSection = z.infer<typeof CreateSectionSchema>;
export const UpdateSectionSchema = CreateSectionSchema.omit({ categoryId: true }).partial();
export type UpdateSection = z.infer<typeof UpdateSectionSchema>;
export const MoveSectionSchema = z.strictObject({ categoryId: id });
export const MoveQuestionSchema = z.strictObject({ sectionId: id });

const questionFields = {
  code,
  text: requiredText(2000, 'Укажите текст вопроса.'),
  type: z.enum(QUESTION_TYPES),
  criterionGroup: CriterionGroupSchema.nullable().optional(),
  maxScore: z
    .number('Максимальный балл — целое число.')
    .int('Максимальный балл — целое число.')
    .min(0)
    .max(MAX_OPTION_SCORE)
    .nullable()
    .optional(),
  weight: z
    .number('Вес — число.')
    .positive('Вес должен быть больше нуля.')
    .max(100, 'Вес не больше 100.')
    .optional(),
  guideline: optionalText(4000),
  requiresCommentWhenReduced: z.boolean().optional(),
  isCritical: z.boolean().optional(),
  options: z.array(OptionInputSchema).max(50, 'Не больше 50 вариантов.').optional(),
};
export const CreateQuestionSchema = z.strictObject({ sectionId: id, ...questionFields });
export type CreateQuestion = z.infer<typeof CreateQuestionSchema>;
export const UpdateQuestionSchema = z.strictObject(questionFields).partial();
export type UpdateQuestion = z.infer<typeof UpdateQuestionSchema>;

const fieldFields = {
  code,
  label: requiredText(200, 'Укажите название поля.'),
  fieldType: z.enum(OBJECT_INFO_FIELD_TYPES),
  isRequired: z.boolean().optional(),
  choices: z.array(z.string().trim().min(1, 'Пустой вариант выбора.').max(200)).max(100).optional(),
  prefillFrom: z.enum(PREFILL_SOURCES).nullable().optional(),
};
export const CreateObjectInfoFieldSchema = z.strictObject(fieldFields);
export type CreateObjectInfoField = z.infer<typeof CreateObjectInfoFieldSchema>;
export const UpdateObjectInfoFieldSchema = z.strictObject(fieldFields).partial();
export type UpdateObjectInfoField = z.infer<typeof UpdateObjectInfoFieldSchema>;

export const REORDER_KINDS = ['categories', 'sections', 'questions', 'objectInfoFields'] as const;
export const ReorderSchema = z.strictObject({
  kind: z.enum(REORDER_KINDS),
  /** The category (for sections) or section (for questions) whose children are ordered. */
  parentId: id.optional(),
  ids: z.array(id).min(1).max(1000),
});
export type Reorder = z.infer<typeof ReorderSchema>;

// ---- Draft tree (what the builder shows) ----

/** A draft question: the snapshot's question plus its section and whether it is still active. */
export const DraftQuestionSchema = SnapshotQuestionSchema.extend({
  sectionId: z.number().int(),
  isActive: z.boolean(),
});
export type DraftQuestion = z.infer<typeof DraftQuestionSchema>;

export const DraftSectionSchema = SnapshotSectionSchema.extend({
  categoryId: z.number().int(),
  isActive: z.boolean(),
  questions: z.array(DraftQuestionSchema),
});
export type DraftSection = z.infer<typeof DraftSectionSchema>;

export const DraftCategorySchema = SnapshotCategorySchema.extend({
  isActive: z.boolean(),
  sections: z.array(DraftSectionSchema),
});
export type DraftCategory = z.infer<typeof DraftCategorySchema>;

export const DraftFieldSchema = ObjectInfoFieldSchema.extend({ isActive: z.boolean() });
export type DraftField = z.infer<typeof DraftFieldSchema>;

export const PublishProblemSchema = z.object({ path: z.string(), code: z.string(), message: z.string() });
export type PublishProblem = z.infer<typeof PublishProblemSchema>;

export const VersionSummarySchema = z.object({
  id: z.number().int(),
  number: z.number().int(),
  publishedAt: z.string(),
  publishedBy: z.number().int(),
  publishedByName: z.string().nullable(),
  notes: z.string().nullable(),
  questionCount: z.number().int(),
});
export type VersionSummary = z.infer<typeof VersionSummarySchema>;

export const DraftTreeSchema = z.object({
  categories: z.array(DraftCategorySchema),
  objectInfoFields: z.array(DraftFieldSchema),
  /** True when the draft has no active zone and no active object-info field. */
  isEmpty: z.boolean(),
  latestVersion: VersionSummarySchema.nullable(),
  /** The draft differs from the latest published version (or nothing is published yet). */
  hasUnpublishedChanges: z.boolean(),
  /** What publishing now would refuse, so the builder can mark fields before the admin clicks. */
  problems: z.array(PublishProblemSchema),
});
export type DraftTree = z.infer<typeof DraftTreeSchema>;

export const PublishSchema = z.strictObject({ notes: optionalText(2000) });
export type Publish = z.infer<typeof PublishSchema>;

export const VersionListSchema = z.object({ items: z.array(VersionSummarySchema) });

// ---- Transfer (JSON export / import) ----

export const EXPORT_FORMAT = 'souzlift-checklist';
export const ChecklistExportSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  formatVersion: z.literal(1),
  exportedAt: z.string(),
  source: z.object({
    versionNumber: z.number().int(),
    publishedAt: z.string(),
    notes: z.string().nullable(),
  }),
  snapshot: ChecklistSnapshotSchema,
});
export type ChecklistExport = z.infer<typeof ChecklistExportSchema>;

export const ImportJsonSchema = z.strictObject({
  /** The exported file's parsed content; validated by the service for a Russian message. */
  document: z.unknown(),
  /** Replace a non-empty draft (its items are deactivated or updated, never deleted). */
  replace: z.boolean().optional(),
});

export const ImportResultSchema = z.object({
  categories: z.number().int(),
  sections: z.number().int(),
  questions: z.number().int(),
  objectInfoFields: z.number().int(),
  deactivated: z.number().int(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;
