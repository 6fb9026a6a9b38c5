import type {
  ObjectInfoField,
  SnapshotCategory,
  SnapshotQuestion,
  SnapshotSection,
} from './snapshot.schema.js';

/**
 * A checklist's content without database ids: what JSON import, spreadsheet import and the starter
 * checklist write into the draft. A `ChecklistSnapshot` is also a valid `ChecklistContent`.
 */
export type ContentQuestion = Omit<SnapshotQuestion, 'id'>;
export type ContentSection = Omit<SnapshotSection, 'id' | 'questions'> & { questions: ContentQuestion[] };
export type ContentCategory = Omit<SnapshotCategory, 'id' | 'sections'> & { sections: ContentSection[] };
export type ContentField = Omit<ObjectInfoField, 'id'>;

export interface ChecklistContent {
  categories: ContentCategory[];
  /** Omitted: the draft's object-info fields are left as they are. */
  objectInfoFields?: ContentField[];
}

/** A deep copy with every `id` key removed: for comparing checklists across installations. */
export function stripIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripIds);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) if (key !== 'id') out[key] = stripIds(v);
    return out;
  }
  return value;
}
