import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSpreadsheet } from '../../src/server/checklists/spreadsheet-read.js';
import { parseChecklistSpreadsheet } from '../../src/shared/checklists/spreadsheet-parse.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/checklists');
const fixture = (name: string) => readFileSync(path.join(fixtures, name));

/** Enough of CP1251 for a Russian test file (Excel's «CSV (разделители — точки с запятой)»). */
function cp1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const c = ch.codePointAt(0)!;
      if (c < 0x80) return c;
      if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
      if (ch === 'Ё') return 0xa8;
      if (ch === 'ё') return 0xb8;
      throw new Error(`no cp1251 for ${ch}`);
    }),
  );
}

const csv = parseChecklistSpreadsheet(await readSpreadsheet(fixture('customer-checklist.csv')));
const xlsx = parseChecklistSpreadsheet(await readSpreadsheet(fixture('customer-checklist.xlsx')));

describe('customer checklist spreadsheet (CSV fixture)', () => {
  const result = csv;
  const question = (row: number) => result.blocks.flatMap((b) => b.questions).find((q) => q.row === row);
  const problemsAt = (row: number) => result.problems.filter((p) => p.row === row);

  it('splits blocks on blank rows, keeps names with stray spaces squashed and reports the unnamed block', () => {
    expect(result.blocks.map((b) => b.name)).toEqual([
      'Машинное помещение',
      'Кабина лифта',
      null,
      'Этажные площадки',
    ]);
    expect(result.unnamedBlocks).toEqual([2]);
    expect(problemsAt(17)).toEqual([expect.objectContaining({ column: 'А', severity: 'warning' })]);
    expect(result.blocks[0]?.declaredTotal).toBe(37);
  });

  it('reads numbers, criterion groups (typos, «Оповещение, освобождение», empty = previous row)', () => {
    expect(question(5)).toMatchObject({
      number: 2,
      text: 'Состояние лебёдки и редуктора',
      criterionGroup: 'Техническое состояние',
    });
    expect(question(6)?.criterionGroup).toBe('Техническое состояние');
    expect(problemsAt(6)[0]?.message).toMatch(/Уровень не указан/);
    expect(question(7)?.criterionGroup).toBe('Безопасность');
    expect(problemsAt(7)[0]?.message).toContain('Безопастность');
    expect(question(12)?.criterionGroup).toBe('Оповещение и освобождение');
    expect(problemsAt(12)).toEqual([]);
    expect(question(19)).toMatchObject({ number: 13, text: 'Освещение приямка' });
  });

  it('parses options separated by runs of spaces and line breaks, with skipped values and numbers in text', () => {
    expect(question(5)?.options.map((o) => o.score)).toEqual([0, 15, 30]);
    expect(question(5)?.maxScore).toBe(30);
    expect(question(6)?.options).toEqual([
      { score: 0, description: 'освещённость недостаточная или светильник неисправен' },
      { score: 1, description: 'освещение исправно, есть розетка 36 В' },
    ]);
    expect(question(8)?.options.map((o) => o.score)).toEqual([0, 1, 2]);
    expect(question(8)?.options[1]?.description).toBe(
      'перемычки есть, сопротивление 4 - 10 Ом, требуется ревизия',
    );
    expect(question(10)?.options.map((o) => o.description)).toEqual([
      'рывки при пуске и остановке',
      'небольшие толчки',
      'ход плавный',
    ]);
    expect(question(23)).toMatchObject({ maxScore: 2, options: [{ score: 0 }, { score: 2 }] });
  });

  it('types unscored rows as yes/no or text', () => {
    expect(question(13)).toMatchObject({ type: 'yes_no', maxScore: null, options: [] });
    expect(question(18)).toMatchObject({ type: 'text', maxScore: null });
  });

  it('reports every bad row and leaves it out', () => {
    expect(problemsAt(14)).toEqual([expect.objectContaining({ severity: 'error', column: 'Параметры' })]);
    expect(problemsAt(15)).toEqual([expect.objectContaining({ severity: 'error', column: 'Критерии' })]);
    expect(problemsAt(20)).toEqual([expect.objectContaining({ severity: 'error', column: 'Результат' })]);
    expect(problemsAt(20)[0]?.message).toContain('abc');
    for (const row of [14, 15, 20]) expect(question(row)).toBeUndefined();
    expect(problemsAt(10)).toEqual([
      expect.objectContaining({ column: 'Максимальный балл', severity: 'warning' }),
    ]);
    expect(problemsAt(23)[0]?.message).toMatch(/0-2/);
    expect(result.problems.filter((p) => p.severity === 'error')).toHaveLength(3);
  });
});

describe('customer checklist spreadsheet (XLSX fixture)', () => {
  const result = xlsx;

  it('finds the checklist sheet and reads merged block names and totals once', () => {
    expect(result.blocks.map((b) => [b.name, b.questions.length, b.declaredTotal])).toEqual([
      ['Кабина', 4, 8],
      [null, 3, 31],
      ['Приямок', 2, 2],
    ]);
    expect(result.unnamedBlocks).toEqual([1]);
    expect(result.problems.filter((p) => p.column === 'Максимальный балл')).toEqual([]);
  });

  it('parses line-broken options, the 0-15-30 range and a typo in «Уровень»', () => {
    const [cabin, unnamed] = result.blocks;
    expect(cabin?.questions[0]?.options.map((o) => o.description)).toEqual([
      'не реверсируют',
      'реверс с задержкой',
      'реверс сразу',
    ]);
    expect(unnamed?.questions[0]).toMatchObject({
      criterionGroup: 'Оповещение и освобождение',
      maxScore: 30,
      options: [{ score: 0 }, { score: 15 }, { score: 30 }],
    });
    expect(unnamed?.questions[1]?.criterionGroup).toBe('Техническое состояние');
    expect(result.problems.find((p) => p.row === unnamed?.questions[1]?.row)?.message).toContain('сотояние');
  });
});

describe('CSV encodings and separators', () => {
  it('reads a CP1251 file with semicolons as Excel saves it', async () => {
    const text =
      'А;Уровень;Параметры;Дата осмотра;Результат;Критерии;Максимальный балл\r\nШахта;Безопасность;1. Ограждение шахты;;0-1;0 - есть проёмы   1 - целое;1\r\n';
    const result = parseChecklistSpreadsheet(await readSpreadsheet(cp1251(text)));
    expect(result.blocks[0]).toMatchObject({
      name: 'Шахта',
      questions: [{ text: 'Ограждение шахты', maxScore: 1 }],
    });
  });

  it('reads a comma-separated UTF-8 file', async () => {
    const text =
      'А,Уровень,Параметры,Дата осмотра,Результат,Критерии,Максимальный балл\nПриямок,Комфорт,"2. Чистота, сухость",,0-2,"0 - вода   1 - влажно   2 - сухо",2\n';
    const result = parseChecklistSpreadsheet(await readSpreadsheet(Buffer.from(text)));
    expect(result.blocks[0]?.questions[0]).toMatchObject({ text: 'Чистота, сухость', number: 2 });
    expect(result.problems).toEqual([]);
  });
});
