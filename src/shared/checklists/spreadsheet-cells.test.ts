import { describe, expect, it } from 'vitest';
import { matchCriterionGroup, parseCriteria, parseScoreRange } from './spreadsheet-cells.js';

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
