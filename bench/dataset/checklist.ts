import type Database from 'better-sqlite3';
import type {
  DraftCategory,
  DraftField,
  DraftQuestion,
} from '../../src/shared/checklists/checklists.schema.js';
import { snapshotFromDraft, validateDraft } from '../../src/shared/checklists/publish-rules.js';
import {
  type ChecklistSnapshot,
  ChecklistSnapshotSchema,
  CRITERION_GROUPS,
} from '../../src/shared/checklists/snapshot.schema.js';
import type { Prng } from '../lib/prng.js';
import { QUESTION_OBJECTS, QUESTION_SUBJECTS, ZONES } from './names.js';

const OPTION_WORDS = [
  'Неудовлетворительно',
  'Плохо',
  'Удовлетворительно',
  'Хорошо',
  'Очень хорошо',
  'Отлично',
];

function buildQuestion(
  rng: Prng,
  id: number,
  sectionId: number,
  index: number,
  position: number,
): DraftQuestion {
  const kind = index % 25 === 24 ? 'text' : index % 10 === 7 ? 'yes_no' : 'score';
  const max = kind === 'score' ? (rng.chance(0.6) ? 3 : 5) : kind === 'yes_no' && index % 20 === 7 ? 2 : null;
  const options =
    kind === 'score'
      ? Array.from({ length: max! + 1 }, (_, score) => ({
          score,
          description: `${OPTION_WORDS[Math.round((score / max!) * 5)]} (${score})`,
        }))
      : [];
  return {
    id,
    sectionId,
    code: `Q${String(index + 1).padStart(3, '0')}`,
    text: `${rng.pick(QUESTION_SUBJECTS)} ${rng.pick(QUESTION_OBJECTS)} (п. ${index + 1})`,
    criterionGroup: rng.pick(CRITERION_GROUPS),
    type: kind,
    maxScore: max,
    weight: index % 12 === 0 ? 2 : 1,
    guideline: rng.chance(0.3) ? 'Проверить визуально и в работе, сравнить с паспортом лифта.' : null,
    requiresCommentWhenReduced: index % 30 !== 29,
    isCritical: index % 12 === 0,
    position,
    isActive: true,
    options,
  } as DraftQuestion;
}

const FIELDS: DraftField[] = [
  {
    code: 'reg_number',
    label: 'Регистрационный номер',
    fieldType: 'text',
    isRequired: true,
    choices: [],
    prefillFrom: 'elevator.identifier',
  },
  {
    code: 'capacity',
    label: 'Грузоподъёмность, кг',
    fieldType: 'number',
    isRequired: true,
    choices: [],
    prefillFrom: 'elevator.capacityKg',
  },
  {
    code: 'manufacturer',
    label: 'Изготовитель',
    fieldType: 'select',
    isRequired: false,
    choices: ['ЩЛЗ', 'КМЗ', 'OTIS', 'KONE', 'Другой'],
    prefillFrom: null,
  },
  {
    code: 'commissioned',
    label: 'Дата ввода в эксплуатацию',
    fieldType: 'date',
    isRequired: false,
    choices: [],
    prefillFrom: null,
  },
  {
    code: 'has_dispatch',
    label: 'Подключён к диспетчерской',
    fieldType: 'boolean',
    isRequired: true,
    choices: [],
    prefillFrom: null,
  },
].map((f, i) => ({ ...f, id: i + 1, position: i + 1, isActive: true }) as DraftField);

export interface BuiltChecklist {
  snapshot: ChecklistSnapshot;
  categories: DraftCategory[];
  fields: DraftField[];
}

/** A draft with `questionCount` questions spread over the lift's zones, published as version 1. */
export function buildChecklist(rng: Prng, questionCount: number): BuiltChecklist {
  const sections = ZONES.flatMap((z, zi) => z.sections.map((title, si) => ({ zi, si, title })));
  let sectionId = 0;
  let questionId = 0;
  const categories: DraftCategory[] = ZONES.map((zone, zi) => ({
    id: zi + 1,
    code: zone.code,
    name: zone.name,
    position: zi + 1,
    isActive: true,
    sections: [],
  }));
  const perSection = sections.map(() => [] as number[]);
  for (let q = 0; q < questionCount; q++)
    perSection[Math.floor((q * sections.length) / questionCount)]!.push(q);
  sections.forEach((s, i) => {
    const indexes = perSection[i]!;
    if (!indexes.length) return;
    sectionId += 1;
    const id = sectionId;
    categories[s.zi]!.sections.push({
      id,
      categoryId: s.zi + 1,
      title: s.title,
      description: null,
      position: s.si + 1,
      isActive: true,
      questions: indexes.map((index, position) => buildQuestion(rng, ++questionId, id, index, position + 1)),
    });
  });
  const used = categories.filter((c) => c.sections.length > 0);
  const draft = { categories: used, objectInfoFields: FIELDS };
  const problems = validateDraft(draft);
  if (problems.length) throw new Error(`generated checklist is not publishable: ${JSON.stringify(problems)}`);
  return {
    snapshot: ChecklistSnapshotSchema.parse(snapshotFromDraft(draft)),
    categories: used,
    fields: FIELDS,
  };
}

/** Inserts the draft rows (same ids as the snapshot) and the published version. */
export function insertChecklist(
  sqlite: Database.Database,
  built: BuiltChecklist,
  adminId: number,
  at: string,
): number {
  const cat = sqlite.prepare(
    'insert into checklist_categories (id, code, name, position, is_active, created_at, updated_at) values (?, ?, ?, ?, 1, ?, ?)',
  );
  const sec = sqlite.prepare(
    'insert into checklist_sections (id, category_id, title, description, position, is_active, created_at, updated_at) values (?, ?, ?, ?, ?, 1, ?, ?)',
  );
  const que = sqlite.prepare(
    `insert into checklist_questions (id, section_id, code, text, criterion_group, type, max_score, weight, guideline,
       requires_comment_when_reduced, is_critical, position, is_active, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  const opt = sqlite.prepare('insert into score_options (question_id, score, description) values (?, ?, ?)');
  const fld = sqlite.prepare(
    `insert into object_info_fields (id, code, label, field_type, is_required, choices, prefill_from, position, is_active, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  const ver = sqlite.prepare(
    'insert into checklist_versions (number, snapshot, published_by, published_at, notes) values (1, ?, ?, ?, ?)',
  );
  const run = sqlite.transaction(() => {
    for (const c of built.categories) {
      cat.run(c.id, c.code, c.name, c.position, at, at);
      for (const s of c.sections) {
        sec.run(s.id, c.id, s.title, s.description, s.position, at, at);
        for (const q of s.questions) {
          que.run(
            q.id,
            s.id,
            q.code,
            q.text,
            q.criterionGroup,
            q.type,
            q.maxScore,
            q.weight,
            q.guideline,
            q.requiresCommentWhenReduced ? 1 : 0,
            q.isCritical ? 1 : 0,
            q.position,
            at,
            at,
          );
          for (const o of q.options) opt.run(q.id, o.score, o.description);
        }
      }
    }
    for (const f of built.fields) {
      fld.run(
        f.id,
        f.code,
        f.label,
        f.fieldType,
        f.isRequired ? 1 : 0,
        JSON.stringify(f.choices),
        f.prefillFrom,
        f.position,
        at,
        at,
      );
    }
    return Number(
      ver.run(JSON.stringify(built.snapshot), adminId, at, 'Набор данных для нагрузочных тестов')
        .lastInsertRowid,
    );
  });
  return run();
}
