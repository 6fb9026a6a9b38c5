import type { CriterionGroup } from './snapshot.schema.js';
import type { ParsedBlock, ParsedQuestion, SpreadsheetProblem } from './spreadsheet.schema.js';
import {
  BARE_NUMBER,
  matchCriterionGroup,
  parseCriteria,
  parseScoreRange,
  QUESTION_NUMBER,
  squash,
} from './spreadsheet-cells.js';
import type { Column } from './spreadsheet-columns.js';

/** Records a problem of a row (1-based) and column. */
export type ProblemSink = (
  row: number,
  col: Column | null,
  severity: SpreadsheetProblem['severity'],
  message: string,
) => void;

/**
 * Reads one question row of `block` (the block it continues: numbers repeat and a missing level is
 * taken from its previous question). Null when the row is left out; its error is already reported.
 */
export function parseQuestionRow(
  rowNo: number,
  cells: { params: string; level: string; result: string; criteria: string },
  block: ParsedBlock,
  problem: ProblemSink,
): ParsedQuestion | null {
  const { params, level: levelCell, result: resultCell, criteria: criteriaCell } = cells;
  if (!params) {
    if (levelCell || resultCell || criteriaCell)
      problem(rowNo, 'params', 'error', 'Нет текста вопроса в колонке «Параметры» — строка пропущена.');
    return null;
  }
  const dotted = QUESTION_NUMBER.exec(params);
  const bare = dotted ? null : BARE_NUMBER.exec(params);
  const numberMatch = dotted ?? bare;
  const number = numberMatch ? Number(numberMatch[1]) : null;
  const text = squash(numberMatch ? params.slice(numberMatch[0].length) : params);
  if (bare) problem(rowNo, 'params', 'warning', `После номера ${number} нет точки.`);
  if (!text) {
    problem(rowNo, 'params', 'error', 'После номера нет текста вопроса — строка пропущена.');
    return null;
  }
  if (number === null) problem(rowNo, 'params', 'warning', 'У вопроса нет номера вида «12.».');
  else if (block.questions.some((q) => q.number === number))
    problem(rowNo, 'params', 'warning', `Номер ${number} повторяется в блоке — код вопроса получит суффикс.`);

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
    const previous = block.questions[block.questions.length - 1];
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

  const scoring = parseQuestionScoring(rowNo, resultCell, criteriaCell, problem);
  if (!scoring) return null;
  return { row: rowNo, number, text, criterionGroup, ...scoring };
}

function parseQuestionScoring(
  rowNo: number,
  resultCell: string,
  criteriaCell: string,
  problem: ProblemSink,
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
