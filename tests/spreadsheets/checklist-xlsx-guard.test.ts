import { describe, expect, it } from 'vitest';
import { appWithAdmin } from '../helpers/factories.js';
import {
  checklistFixture,
  deflatedPart,
  expectRefused,
  memoryGrowth,
  repeatedPart,
  SHEET_HEAD,
  TINY_CELLS_ROW,
  workbookWith,
} from '../helpers/spreadsheet-factories.js';

const fixture = checklistFixture('customer-checklist.xlsx');

const app = appWithAdmin();

const apply = (file: Buffer) =>
  app.admin.post('/api/checklists/import-spreadsheet/apply', {
    fileName: 'чек-лист.xlsx',
    contentBase64: file.toString('base64'),
    blockNames: { '1': 'Связь' },
  });
const draft = async () => (await app.admin.get('/api/checklists/draft')).body;

describe('checklist XLSX import limits', () => {
  it('refuses a 10 MB sheet of tiny cells packed into 64 KB with 413 spreadsheet.too_many_cells, changing nothing', async () => {
    const bomb = await workbookWith(fixture, [
      repeatedPart(
        'xl/worksheets/sheet2.xml',
        SHEET_HEAD,
        TINY_CELLS_ROW.repeat(1000),
        60,
        '</sheetData></worksheet>',
      ),
    ]);
    expect(bomb.length).toBeLessThan(200_000);
    const before = await draft();
    const { result: res, growthMb } = await memoryGrowth(() => apply(bomb));
    expectRefused(res, 413, 'spreadsheet.too_many_cells');
    expect(growthMb).toBeLessThan(100);
    expect(await draft()).toBe(before);
  });

  it('refuses a sheet that claims 1 KB but inflates to 300 MB with 400 checklist.spreadsheet_unreadable', async () => {
    const part = repeatedPart(
      'xl/worksheets/sheet2.xml',
      SHEET_HEAD,
      ' '.repeat(1024 * 1024),
      300,
      '</sheetData></worksheet>',
    );
    const bomb = await workbookWith(fixture, [{ ...part, declaredSize: 1024 }]);
    const before = await draft();
    const { result: res, growthMb } = await memoryGrowth(() => apply(bomb));
    expectRefused(res, 400, 'checklist.spreadsheet_unreadable');
    expect(growthMb).toBeLessThan(100);
    expect(await draft()).toBe(before);
  });

  it('refuses a data validation over a whole column with 413 spreadsheet.too_many_cells', async () => {
    const sheet = `${SHEET_HEAD}</sheetData><dataValidations count="1"><dataValidation type="list" sqref="B2:B1048576"><formula1>"Да,Нет"</formula1></dataValidation></dataValidations></worksheet>`;
    const bomb = await workbookWith(fixture, [deflatedPart('xl/worksheets/sheet1.xml', sheet)]);
    const res = await apply(bomb);
    expectRefused(res, 413, 'spreadsheet.too_many_cells', 'проверка данных');
  });

  it('still imports the customer checklist XLSX', async () => {
    const res = await apply(fixture);
    expect(res.statusCode, res.body).toBe(200);
    expect(await draft()).toContain('Связь');
  });
});
