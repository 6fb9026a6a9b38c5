import type { ImportField } from '../../../shared/catalog/import.schema.js';

export type ColumnField = Exclude<ImportField, 'row'>;

/** Header spellings seen in lift companies' spreadsheets, compared without case, spaces or punctuation. */
const HEADER_PREFIXES: ReadonlyArray<[ColumnField, readonly string[]]> = [
  ['city', ['город', 'населенныйпункт', 'нп']],
  ['street', ['улица', 'ул', 'проспект', 'улицапроспект']],
  ['house', ['дом', 'дома', 'номердома', 'д', 'здание', 'домкорпус', 'домстроение', 'домкорп']],
  ['entrance', ['подъезд', 'под', 'подьезд', 'номерподъезда']],
  ['capacityKg', ['грузоподъемность', 'грузоподьемность', 'гп', 'грузоподъемн']],
  [
    'stops',
    [
      'остановок',
      'количествоостановок',
      'колвоостановок',
      'числоостановок',
      'этажей',
      'этажность',
      'остановки',
    ],
  ],
  [
    'identifier',
    [
      'регномер',
      'регистрационныйномер',
      'рег',
      'заводскойномер',
      'завномер',
      'зав',
      'идентификатор',
      'номерлифта',
      'инвентарныйномер',
      'инвномер',
    ],
  ],
  ['description', ['примечание', 'примечания', 'описание', 'комментарий', 'заметки']],
];

export function headerKey(header: string): string {
  return header
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/\(.*?\)/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The field a header names, if any: an exact spelling, or a spelling followed by more words. */
export function fieldForHeader(header: string): ColumnField | null {
  const key = headerKey(header);
  if (!key) return null;
  for (const [field, spellings] of HEADER_PREFIXES) {
    if (spellings.includes(key)) return field;
  }
  for (const [field, spellings] of HEADER_PREFIXES) {
    // Short spellings («рег», «под») only exactly: «регион» or «подрядчик» are other columns.
    if (spellings.some((s) => s.length >= 4 && key.startsWith(s))) return field;
  }
  return null;
}

export interface ColumnMap {
  headerRow: number;
  columns: { field: ColumnField; header: string; index: number }[];
}

/** Finds the header among the first rows: the row naming the most known columns (street and house at least). */
export function findHeader(rows: { row: number; cells: string[] }[]): ColumnMap | null {
  let best: ColumnMap | null = null;
  for (const r of rows.slice(0, 15)) {
    const columns: ColumnMap['columns'] = [];
    r.cells.forEach((cell, index) => {
      const field = fieldForHeader(cell);
      if (field && !columns.some((c) => c.field === field))
        columns.push({ field, header: cell.trim(), index });
    });
    const usable = columns.some((c) => c.field === 'street') && columns.some((c) => c.field === 'house');
    if (usable && (!best || columns.length > best.columns.length)) best = { headerRow: r.row, columns };
  }
  return best;
}
