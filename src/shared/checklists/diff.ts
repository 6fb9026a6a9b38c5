import { z } from 'zod';
import type { ChecklistSnapshot, ScoreOptionSchema } from './snapshot.schema.js';

type ScoreOption = z.infer<typeof ScoreOptionSchema>;

const ValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);
export const FieldChangeSchema = z.object({ field: z.string(), before: ValueSchema, after: ValueSchema });
export type FieldChange = z.infer<typeof FieldChangeSchema>;

export const ItemRefSchema = z.object({
  id: z.number().int(),
  code: z.string().nullable(),
  label: z.string(),
});
export type ItemRef = z.infer<typeof ItemRefSchema>;

const OptionSchema = z.object({ score: z.number(), description: z.string() });
export const OptionsDiffSchema = z.object({
  added: z.array(OptionSchema),
  removed: z.array(OptionSchema),
  changed: z.array(z.object({ score: z.number(), before: z.string(), after: z.string() })),
});
export type OptionsDiff = z.infer<typeof OptionsDiffSchema>;

export const ItemChangeSchema = ItemRefSchema.extend({
  changes: z.array(FieldChangeSchema),
  options: OptionsDiffSchema.optional(),
});
export type ItemChange = z.infer<typeof ItemChangeSchema>;

const KindDiffSchema = z.object({
  added: z.array(ItemRefSchema),
  removed: z.array(ItemRefSchema),
  changed: z.array(ItemChangeSchema),
});
export type KindDiff = z.infer<typeof KindDiffSchema>;

export const SnapshotDiffSchema = z.object({
  categories: KindDiffSchema,
  sections: KindDiffSchema,
  questions: KindDiffSchema,
  objectInfoFields: KindDiffSchema,
  isEmpty: z.boolean(),
});
export type SnapshotDiff = z.infer<typeof SnapshotDiffSchema>;

export const VersionDiffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  diff: SnapshotDiffSchema,
});

type Value = z.infer<typeof ValueSchema>;
type Flat = { ref: ItemRef; values: Record<string, Value>; options?: ScoreOption[] };

function sameValue(a: Value, b: Value): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

function flatten(
  snapshot: ChecklistSnapshot,
): Record<keyof Omit<SnapshotDiff, 'isEmpty'>, Map<number, Flat>> {
  const categories = new Map<number, Flat>();
  const sections = new Map<number, Flat>();
  const questions = new Map<number, Flat>();
  const objectInfoFields = new Map<number, Flat>();
  snapshot.categories.forEach((c) => {
    categories.set(c.id, {
      ref: { id: c.id, code: c.code, label: c.name },
      values: { code: c.code, name: c.name, position: c.position },
    });
    c.sections.forEach((s) => {
      sections.set(s.id, {
        ref: { id: s.id, code: null, label: s.title },
        values: { title: s.title, description: s.description, category: c.name, position: s.position },
      });
      s.questions.forEach((q) => {
        questions.set(q.id, {
          ref: { id: q.id, code: q.code, label: q.text },
          values: {
            code: q.code,
            text: q.text,
            type: q.type,
            criterionGroup: q.criterionGroup,
            maxScore: q.maxScore,
            weight: q.weight,
            guideline: q.guideline,
            requiresCommentWhenReduced: q.requiresCommentWhenReduced,
            isCritical: q.isCritical,
            section: s.title,
            position: q.position,
          },
          options: q.options,
        });
      });
    });
  });
  snapshot.objectInfoFields.forEach((f) => {
    objectInfoFields.set(f.id, {
      ref: { id: f.id, code: f.code, label: f.label },
      values: {
        code: f.code,
        label: f.label,
        fieldType: f.fieldType,
        isRequired: f.isRequired,
        choices: f.choices,
        prefillFrom: f.prefillFrom,
        position: f.position,
      },
    });
  });
  return { categories, sections, questions, objectInfoFields };
}

function diffOptions(before: ScoreOption[], after: ScoreOption[]): OptionsDiff {
  const old = new Map(before.map((o) => [o.score, o.description]));
  const now = new Map(after.map((o) => [o.score, o.description]));
  return {
    added: after.filter((o) => !old.has(o.score)),
    removed: before.filter((o) => !now.has(o.score)),
    changed: after
      .filter((o) => old.has(o.score) && old.get(o.score) !== o.description)
      .map((o) => ({ score: o.score, before: old.get(o.score) ?? '', after: o.description })),
  };
}

function diffKind(before: Map<number, Flat>, after: Map<number, Flat>): KindDiff {
  const result: KindDiff = { added: [], removed: [], changed: [] };
  for (const [id, item] of after) if (!before.has(id)) result.added.push(item.ref);
  for (const [id, item] of before) if (!after.has(id)) result.removed.push(item.ref);
  for (const [id, now] of after) {
    const old = before.get(id);
    if (!old) continue;
    const changes: FieldChange[] = [];
    for (const field of Object.keys(now.values)) {
      const a = old.values[field] ?? null;
      const b = now.values[field] ?? null;
      if (!sameValue(a, b)) changes.push({ field, before: a, after: b });
    }
    const options = now.options && old.options ? diffOptions(old.options, now.options) : undefined;
    const optionsChanged =
      options && (options.added.length || options.removed.length || options.changed.length);
    if (changes.length || optionsChanged) {
      result.changed.push(optionsChanged ? { ...now.ref, changes, options } : { ...now.ref, changes });
    }
  }
  return result;
}

/**
 * What changed from snapshot `before` to snapshot `after`, matched by id (ids of draft rows are stable
 * across versions of one installation): added, removed and changed zones, sections, questions (with
 * their score options) and object-info fields. A `position` change means the item was reordered.
 */
export function diffSnapshots(before: ChecklistSnapshot, after: ChecklistSnapshot): SnapshotDiff {
  const a = flatten(before);
  const b = flatten(after);
  const diff = {
    categories: diffKind(a.categories, b.categories),
    sections: diffKind(a.sections, b.sections),
    questions: diffKind(a.questions, b.questions),
    objectInfoFields: diffKind(a.objectInfoFields, b.objectInfoFields),
  };
  const isEmpty = Object.values(diff).every((k) => !k.added.length && !k.removed.length && !k.changed.length);
  return { ...diff, isEmpty };
}
