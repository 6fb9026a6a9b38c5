import type {
  ChecklistSnapshot,
  SnapshotCategory,
  SnapshotQuestion,
  SnapshotSection,
} from './snapshot.schema.js';

/*
 * Plain functions over a snapshot, without zod: the auditor's first screen (completeness of local
 * audits) imports this, and zod stays out of its initial bundle (issue 8). snapshot.schema.ts
 * re-exports it for everyone else.
 */

/** Every question of a snapshot in display order, with its category and section. */
export function flattenQuestions(
  snapshot: ChecklistSnapshot,
): Array<{ category: SnapshotCategory; section: SnapshotSection; question: SnapshotQuestion }> {
  return snapshot.categories.flatMap((category) =>
    category.sections.flatMap((section) =>
      section.questions.map((question) => ({ category, section, question })),
    ),
  );
}
