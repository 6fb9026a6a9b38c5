import { beforeAll, describe, expect, it } from 'vitest';
import { XLSX_MIME } from '../../src/shared/catalog/import.schema.js';
import { appWithAdmin } from '../helpers/factories.js';
import {
  catalogXlsx,
  deflatedPart,
  expectRefused,
  memoryGrowth,
  repeatedPart,
  SHEET_HEAD,
  TINY_CELLS_ROW,
  unzipParts,
  workbookWith,
  zipArchive,
} from '../helpers/spreadsheet-factories.js';

const app = appWithAdmin();
let base: Buffer;
beforeAll(async () => {
  base = await catalogXlsx(1);
});

const upload = (kind: 'preview' | 'apply', body: Buffer) =>
  app.admin.request({
    method: 'POST',
    url: `/api/catalog/import/${kind}`,
    payload: body,
    headers: { 'content-type': XLSX_MIME, 'x-file-name': encodeURIComponent('реестр.xlsx') },
  });

const counts = async () => ({
  buildings: (await app.t.ctx.db.selectFrom('buildings').select('id').execute()).length,
  imports: (await app.t.ctx.db.selectFrom('catalogImports').select('id').execute()).length,
});

/** The base workbook's sheet with `extra` rows before `</sheetData>` and `after` behind it. */
async function sheetWith(extra: string, after = '') {
  const sheet = (await unzipParts(base)).get('xl/worksheets/sheet1.xml')!.toString('utf8');
  const edited = sheet.replace('</sheetData>', `${extra}</sheetData>${after}`);
  return workbookWith(base, [deflatedPart('xl/worksheets/sheet1.xml', edited)]);
}

describe('catalog XLSX import limits', () => {
  it('refuses a 19 MB sheet of tiny cells packed into 120 KB with 413 spreadsheet.too_many_cells, without the heap growing', async () => {
    const bomb = await workbookWith(base, [
      repeatedPart(
        'xl/worksheets/sheet1.xml',
        SHEET_HEAD,
        TINY_CELLS_ROW.repeat(1000),
        120,
        '</sheetData></worksheet>',
      ),
    ]);
    expect(bomb.length).toBeLessThan(200_000);
    const before = await counts();
    const { result: res, growthMb } = await memoryGrowth(() => upload('apply', bomb));
    expectRefused(res, 413, 'spreadsheet.too_many_cells', 'слишком много ячеек');
    expect(growthMb).toBeLessThan(100);
    expect(await counts()).toEqual(before);
  });

  it('refuses an archive whose sharedStrings.xml claims 1 KB but inflates to 300 MB, with 400 catalog.import_unreadable', async () => {
    const part = repeatedPart(
      'xl/sharedStrings.xml',
      '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>',
      'Лифт '.repeat(100_000),
      300,
      '</t></si></sst>',
    );
    const bomb = await workbookWith(base, [{ ...part, declaredSize: 1024 }]);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const { result: res, growthMb } = await memoryGrowth(() => upload('preview', bomb));
    expectRefused(res, 400, 'catalog.import_unreadable', 'Архив XLSX повреждён');
    expect(growthMb).toBeLessThan(100);
  });

  it('refuses at once an archive that honestly declares 300 MB, with 413 spreadsheet.unpacked_too_large', async () => {
    const part = repeatedPart(
      'xl/sharedStrings.xml',
      '<sst><si><t>',
      'Лифт '.repeat(100_000),
      300,
      '</t></si></sst>',
    );
    const { result: res, growthMb } = await memoryGrowth(() => upload('preview', zipArchive([part])));
    expectRefused(res, 413, 'spreadsheet.unpacked_too_large', 'больше 40 МБ');
    expect(growthMb).toBeLessThan(100);
  });

  it('refuses a merged range over a million cells with 413 spreadsheet.too_many_cells', async () => {
    const bomb = await sheetWith('', '<mergeCells count="1"><mergeCell ref="A3:J100002"/></mergeCells>');
    const { result: res, growthMb } = await memoryGrowth(() => upload('preview', bomb));
    expectRefused(res, 413, 'spreadsheet.too_many_cells', 'Объединённые ячейки');
    expect(growthMb).toBeLessThan(100);
  });

  it('refuses a defined name over two million cells with 413 spreadsheet.too_many_cells', async () => {
    const workbook = (await unzipParts(base)).get('xl/workbook.xml')!.toString('utf8');
    const named = workbook.replace(
      '</sheets>',
      '</sheets><definedNames><definedName name="Всё">Лифты!$A$1:$T$100000</definedName></definedNames>',
    );
    const bomb = await workbookWith(base, [deflatedPart('xl/workbook.xml', named)]);
    const { result: res, growthMb } = await memoryGrowth(() => upload('preview', bomb));
    expectRefused(res, 413, 'spreadsheet.too_many_cells', 'именованные диапазоны');
    expect(growthMb).toBeLessThan(100);
  });

  it('refuses a sheet reaching row 30,000 with 413 spreadsheet.too_many_rows, changing nothing', async () => {
    const far = await sheetWith('<row r="30000"><c r="A30000" t="inlineStr"><is><t>Тула</t></is></c></row>');
    const before = await counts();
    const res = await upload('apply', far);
    expectRefused(res, 413, 'spreadsheet.too_many_rows', '30000 строк');
    expect(await counts()).toEqual(before);
  });

  it('refuses a cell in column XFD with 413 spreadsheet.too_many_columns', async () => {
    const wide = await sheetWith('<row r="5"><c r="XFD5" t="inlineStr"><is><t>x</t></is></c></row>');
    const res = await upload('preview', wide);
    expectRefused(res, 413, 'spreadsheet.too_many_columns');
  });

  it('refuses an archive with an encrypted part with 400 spreadsheet.encrypted', async () => {
    const locked = await workbookWith(base, [
      { ...deflatedPart('xl/styles.xml', '<styleSheet/>'), flags: 1 },
    ]);
    const res = await upload('preview', locked);
    expectRefused(res, 400, 'spreadsheet.encrypted');
  });

  it('refuses an archive of 400 files with 413 spreadsheet.too_many_parts', async () => {
    const extra = Array.from({ length: 400 }, (_, i) => deflatedPart(`xl/media/image${i}.png`, 'x'));
    const res = await upload('preview', await workbookWith(base, extra));
    expectRefused(res, 413, 'spreadsheet.too_many_parts');
  });

  it('still imports a 1,000-lift XLSX', async () => {
    const before = await counts();
    const res = await upload('apply', await catalogXlsx(1000, 'Алексин'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().import.createdCount).toBe(1000);
    expect((await counts()).imports).toBe(before.imports + 1);
  });
});
