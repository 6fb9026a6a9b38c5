import { z } from 'zod';
import type { ContentCategory } from './content.js';
import { CRITERION_GROUPS, type CriterionGroup, QUESTION_TYPES } from './snapshot.schema.js';

/**
 * Parser of the customer's checklist spreadsheet (see issue 3 §4), on a 2-D array of cell strings so
 * it knows nothing about CSV or XLSX. Columns: «А» (block/zone name on the block's first row),
 * «Уровень» (criterion group), «Параметры» (numbered question), «Дата осмотра» (ignored),
 * «Результат» (score range `0-2`, empty when unscored), «Критерии» (every option in one cell:
 * `0 - text   1 - text`), «Максимальный балл» (the block's total). Blank rows separate blocks.
 * Nothing is thrown: every doubt becomes a problem bound to a row (1-based, as the spreadsheet shows).
 */

export const SpreadsheetProblemSchema = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  /** `error`: the row is not imported; `warning`: imported with the correction described. */
  severity: z.enum(['error', 'warning']),
  message: z.string(),
});
export type SpreadsheetProblem = z.infer<typeof SpreadsheetProblemSchema>;

export const ParsedQuestionSchema = z.object({
  row: z.number().int(),
  number: z.number().int().nullable(),
  text: z.string(),
  criterionGroup: z.enum(CRITERION_GROUPS).nullable(),
  type: z.enum(QUESTION_TYPES),
  maxScore: z.number().int().nullable(),
  guideline: z.string().nullable(),
  options: z.array(z.object({ score: z.number().int(), description: z.string() })),
});
export type ParsedQuestion = z.infer<typeof ParsedQuestionSchema>;

export const ParsedBlockSchema = z.object({
  index: z.number().int(),
  row: z.number().int(),
  name: z.string().nullable(),
  declaredTotal: z.number().nullable(),
  questions: z.array(ParsedQuestionSchema),
});
export type ParsedBlock = z.infer<typeof ParsedBlockSchema>;

export const SpreadsheetParseResultSchema = z.object({
  blocks: z.array(ParsedBlockSchema),
  problems: z.array(SpreadsheetProblemSchema),
  /** Indexes of blocks without a name in «А»: the importer must ask for one. */
  unnamedBlocks: z.array(z.number().int()),
});
export type SpreadsheetParseResult = z.infer<typeof SpreadsheetParseResultSchema>;

type Column = 'zone' | 'level' | 'params' | 'date' | 'result' | 'criteria' | 'total';
const COLUMN_TITLES: Record<Column, string> = {
  zone: 'А',
  level: 'Уровень',
  params: 'Параметры',
  date: 'Дата осмотра',
  result: 'Результат',
  criteria: 'Критерии',
  total: 'Максимальный балл',
};

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const norm = (s: string) => squash(s.toLocaleLowerCase('ru').replaceAll('ё', 'е'));

function headerColumn(cell: string): Column | null {
  const h = norm(cell).replace(/[.:]+$/, '');
  if (h.length > 40) return null; // a question or a note, not a column title
  if (h === 'а' || h === 'a' || h === 'зона' || h === 'блок') return 'zone';
  if (h.startsWith('уровень')) return 'level';
  if (h.startsWith('параметр')) return 'params';
  if (h.startsWith('дата')) return 'date';
  if (h.startsWith('результат')) return 'result';
  if (h.startsWith('критери')) return 'criteria';
  if (h.startsWith('максимальн') || h.startsWith('макс')) return 'total';
  return null;
}

function findHeader(rows: string[][]): { index: number; columns: Partial<Record<Column, number>> } | null {
  for (let i = 0; i < Math.min(rows.length, 30); i++) {
    const columns: Partial<Record<Column, number>> = {};
    (rows[i] ?? []).forEach((cell, c) => {
      const col = headerColumn(cell ?? '');
      if (col && columns[col] === undefined) columns[col] = c;
    });
    // «Параметры» plus at least two other titles: a question mentioning «параметры» is not a header.
    if (columns.params !== undefined && Object.keys(columns).length >= 3) {
      // The block column is often left without a title: then it is the first column.
      if (columns.zone === undefined && !Object.values(columns).includes(0)) columns.zone = 0;
      return { index: i, columns };
    }
  }
  return null;
}

const groupKey = (s: string) =>
  norm(s)
    .replace(/[^\p{L}\s]/gu, ' ')
    .split(' ')
    .filter((w) => w && w !== 'и')
    .join(' ');
const GROUP_KEYS = new Map<string, CriterionGroup>(CRITERION_GROUPS.map((g) => [groupKey(g), g]));

function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** Maps a «Уровень» cell to a criterion group, tolerating punctuation, case and small typos. */
export function matchCriterionGroup(cell: string): { group: CriterionGroup; exact: boolean } | null {
  const key = groupKey(cell);
  if (!key) return null;
  const exact = GROUP_KEYS.get(key);
  if (exact) return { group: exact, exact: true };
  let best: { group: CriterionGroup; distance: number } | null = null;
  for (const [k, group] of GROUP_KEYS) {
    const distance = levenshtein(key, k);
    if (distance <= Math.max(2, Math.floor(k.length * 0.2)) && (!best || distance < best.distance))
      best = { group, distance };
  }
  return best ? { group: best.group, exact: false } : null;
}

/** `0-2`, `0 – 30`, `0-30 баллов`; a lone `2` means `0-2`. */
export function parseScoreRange(cell: string): { min: number; max: number; lone: boolean } | null {
  const s = squash(cell).replace(/[–—−]/g, '-');
  const range = /^(\d{1,4})\s*-\s*(\d{1,4})\s*(?:балл\p{L}*)?\.?$/u.exec(s);
  if (range) return { min: Number(range[1]), max: Number(range[2]), lone: false };
  const lone = /^(\d{1,4})\s*(?:балл\p{L}*)?$/u.exec(s);
  if (lone) return { min: 0, max: Number(lone[1]), lone: true };
  return null;
}

const OPTION_START = /(^|\s)(\d{1,4})\s*(?:балл(?:а|ов)?\s*)?[-–—:]\s*(?=\S)/gu;

/**
 * Splits a «Критерии» cell into options. Options start with `N -` after the start of the cell, a line
 * break or a run of spaces; only when the author used single spaces everywhere are single-space
 * starts accepted. Scores must grow, so a number inside a description (`зазор 5 - 10 мм`) stays text.
 */
export function parseCriteria(
  cell: string,
  maxScore: number | null,
): { options: Array<{ score: number; description: string }>; preamble: string; skipped: string[] } {
  const text = cell.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ');
  const candidates = [...text.matchAll(OPTION_START)].map((m) => {
    const lead = m[1] ?? '';
    const start = (m.index ?? 0) + lead.length;
    const before = text.slice(0, start);
    const strong = start === 0 || /(\n|\s{2,}|\t)[ \t]*$/.test(before) || /^\s*$/.test(before);
    return { start, contentStart: (m.index ?? 0) + m[0].length, score: Number(m[2]), strong };
  });
  const strongOnly = candidates.filter((c) => c.strong).length >= 2;
  const accepted: typeof candidates = [];
  const skipped: string[] = [];
  for (const c of candidates) {
    if (strongOnly && !c.strong) continue;
    const last = accepted[accepted.length - 1];
    const growing = !last || c.score > last.score;
    const inRange = strongOnly || maxScore === null || c.score <= maxScore;
    if (growing && inRange) accepted.push(c);
    else if (c.strong) skipped.push(squash(text.slice(c.start, c.contentStart)));
  }
  const clean = (s: string) =>
    squash(s)
      .replace(/[;,]+$/, '')
      .trim();
  const options = accepted.map((c, i) => ({
    score: c.score,
    description: clean(text.slice(c.contentStart, accepted[i + 1]?.start ?? text.length)),
  }));
  const preamble = clean(text.slice(0, accepted[0]?.start ?? text.length));
  return { options, preamble, skipped };
}

function parseTotal(cell: string): number | null {
  const m = /^(\d+(?:[.,]\d+)?)/.exec(squash(cell));
  return m ? Number(m[1]!.replace(',', '.')) : null;
}

const QUESTION_NUMBER = /^\s*(\d{1,3})\s*[.)]\s*/;
/** `13 Освещение` — a number and a capitalised word, the dot forgotten. */
const BARE_NUMBER = /^\s*(\d{1,3})\s+(?=\p{Lu})/u;

/** Parses the spreadsheet rows (every cell as a string). */
export function parseChecklistSpreadsheet(rows: string[][]): SpreadsheetParseResult {
  const problems: SpreadsheetProblem[] = [];
  const blocks: ParsedBlock[] = [];
  const header = findHeader(rows);
  if (!header) {
    problems.push({
      row: 1,
      column: null,
      severity: 'error',
      message: 'Не найдена строка заголовка с колонкой «Параметры».',
    });
    return { blocks, problems, unnamedBlocks: [] };
  }
  const { columns } = header;
  const cellOf = (row: string[], col: Column) => {
    const i = columns[col];
    return i === undefined ? '' : (row[i] ?? '').trim();
  };
  const problem = (
    row: number,
    col: Column | null,
    severity: SpreadsheetProblem['severity'],
    message: string,
  ) => problems.push({ row, column: col ? COLUMN_TITLES[col] : null, severity, message });

  let block: ParsedBlock | null = null;
  let separated = true;
  const openBlock = (rowNo: number, name: string | null): ParsedBlock => {
    const opened: ParsedBlock = {
      index: blocks.length,
      row: rowNo,
      name,
      declaredTotal: null,
      questions: [],
    };
    blocks.push(opened);
    return opened;
  };

  for (let r = header.index + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const rowNo = r + 1;
    if (row.every((c) => !(c ?? '').trim())) {
      separated = true;
      continue;
    }
    if (findHeader([row])?.index === 0) continue; // a repeated header row
    const zone = squash(cellOf(row, 'zone'));
    // A name in «А» starts a block; the same name again (merged cells read back) continues it.
    if (
      block === null ||
      separated ||
      (zone && zone !== block.name && (block.questions.length > 0 || block.name !== null))
    ) {
      block = openBlock(rowNo, zone || null);
    } else if (zone && block.name === null) {
      block.name = zone;
    }
    separated = false;
    const current: ParsedBlock = block;

    const totalCell = cellOf(row, 'total');
    if (totalCell) {
      const total = parseTotal(totalCell);
      if (total === null)
        problem(rowNo, 'total', 'warning', `Не число: «${totalCell}» — значение пропущено.`);
      else if (current.declaredTotal === null) current.declaredTotal = total;
      else if (current.declaredTotal !== total)
        problem(
          rowNo,
          'total',
          'warning',
          'Максимальный балл блока указан повторно — учтено первое значение.',
        );
    }

    const params = cellOf(row, 'params');
    const levelCell = cellOf(row, 'level');
    const resultCell = cellOf(row, 'result');
    const criteriaCell = cellOf(row, 'criteria');
    if (!params) {
      if (levelCell || resultCell || criteriaCell)
        problem(rowNo, 'params', 'error', 'Нет текста вопроса в колонке «Параметры» — строка пропущена.');
      continue;
    }
    const dotted = QUESTION_NUMBER.exec(params);
    const bare = dotted ? null : BARE_NUMBER.exec(params);
    const numberMatch = dotted ?? bare;
    const number = numberMatch ? Number(numberMatch[1]) : null;
    const text = squash(numberMatch ? params.slice(numberMatch[0].length) : params);
    if (bare) problem(rowNo, 'params', 'warning', `После номера ${number} нет точки.`);
    if (!text) {
      problem(rowNo, 'params', 'error', 'После номера нет текста вопроса — строка пропущена.');
      continue;
    }
    if (number === null) problem(rowNo, 'params', 'warning', 'У вопроса нет номера вида «12.».');
    else if (current.questions.some((q) => q.number === number))
      problem(
        rowNo,
        'params',
        'warning',
        `Номер ${number} повторяется в блоке — код вопроса получит суффикс.`,
      );

    let criterionGroup: CriterionGroup | null = null;
    if (levelCell) {
      const match = matchCriterionGroup(levelCell);
      if (!match)
        problem(rowNo, 'level', 'warning', `Неизвестный уровень «${levelCell}» — вопрос будет без группы.`);
      else {
        criterionGroup = match.group;
        if (!match.exact)
          problem(rowNo, 'level', 'warning', `Уровень «${levelCell}» распознан как «${match.group}».`);
      }
    } else {
      const previous = current.questions[current.questions.length - 1];
      criterionGroup = previous?.criterionGroup ?? null;
      problem(
        rowNo,
        'level',
        'warning',
        criterionGroup
          ? `Уровень не указан — взят из предыдущей строки («${criterionGroup}»).`
          : 'Уровень не указан — вопрос будет без группы критериев.',
      );
    }

    const question = parseQuestionScoring(rowNo, resultCell, criteriaCell, problem);
    if (!question) continue;
    current.questions.push({ row: rowNo, number, text, criterionGroup, ...question });
  }

  for (const b of blocks) {
    if (b.questions.length === 0) {
      problem(b.row, null, 'warning', `Блок «${b.name ?? 'без названия'}» без вопросов — пропущен.`);
      continue;
    }
    if (b.declaredTotal !== null) {
      const sum = b.questions.reduce((n, q) => n + (q.maxScore ?? 0), 0);
      if (sum !== b.declaredTotal)
        problem(
          b.row,
          'total',
          'warning',
          `Сумма максимальных баллов вопросов блока (${sum}) не совпадает с указанной (${b.declaredTotal}).`,
        );
    }
    if (b.name === null)
      problem(b.row, 'zone', 'warning', 'У блока нет названия в колонке «А» — укажите его перед импортом.');
  }
  const kept = blocks.filter((b) => b.questions.length > 0).map((b, index) => ({ ...b, index }));
  problems.sort((a, b) => a.row - b.row);
  return { blocks: kept, problems, unnamedBlocks: kept.filter((b) => b.name === null).map((b) => b.index) };
}

function parseQuestionScoring(
  rowNo: number,
  resultCell: string,
  criteriaCell: string,
  problem: (row: number, col: Column | null, severity: 'error' | 'warning', message: string) => void,
): Pick<ParsedQuestion, 'type' | 'maxScore' | 'guideline' | 'options'> | null {
  const range = resultCell ? parseScoreRange(resultCell) : null;
  if (resultCell && !range) {
    problem(
      rowNo,
      'result',
      'error',
      `Не удалось разобрать диапазон «${resultCell}» (ожидается «0-2») — строка пропущена.`,
    );
    return null;
  }
  if (range?.lone) problem(rowNo, 'result', 'warning', `Диапазон «${resultCell}» понят как 0-${range.max}.`);
  const parsed = criteriaCell ? parseCriteria(criteriaCell, range?.max ?? null) : null;
  const options = parsed?.options ?? [];
  for (const s of parsed?.skipped ?? [])
    problem(rowNo, 'criteria', 'warning', `«${s}» не стал отдельным вариантом: баллы должны возрастать.`);
  const guideline = parsed?.preamble || null;
  if (guideline && options.length)
    problem(rowNo, 'criteria', 'warning', 'Текст перед первым вариантом сохранён как пояснение к вопросу.');

  if (!range && options.length === 0) {
    const isYesNo =
      /(^|[^\p{L}])да([^\p{L}]|$)/iu.test(criteriaCell) && /(^|[^\p{L}])нет([^\p{L}]|$)/iu.test(criteriaCell);
    return {
      type: isYesNo ? 'yes_no' : 'text',
      maxScore: null,
      guideline: isYesNo ? null : guideline,
      options: [],
    };
  }
  if (options.length === 0) {
    problem(
      rowNo,
      'criteria',
      'error',
      criteriaCell
        ? 'Не удалось выделить варианты оценки вида «0 - описание» — строка пропущена.'
        : 'Для оцениваемого вопроса не указаны критерии — строка пропущена.',
    );
    return null;
  }
  const highest = options[options.length - 1]!.score;
  if (!range) {
    problem(rowNo, 'result', 'warning', `Диапазон не указан — взят из вариантов (0-${highest}).`);
  } else {
    if (highest !== range.max)
      problem(
        rowNo,
        'criteria',
        'warning',
        `Наивысший вариант (${highest}) не совпадает с диапазоном ${range.min}-${range.max}: максимальный балл будет ${highest}.`,
      );
    if (options[0]!.score !== range.min)
      problem(rowNo, 'criteria', 'warning', `Нет варианта с баллом ${range.min}.`);
  }
  return { type: 'score', maxScore: highest, guideline, options };
}

/**
 * The draft content of a parsed spreadsheet: one zone per block (`Z1`, `Z2`, … with the name from «А»
 * or from `blockNames`), one section per zone, questions coded `Q<number>` (`Q-R<row>` without a
 * number or when the number repeats). Rows with errors were already left out by the parser.
 */
export function spreadsheetToContent(
  parsed: SpreadsheetParseResult,
  blockNames: Record<string, string>,
): { categories: ContentCategory[] } {
  const used = new Set<string>();
  const codeFor = (q: ParsedQuestion) => {
    const wanted = q.number !== null ? `Q${q.number}` : `Q-R${q.row}`;
    const code = used.has(wanted) ? `Q-R${q.row}` : wanted;
    used.add(code);
    return code;
  };
  return {
    categories: parsed.blocks.map((block, position) => {
      const name = squash(block.name ?? blockNames[String(block.index)] ?? '') || `Блок ${block.index + 1}`;
      return {
        code: `Z${block.index + 1}`,
        name,
        position,
        sections: [
          {
            title: name,
            description: null,
            position: 0,
            questions: block.questions.map((q, i) => ({
              code: codeFor(q),
              text: q.text,
              criterionGroup: q.criterionGroup,
              type: q.type,
              maxScore: q.maxScore,
              weight: 1,
              guideline: q.guideline,
              requiresCommentWhenReduced: true,
              isCritical: false,
              position: i,
              options: q.options,
            })),
          },
        ],
      };
    }),
  };
}

export const SpreadsheetUploadSchema = z.strictObject({
  fileName: z.string().trim().min(1).max(255),
  /** The file's bytes, base64-encoded (CSV or XLSX). */
  contentBase64: z.string().min(1).max(14_000_000),
});
export const SpreadsheetApplySchema = SpreadsheetUploadSchema.extend({
  /** Names for blocks without one, by block index. */
  blockNames: z.record(z.string(), z.string().trim().max(200)).optional(),
  replace: z.boolean().optional(),
});
export type SpreadsheetApply = z.infer<typeof SpreadsheetApplySchema>;

export const SpreadsheetPreviewSchema = SpreadsheetParseResultSchema.extend({
  fileName: z.string(),
  summary: z.object({
    zones: z.number().int(),
    questions: z.number().int(),
    scored: z.number().int(),
    errors: z.number().int(),
    warnings: z.number().int(),
  }),
});
export type SpreadsheetPreview = z.infer<typeof SpreadsheetPreviewSchema>;
