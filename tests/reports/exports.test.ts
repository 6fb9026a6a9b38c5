import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportsService } from '../../src/server/reports/reports.service.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { loggedIn } from '../helpers/factories.js';
import { buildReportDataset } from '../helpers/report-factories.js';

let t: TestApp;
let data: Awaited<ReturnType<typeof buildReportDataset>>;

beforeAll(async () => {
  t = await createTestApp();
  data = await buildReportDataset(t);
});
afterAll(() => t.close());

async function readXlsx(res: LightMyRequestResponse) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no worksheet');
  const rows: ExcelJS.Row[] = [];
  sheet.eachRow((row) => rows.push(row));
  return { sheet, rows };
}

/** Parses RFC 4180 with `;` (quoted fields may hold `;`, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  return rows;
}

const cellText = (row: ExcelJS.Row, header: ExcelJS.Row, name: string) => {
  const values = header.values as unknown[];
  return row.getCell(values.indexOf(name)).value;
};

describe('audit list export', () => {
  it('XLSX: one row per audit with a bold frozen header, numbers as numbers, dates as dates', async () => {
    const res = await data.admin.client.get('/api/reports/audits.xlsx?sort=createdAt&order=asc');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const { sheet, rows } = await readXlsx(res);
    expect(rows).toHaveLength(1 + 5);
    const [header, jan, feb] = rows as [ExcelJS.Row, ExcelJS.Row, ExcelJS.Row];
    expect(header.getCell(1).value).toBe('Создан');
    expect(header.font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(3).width).toBe(40);

    expect(cellText(jan, header, 'Адрес')).toMatch(/^Москва, ул\. Берёзовая, \d+$/);
    expect(cellText(jan, header, 'Аудитор')).toBe('Иван Петров');
    expect(cellText(jan, header, 'Статус')).toBe('Отправлен');
    expect(cellText(feb, header, 'Баллы')).toBe(7);
    expect(cellText(feb, header, 'Максимум')).toBe(13);
    expect(cellText(feb, header, '%')).toBe(53.8);
    expect(cellText(feb, header, 'Комментарии')).toBe(3);
    expect(cellText(feb, header, 'Фото')).toBe(1);
    expect(cellText(feb, header, 'Критические замечания')).toBe(1);
    expect(cellText(jan, header, 'Критические замечания')).toBe(0);
    expect(cellText(feb, header, 'Версия чек-листа')).toBe(1);
    const submitted = cellText(feb, header, 'Отправлен');
    expect(submitted).toBeInstanceOf(Date);
    expect((submitted as Date).toISOString()).toBe('2026-02-10T10:00:00.000Z');
  });

  it('writes dates in the requested time zone (wall clock)', async () => {
    const res = await data.admin.client.get(
      `/api/reports/audits.xlsx?search=${encodeURIComponent('Лесная')}&status=submitted&tz=Europe/Moscow`,
    );
    const { rows } = await readXlsx(res);
    expect(rows).toHaveLength(2);
    const [header, feb] = rows as [ExcelJS.Row, ExcelJS.Row];
    expect((cellText(feb, header, 'Отправлен') as Date).toISOString()).toBe('2026-02-10T13:00:00.000Z');
  });

  it('applies the list filters (status, search, auditor, score range)', async () => {
    const count = async (query: string) => {
      const res = await data.admin.client.get(`/api/reports/audits.csv?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return parseCsv(res.body.slice(1)).length - 1;
    };
    expect(await count('')).toBe(5);
    expect(await count('status=submitted,reviewed')).toBe(3);
    expect(await count('review=reviewed')).toBe(1);
    expect(await count(`search=${encodeURIComponent('садовая')}`)).toBe(2);
    expect(await count(`auditorId=${data.maria.user.id}`)).toBe(3);
    expect(await count('scoreMin=80&status=submitted,reviewed')).toBe(2);
    expect(await count('dateFrom=2026-02-01&dateTo=2026-02-28')).toBe(2);
  });

  it('CSV: UTF-8 BOM, semicolons, CRLF, RFC 4180 quoting, decimal comma', async () => {
    const res = await data.admin.client.get(
      `/api/reports/audits.csv?auditorId=${data.ivan.user.id}&sort=createdAt&order=asc&tz=Europe/Moscow`,
    );
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(res.body.startsWith('\uFEFFСоздан;Отправлен;Адрес;Лифт;Аудитор;Статус;Баллы;')).toBe(true);
    expect(res.body.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(res.body.slice(1));
    expect(rows).toHaveLength(3);
    const [header, jan, feb] = rows as [string[], string[], string[]];
    const col = (name: string) => header.indexOf(name);
    expect(jan[col('Отправлен')]).toBe('15.01.2026 10:30');
    expect(feb[col('%')]).toBe('53,8');
    expect(feb[col('Лифт')]).toMatch(/^подъезд 1, 400 кг, № ЗАВ-\d+$/);
  });

  it('an auditor exports only their own audits, whatever filter they send', async () => {
    const res = await data.ivan.client.get(`/api/reports/audits.csv?auditorId=${data.maria.user.id}`);
    const rows = parseCsv(res.body.slice(1)).slice(1);
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r[4]))).toEqual(new Set(['Иван Петров']));
  });

  it('names the file with the date, Cyrillic in filename* and an ASCII fallback', async () => {
    const res = await data.admin.client.get('/api/reports/audits.xlsx');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="audits_2026-03-02.xlsx"; filename*=UTF-8''${encodeURIComponent('Аудиты_2026-03-02.xlsx')}`,
    );
  });

  it('rejects an unknown filter or time zone with 400 before streaming', async () => {
    const bad = await data.admin.client.get('/api/reports/audits.csv?status=lost');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation.failed');
    expect((await data.admin.client.get('/api/reports/audits.csv?tz=Mars/Olympus')).statusCode).toBe(400);
  });

  it('requires a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/reports/audits.csv' });
    expect(res.statusCode).toBe(401);
  });
});

describe('one audit export', () => {
  it('XLSX: one row per question, grouped by zone and section, with points and photo counts', async () => {
    const res = await data.ivan.client.get(`/api/reports/audits/${data.audits.feb}.xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    const { rows } = await readXlsx(res);
    expect(rows).toHaveLength(1 + 5);
    const header = rows[0] as ExcelJS.Row;
    expect(header.values).toEqual([
      undefined,
      'Зона',
      'Раздел',
      'Код',
      'Вопрос',
      'Ответ',
      'Баллы',
      'Максимум',
      'Комментарий',
      'Фото',
      'Критичный',
    ]);
    expect((rows[1] as ExcelJS.Row).values).toEqual([
      undefined,
      'Холл',
      'Двери шахты',
      '1.1',
      'Проверка 1.1',
      '1 — Оценка 1',
      2,
      6,
      'Двери не реверсируют',
      1,
      'да',
    ]);
    const light = rows[3] as ExcelJS.Row;
    expect(light.getCell(1).value).toBe('Кабина');
    expect(light.getCell(5).value).toBe('нет');
    expect(light.getCell(6).value).toBe(0);
    const text = rows[5] as ExcelJS.Row;
    expect(text.getCell(6).value).toBeNull();
  });

  it('neutralises formula injection: plain strings in XLSX, a leading apostrophe in CSV', async () => {
    const xlsx = await readXlsx(await data.admin.client.get(`/api/reports/audits/${data.audits.jan}.xlsx`));
    const comment = (xlsx.rows[1] as ExcelJS.Row).getCell(8);
    expect(comment.type).toBe(ExcelJS.ValueType.String);
    expect(comment.value).toBe('=HYPERLINK("http://evil.example","клик")');
    expect(comment.formula).toBeUndefined();

    const csv = await data.admin.client.get(`/api/reports/audits/${data.audits.feb}.csv`);
    const rows = parseCsv(csv.body.slice(1));
    expect(rows[2]?.[7]).toBe("'-скол");
    expect(rows[3]?.[7]).toBe("'+нет света");
    const jan = parseCsv(
      (await data.admin.client.get(`/api/reports/audits/${data.audits.jan}.csv`)).body.slice(1),
    );
    expect(jan[1]?.[7]).toBe(`'=HYPERLINK("http://evil.example","клик")`);
    expect(jan[2]?.[7]).toBe('Царапины; "скол" на панели');
    const raw = (await data.admin.client.get(`/api/reports/audits/${data.audits.jan}.csv`)).body;
    expect(raw).toContain(`"'=HYPERLINK(""http://evil.example"",""клик"")"`);
    const mar = parseCsv(
      (await data.admin.client.get(`/api/reports/audits/${data.audits.mar}.csv`)).body.slice(1),
    );
    expect(mar[4]?.[7]).toBe("'@грязно");
  });

  it("another auditor's audit is 404, exactly like a missing one", async () => {
    for (const format of ['xlsx', 'csv']) {
      const res = await data.maria.client.get(`/api/reports/audits/${data.audits.feb}.${format}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('audit.not_found');
      expect(res.headers['content-disposition']).toBeUndefined();
    }
    const stranger = await loggedIn(t);
    expect((await stranger.client.get(`/api/reports/audits/${crypto.randomUUID()}.csv`)).statusCode).toBe(
      404,
    );
  });

  it('names the file after the address and the submission date (RFC 5987)', async () => {
    const res = await data.admin.client.get(`/api/reports/audits/${data.audits.feb}.csv`);
    const disposition = String(res.headers['content-disposition']);
    const match = /^attachment; filename="([^"]+)"; filename\*=UTF-8''(.+)$/.exec(disposition);
    expect(match?.[1]).toBe(`audit_${data.audits.feb.slice(0, 8)}_2026-02-10.csv`);
    expect(decodeURIComponent(match?.[2] ?? '')).toMatch(/^Аудит_Москва_ул_Лесная_\d+_2026-02-10\.csv$/);
  });
});

describe('paging', () => {
  it('reads the list page by page and still writes every audit once, in order', async () => {
    const reports = createReportsService({
      db: t.ctx.db,
      clock: t.clock,
      audits: { getDetail: () => Promise.reject(new Error('not used by the list export')) },
      pageSize: 2,
    });
    const download = reports.exportAuditList(
      { id: 0, role: 'admin' },
      { sort: 'createdAt', order: 'asc' },
      'csv',
    );
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await download.write(out);
    const rows = parseCsv(Buffer.concat(chunks).toString('utf8').slice(1)).slice(1);
    expect(rows.map((r) => r[14])).toEqual([
      data.audits.jan,
      data.audits.feb,
      data.audits.mar,
      data.audits.wip,
      data.audits.draft,
    ]);
  });
});
