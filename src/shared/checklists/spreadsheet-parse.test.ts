import { describe, expect, it } from 'vitest';
import { parseChecklistSpreadsheet, spreadsheetToContent } from './spreadsheet-parse.js';

const HEADER = ['А', 'Уровень', 'Параметры', 'Дата осмотра', 'Результат', 'Критерии', 'Максимальный балл'];

describe('parseChecklistSpreadsheet', () => {
  it('reports a missing header instead of guessing', () => {
    const result = parseChecklistSpreadsheet([['что-то'], ['ещё']]);
    expect(result.blocks).toEqual([]);
    expect(result.problems[0]).toMatchObject({ row: 1, severity: 'error' });
  });

  it('starts a new block on a new name even without a blank row and skips repeated headers', () => {
    const result = parseChecklistSpreadsheet([
      HEADER,
      ['Кабина', 'Комфорт', '1. Плавность', '', '0-1', '0 - рывки   1 - плавно', '1'],
      ['Шахта', 'Безопасность', '2. Ограждение', '', '0-1', '0 - проёмы   1 - целое', '1'],
      HEADER,
      ['Шахта', 'Безопасность', '3. Освещение', '', '0-1', '0 - нет   1 - есть', ''],
    ]);
    expect(result.blocks.map((b) => [b.name, b.questions.map((q) => q.number)])).toEqual([
      ['Кабина', [1]],
      ['Шахта', [2, 3]],
    ]);
  });

  it('does not take a question about «параметры» for a repeated header', () => {
    const result = parseChecklistSpreadsheet([
      ['Параметры лифта (заполняется при осмотре)'],
      HEADER,
      ['Кабина', 'Комфорт', 'Параметры освещения', '', '0-1', '0 - нет   1 - есть', ''],
    ]);
    expect(result.blocks[0]?.questions.map((q) => q.text)).toEqual(['Параметры освещения']);
  });

  it('turns blocks into zones with codes and uses the given names for unnamed blocks', () => {
    const parsed = parseChecklistSpreadsheet([
      HEADER,
      ['Кабина', 'Комфорт', '1. Плавность', '', '0-1', '0 - рывки   1 - плавно', ''],
      [],
      ['', 'Безопасность', '1. Повтор номера', '', '0-1', '0 - нет   1 - да', ''],
    ]);
    expect(parsed.unnamedBlocks).toEqual([1]);
    const content = spreadsheetToContent(parsed, { '1': 'Приямок' });
    expect(
      content.categories.map((c) => [c.code, c.name, c.sections[0]?.questions.map((q) => q.code)]),
    ).toEqual([
      ['Z1', 'Кабина', ['Q1']],
      ['Z2', 'Приямок', ['Q-R4']],
    ]);
  });
});
