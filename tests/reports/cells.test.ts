import { describe, expect, it } from 'vitest';
import { attachmentDisposition, fileNamePart } from '../../src/server/reports/content-disposition.js';
import { wallClock } from '../../src/server/reports/table-writers.js';
import { csvField, csvLine, neutraliseFormula } from '../../src/shared/reports/cells.js';

describe('spreadsheet cells', () => {
  it('prefixes an apostrophe to text starting with =, +, -, @, tab or CR, and nothing else', () => {
    for (const s of ['=1+2', '+7 900', '-5', '@SUM(A1)', '\tx', '\rx'])
      expect(neutraliseFormula(s)).toBe(`'${s}`);
    for (const s of ['Лифт', ' =1', '1-2', "'уже"]) expect(neutraliseFormula(s)).toBe(s);
  });

  it('quotes RFC 4180 fields holding ; " CR or LF and keeps numbers numeric with a decimal comma', () => {
    expect(csvField('а;б')).toBe('"а;б"');
    expect(csvField('он сказал "да"')).toBe('"он сказал ""да"""');
    expect(csvField('строка\nвторая')).toBe('"строка\nвторая"');
    expect(csvField(-5)).toBe('-5');
    expect(csvField(84.6)).toBe('84,6');
    expect(csvField(null)).toBe('');
    expect(csvField('=A1;B1')).toBe(`"'=A1;B1"`);
    expect(csvLine(['a', 1, null])).toBe('a;1;\r\n');
  });
});

describe('file names', () => {
  it('builds RFC 6266 Content-Disposition with an ASCII fallback and RFC 5987 UTF-8 name', () => {
    expect(attachmentDisposition("Отчёт (1)'*.csv", 'report.csv')).toBe(
      `attachment; filename="report.csv"; filename*=UTF-8''%D0%9E%D1%82%D1%87%D1%91%D1%82%20%281%29%27%2A.csv`,
    );
    expect(attachmentDisposition('x.csv', 'bad "name"\u0416.csv')).toBe(
      `attachment; filename="bad _name__.csv"; filename*=UTF-8''x.csv`,
    );
  });

  it('turns an address into a safe file-name part', () => {
    expect(fileNamePart('Москва, ул. Лесная / корп. 2, д. 5')).toBe('Москва_ул_Лесная_корп_2_д_5');
    expect(fileNamePart('a:b*c?"<>|')).toBe('a_b_c');
  });
});

describe('wall clock', () => {
  it('shows an instant as the local time of a zone', () => {
    expect(wallClock('2026-02-10T22:30:00.000Z', 'Europe/Moscow').toISOString()).toBe(
      '2026-02-11T01:30:00.000Z',
    );
    expect(wallClock('2026-07-01T12:00:00.000Z', 'Asia/Yekaterinburg').toISOString()).toBe(
      '2026-07-01T17:00:00.000Z',
    );
    expect(wallClock('2026-07-01T12:00:00.000Z', 'UTC').toISOString()).toBe('2026-07-01T12:00:00.000Z');
  });
});
