import type { ContentCategory } from './content.js';
import type {
  ParsedBlock,
  ParsedQuestion,
  SpreadsheetParseResult,
  SpreadsheetProblem,
} from './spreadsheet.schema.js';
import { parseTotal, squash } from './spreadsheet-cells.js';
import { COLUMN_TITLES, type Column, findHeader } from './spreadsheet-columns.js';
import { type ProblemSink, parseQuestionRow } from './spreadsheet-question.js';

/**
 * Parser of the customer's checklist spreadsheet (see issue 3 §4), on a 2-D array of cell strings so
 * it knows nothing about CSV or XLSX. Columns: «А» (block/zone name on the block's first row),
 * «Уровень» (criterion group), «Параметры» (numbered question), «Дата осмотра» (ignored),
 * «Результат» (score range `0-2`, empty when unscored), «Критерии» (every option in one cell:
 * `0 - text   1 - text`), «Максимальный балл» (the block's total). Blank rows separate blocks.
 * Nothing is thrown: every doubt becomes a problem bound to a row (1-based, as the spreadsheet shows).
 */

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
  const problem: ProblemSink = (row, col, severity, message) =>
    problems.push({ row, column: col ? COLUMN_TITLES[col] : null, severity, message });

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

    const question = parseQuestionRow(
      rowNo,
      {
        params: cellOf(row, 'params'),
        level: cellOf(row, 'level'),
        result: cellOf(row, 'result'),
        criteria: cellOf(row, 'criteria'),
      },
      current,
      problem,
    );
    if (question) current.questions.push(question);
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
