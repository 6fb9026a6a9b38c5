import { norm } from './spreadsheet-cells.js';

/** The columns of the checklist spreadsheet the parser reads. */
export type Column = 'zone' | 'level' | 'params' | 'date' | 'result' | 'criteria' | 'total';
/** Column titles as the spreadsheet shows them (problems name the column by its title). */
export const COLUMN_TITLES: Record<Column, string> = {
  zone: 'А',
  level: 'Уровень',
  params: 'Параметры',
  date: 'Дата осмотра',
  result: 'Результат',
  criteria: 'Критерии',
  total: 'Максимальный балл',
};

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

/**
 * The header row among the first 30 rows and the index of each column found in it, or null.
 */
export function findHeader(
  rows: string[][],
): { index: number; columns: Partial<Record<Column, number>> } | null {
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
