import { z } from 'zod';

/**
 * The immutable content of a published checklist version (`checklist_versions.snapshot`). Audits pin
 * a version and are filled, scored, validated and reported against this snapshot, never against the
 * editable draft tables. Ids are the draft rows' ids (never deleted, only deactivated).
 */
export const QUESTION_TYPES = ['score', 'yes_no', 'text'] as const;
export const OBJECT_INFO_FIELD_TYPES = ['text', 'number', 'date', 'select', 'boolean'] as const;

export const CRITERION_GROUPS = [
  'Безопасность',
  'Техническое состояние',
  'Комфорт',
  'Эстетика и сервис',
  'Оповещение и освобождение',
] as const;
export type CriterionGroup = (typeof CRITERION_GROUPS)[number];

export const ScoreOptionSchema = z.object({
  score: z.number().int().min(0),
  description: z.string(),
});

export const SnapshotQuestionSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  text: z.string(),
  criterionGroup: z.string().nullable(),
  type: z.enum(QUESTION_TYPES),
  maxScore: z.number().nullable(),
  weight: z.number(),
  guideline: z.string().nullable(),
  requiresCommentWhenReduced: z.boolean(),
  isCritical: z.boolean(),
  position: z.number().int(),
  options: z.array(ScoreOptionSchema),
});
export type SnapshotQuestion = z.infer<typeof SnapshotQuestionSchema>;

export const SnapshotSectionSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  description: z.string().nullable(),
  position: z.number().int(),
  questions: z.array(SnapshotQuestionSchema),
});
export type SnapshotSection = z.infer<typeof SnapshotSectionSchema>;

export const SnapshotCategorySchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  position: z.number().int(),
  sections: z.array(SnapshotSectionSchema),
});
export type SnapshotCategory = z.infer<typeof SnapshotCategorySchema>;

export const ObjectInfoFieldSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  label: z.string(),
  fieldType: z.enum(OBJECT_INFO_FIELD_TYPES),
  isRequired: z.boolean(),
  choices: z.array(z.string()),
  /** Catalog attribute used to pre-fill: `elevator.identifier`, `elevator.capacityKg`, `elevator.stops`, … */
  prefillFrom: z.string().nullable(),
  position: z.number().int(),
});
export type ObjectInfoField = z.infer<typeof ObjectInfoFieldSchema>;

export const ChecklistSnapshotSchema = z.object({
  categories: z.array(SnapshotCategorySchema),
  objectInfoFields: z.array(ObjectInfoFieldSchema),
});
export type ChecklistSnapshot = z.infer<typeof ChecklistSnapshotSchema>;

export const ChecklistVersionDtoSchema = z.object({
  id: z.number().int(),
  number: z.number().int(),
  publishedAt: z.string(),
  publishedBy: z.number().int(),
  notes: z.string().nullable(),
  snapshot: ChecklistSnapshotSchema,
});
export type ChecklistVersionDto = z.infer<typeof ChecklistVersionDtoSchema>;

// Lives in a zod-free file so the auditor's first screen can use it without zod (issue 8).
export { flattenQuestions } from './snapshot-questions.js';
