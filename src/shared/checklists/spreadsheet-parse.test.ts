import { describe, expect, it } from 'vitest';
import {
  matchCriterionGroup,
  parseChecklistSpreadsheet,
  parseCriteria,
  parseScoreRange,
  spreadsheetToContent,
} from './spreadsheet-parse.js';

const HEADER = ['А', 'Уровень', 'Параметры', 'Дата осмотра', 'Результат', 'Критерии', 'Максимальный балл'];

describe('parseCriteria', () => {
  it('splits options on runs of spaces and keeps single-space numbers inside the text', () => {
    expect(parseCriteria('0 - зазор 5 - 10 мм   1 - норма', 1).options).toEqual([
      { score: 0, description: 'зазор 5 - 10 мм' },
      { score: 1, description: 'норма' },
    ]);
  });

  it('accepts single spaces when the author used them everywhere, keeping scores growing and in range', () => {
    expect(parseCriteria('0 - нет 1 - частично 2 - да', 2).options.map((o) => o.score)).toEqual([0, 1, 2]);
    expect(parseCriteria('0 - лифт 5 - этажный 1 - норма', 1).options).toEqual([
      { score: 0, description: 'лифт 5 - этажный' },
      { score: 1, description: 'норма' },
    ]);
  });

  it('handles line breaks, en dashes, «балла» and trailing separators', () => {
    expect(parseCriteria('0 – плохо;\n1 балл - удовлетворительно,\r\n2 - хорошо', 2).options).toEqual([
      { score: 0, description: 'плохо' },
      { score: 1, description: 'удовлетворительно' },
      { score: 2, description: 'хорошо' },
    ]);
  });

  it('keeps text before the first option as a preamble and reports a score that does not grow', () => {
    const parsed = parseCriteria('Проверить на трёх этажах:  0 - нет   2 - да   1 - частично', 2);
    expect(parsed.preamble).toBe('Проверить на трёх этажах:');
    expect(parsed.options.map((o) => o.score)).toEqual([0, 2]);
    expect(parsed.skipped).toEqual(['1 -']);
  });
});

describe('parseScoreRange and matchCriterionGroup', () => {
  it('reads ranges with spaces, dashes and words; a lone number is 0..n', () => {
    expect(parseScoreRange('0 – 30')).toEqual({ min: 0, max: 30, lone: false });
    expect(parseScoreRange('0-2 балла')).toEqual({ min: 0, max: 2, lone: false });
    expect(parseScoreRange('5')).toEqual({ min: 0, max: 5, lone: true });
    expect(parseScoreRange('много')).toBeNull();
  });

  it('maps the customer spelling, case, spaces and small typos to the five groups', () => {
    expect(matchCriterionGroup('Оповещение, освобождение')).toEqual({
      group: 'Оповещение и освобождение',
      exact: true,
    });
    expect(matchCriterionGroup('  ТЕХНИЧЕСКОЕ   состояние ')).toEqual({
      group: 'Техническое состояние',
      exact: true,
    });
    expect(matchCriterionGroup('Эстетика, сервис')?.group).toBe('Эстетика и сервис');
    expect(matchCriterionGroup('Комфрт')).toEqual({ group: 'Комфорт', exact: false });
    expect(matchCriterionGroup('Прочее')).toBeNull();
  });
});

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
