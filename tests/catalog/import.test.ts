import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCatalog } from '../../src/server/catalog/index.js';
import { XLSX_MIME } from '../../src/shared/catalog/import.schema.js';
import type { ApiClient } from '../helpers/app.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type BuiltUser, loggedIn } from '../helpers/factories.js';

let t: TestApp;
let admin: { user: BuiltUser; client: ApiClient };

beforeAll(async () => {
  t = await createTestApp();
  admin = await loggedIn(t, { role: 'admin' });
});
afterAll(() => t.close());

function upload(kind: 'preview' | 'apply', body: Buffer | string, name = 'лифты.csv', type = 'text/csv') {
  return admin.client.request({
    method: 'POST',
    url: `/api/catalog/import/${kind}`,
    payload: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
    headers: { 'content-type': type, 'x-file-name': encodeURIComponent(name) },
  });
}

async function catalogCounts() {
  const count = async (table: 'buildings' | 'elevators' | 'catalogImports') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    buildings: await count('buildings'),
    elevators: await count('elevators'),
    imports: await count('catalogImports'),
  };
}

/** Windows-1251 bytes of a Russian text (what Excel on Windows saves as «CSV»). */
function cp1251(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x410 && code <= 0x44f) bytes.push(code - 0x410 + 0xc0);
    else if (ch === 'Ё') bytes.push(0xa8);
    else if (ch === 'ё') bytes.push(0xb8);
    else bytes.push(code);
  }
  return Buffer.from(bytes);
}

const BROKEN_CSV = [
  'Город;Улица;Дом;Подъезд;Грузоподъёмность, кг;Остановок;Рег. номер;Примечание',
  'Тула;ул. Советская;12;1;400;9;71-0001;',
  'Тула;ул. Советская;12;2;четыреста;9;;',
  'Тула;ул. Советская;;3;400;9;;нет дома',
  'Тула;пр-т Ленина;45;1;630;один;;',
  '',
  'Тула;ул. Советская;12;1;400;9;71-0001;',
].join('\r\n');

describe('catalog import preview', () => {
  it('reports each bad row in Russian and changes nothing', async () => {
    const before = await catalogCounts();
    const res = await upload('preview', `\uFEFF${BROKEN_CSV}`);
    expect(res.statusCode).toBe(200);
    const preview = res.json();
    expect(preview.format).toBe('csv');
    expect(preview.fileName).toBe('лифты.csv');
    const byRow = new Map(preview.rows.map((r: { row: number }) => [r.row, r]));
    expect(byRow.get(2)).toMatchObject({
      action: 'create',
      building: 'create',
      capacityKg: 400,
      identifier: '71-0001',
    });
    expect(byRow.get(3)).toMatchObject({
      action: 'error',
      errors: [{ field: 'capacityKg', message: 'Грузоподъёмность: «четыреста» — не целое число.' }],
    });
    expect(byRow.get(4)).toMatchObject({
      action: 'error',
      errors: [{ field: 'house', message: 'Не указан номер дома.' }],
    });
    expect(byRow.get(5)).toMatchObject({ action: 'error', errors: [{ field: 'stops' }] });
    expect(byRow.get(7)).toMatchObject({
      action: 'error',
      errors: [{ field: 'row', message: 'Повторяет строку 2.' }],
    });
    expect(preview.counts).toEqual({ create: 1, update: 0, skip: 0, error: 4, buildingsCreated: 1 });
    expect(await catalogCounts()).toEqual(before);
  });

  it('reads Windows-1251 CSV with commas and XLSX with header variants', async () => {
    const csv = cp1251('Город,Улица,Дом,Подъезд,Грузоподъемность\r\nРязань,ул. Есенина,3,1,400\r\n');
    const res = await upload('preview', csv);
    expect(res.statusCode).toBe(200);
    expect(res.json().rows[0]).toMatchObject({ city: 'Рязань', street: 'ул. Есенина', action: 'create' });

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Лифты');
    ws.addRow(['Реестр лифтов ООО «Союзлифт»']);
    ws.addRow([
      'Населённый пункт',
      'Улица',
      '№ дома',
      'Подъезд',
      'Грузоподъёмность (кг)',
      'Кол-во остановок',
      'Заводской номер',
    ]);
    ws.addRow(['Рязань', 'Есенина', '3', 1, 400, 9, 'ЗН-77']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const x = await upload('preview', xlsx, 'реестр.xlsx', XLSX_MIME);
    expect(x.statusCode, x.body).toBe(200);
    expect(x.json().format).toBe('xlsx');
    expect(x.json().rows[0]).toMatchObject({
      row: 3,
      city: 'Рязань',
      entrance: '1',
      capacityKg: 400,
      stops: 9,
      identifier: 'ЗН-77',
    });
  });

  it('refuses a file without the needed columns, and an old XLS, with Russian messages', async () => {
    const res = await upload('preview', 'Имя;Телефон\nИван;123\n');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('catalog.import_missing_columns');
    expect(res.json().error.message).toContain('«Улица» и «Дом»');
    const xls = await upload(
      'preview',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      'old.xls',
    );
    expect(xls.statusCode).toBe(400);
    expect(xls.json().error.code).toBe('catalog.import_unsupported_format');
    expect((await admin.client.post('/api/catalog/import/preview')).statusCode).toBe(400);
  });
});

describe('catalog import apply', () => {
  it('refuses a file with errors and changes nothing', async () => {
    const before = await catalogCounts();
    const res = await upload('apply', BROKEN_CSV);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('catalog.import_has_errors');
    expect(res.json().error.details).toContainEqual({
      path: 'строка 4',
      code: 'house',
      message: 'Не указан номер дома.',
    });
    expect(await catalogCounts()).toEqual(before);
  });

  it('applies a clean file, logs it, and a second run updates or skips instead of duplicating', async () => {
    const before = await catalogCounts();
    const file = [
      'Город;Улица;Дом;Подъезд;Грузоподъёмность;Остановок;Рег. номер',
      'Калуга;ул. Кирова;20;1;400;9;40-1001',
      'Калуга;ул. Кирова;20;1;630;9;40-1002',
      'Калуга;ул. Кирова;20;2;400;9;',
      'Калуга;пл. Победы;1;;;;',
    ].join('\n');
    const res = await upload('apply', file, 'калуга.csv');
    expect(res.statusCode).toBe(200);
    expect(res.json().import).toMatchObject({
      fileName: 'калуга.csv',
      createdCount: 4,
      updatedCount: 0,
      skippedCount: 0,
    });
    expect(res.json().import.userName).toBeTruthy();
    const after = await catalogCounts();
    expect(after.buildings - before.buildings).toBe(2);
    expect(after.elevators - before.elevators).toBe(3);
    const elevators = await admin.client.get('/api/elevators?q=кирова');
    expect(elevators.json().items.every((e: { reviewStatus: string }) => e.reviewStatus === 'approved')).toBe(
      true,
    );

    const second = [
      'Город;Улица;Дом;Подъезд;Грузоподъёмность;Остановок;Рег. номер',
      'г. Калуга;Кирова улица;д. 20;1;400;9;40-1001',
      'Калуга;ул. Кирова;20;2;400;10;',
    ].join('\n');
    const preview = await upload('preview', second);
    expect(preview.json().rows.map((r: { action: string }) => r.action)).toEqual(['skip', 'update']);
    expect(preview.json().rows[1].changes).toEqual(['stops']);
    const applied = await upload('apply', second);
    expect(applied.json().import).toMatchObject({ createdCount: 0, updatedCount: 1, skippedCount: 1 });
    expect((await catalogCounts()).elevators).toBe(after.elevators);

    const log = await admin.client.get('/api/catalog/imports');
    expect(log.json().items[0]).toMatchObject({ fileName: 'лифты.csv', updatedCount: 1 });
    expect(log.json().items[1]).toMatchObject({ fileName: 'калуга.csv', createdCount: 4 });
  });

  it('rolls everything back when a write fails half-way', async () => {
    const before = await catalogCounts();
    // A database-level failure on the third row: nothing from rows one and two may survive.
    await sql`create trigger fail_import before insert on elevators when new.identifier = 'BOOM'
      begin select raise(abort, 'boom'); end`.execute(t.ctx.db);
    try {
      const file = [
        'Город;Улица;Дом;Подъезд;Рег. номер',
        'Орёл;ул. Ленина;1;1;57-1',
        'Орёл;ул. Ленина;2;1;57-2',
        'Орёл;ул. Ленина;3;1;BOOM',
      ].join('\n');
      const res = await upload('apply', file);
      expect(res.statusCode).toBe(500);
    } finally {
      await sql`drop trigger fail_import`.execute(t.ctx.db);
    }
    expect(await catalogCounts()).toEqual(before);
  });

  it('is for admins only', async () => {
    const auditor = await loggedIn(t, { role: 'auditor' });
    const res = await auditor.client.request({
      method: 'POST',
      url: '/api/catalog/import/preview',
      payload: Buffer.from('Город;Улица;Дом\n'),
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('seed-demo', () => {
  it('creates demo buildings and lifts once; a second run adds nothing', async () => {
    const first = await seedDemoCatalog(t.ctx);
    expect(first.buildingsCreated).toBeGreaterThanOrEqual(10);
    expect(first.elevatorsCreated).toBeGreaterThanOrEqual(20);
    const counts = await catalogCounts();
    expect(await seedDemoCatalog(t.ctx)).toEqual({ buildingsCreated: 0, elevatorsCreated: 0 });
    expect(await catalogCounts()).toEqual(counts);
    const found = await admin.client.get('/api/buildings/autocomplete?q=профсоюзная 56');
    expect(found.json().items[0].address).toBe('Москва, ул. Профсоюзная, д. 56');
  });
});
