import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { apiAs, createAuditor } from './support/api.js';
import { INVENTORY_FIELD, testPhoto } from './support/fixtures-data.js';
import { logIn } from './support/login.js';
import { expect, test } from './support/server.js';

const PASSWORD = 'Отчёт-По-Лифтам-2026';
const XSS = '<img src=x onerror="window.__xss=1"> <b>жирный</b> & «кавычки»';

/** The fields of API answers this spec reads. */
interface ApiJson {
  id: number;
  building: { id: number };
  elevator: { id: number };
  csrfToken: string;
}

/**
 * A published two-zone checklist, two lifts (one never audited) and one submitted audit whose
 * comment holds HTML, with a photo.
 */
async function prepare(baseURL: string, admin: { username: string; password: string }) {
  const call = await apiAs<ApiJson>(baseURL, admin);
  const building = (
    await call('POST', '/api/buildings', { city: 'Москва', street: 'ул. Вавилова', house: '19' })
  ).building;
  const elevator = (
    await call('POST', '/api/elevators', {
      buildingId: building.id,
      entrance: '2',
      capacityKg: 630,
      identifier: 'ЗАВ-4821',
    })
  ).elevator;
  const other = (await call('POST', '/api/buildings', { city: 'Москва', street: 'ул. Полевая', house: '7' }))
    .building;
  await call('POST', '/api/elevators', {
    buildingId: other.id,
    entrance: '1',
    capacityKg: 400,
    identifier: 'ЗАВ-77',
  });

  const hall = await call('POST', '/api/checklists/categories', { code: 'hall', name: 'Этажная площадка' });
  const car = await call('POST', '/api/checklists/categories', { code: 'car', name: 'Кабина' });
  const doors = await call('POST', '/api/checklists/sections', { categoryId: hall.id, title: 'Двери шахты' });
  const light = await call('POST', '/api/checklists/sections', { categoryId: car.id, title: 'Освещение' });
  const options = [
    { score: 0, description: 'Неисправно' },
    { score: 1, description: 'Серьёзные замечания' },
    { score: 2, description: 'Есть замечания' },
    { score: 3, description: 'Без замечаний' },
  ];
  const q1 = await call('POST', '/api/checklists/questions', {
    sectionId: doors.id,
    code: '1.1',
    text: 'Двери шахты закрываются плавно',
    type: 'score',
    maxScore: 3,
    criterionGroup: 'Безопасность',
    isCritical: true,
    options,
  });
  const q2 = await call('POST', '/api/checklists/questions', {
    sectionId: light.id,
    code: '2.1',
    text: 'Освещённость кабины достаточная',
    type: 'score',
    maxScore: 3,
    criterionGroup: 'Комфорт',
    options,
  });
  await call('POST', '/api/checklists/object-info-fields', INVENTORY_FIELD);
  await call('POST', '/api/checklists/publish', { notes: 'e2e reports' });
  const auditorUser = await createAuditor(call, baseURL, {
    username: 'petrov.i',
    fullName: 'Петров Иван Сергеевич',
    password: PASSWORD,
  });
  const otherUser = await createAuditor(call, baseURL, {
    username: 'orlova.m',
    fullName: 'Орлова Мария',
    password: PASSWORD,
  });

  const auditor = await apiAs<ApiJson>(baseURL, auditorUser);
  const uuid = randomUUID();
  await auditor('POST', '/api/audits', { uuid, elevatorId: elevator.id });
  await auditor('PUT', `/api/audits/${uuid}/responses/${q1.id}`, { score: 1, comment: XSS });
  await auditor('PUT', `/api/audits/${uuid}/responses/${q2.id}`, { score: 3 });
  const jpeg = await testPhoto(800, 600, { r: 200, g: 80, b: 40 });
  await auditor('POST', `/api/audits/${uuid}/attachments?questionId=${q1.id}`, undefined, jpeg);
  await auditor('POST', `/api/audits/${uuid}/submit`);
  return { uuid, auditorUser, otherUser };
}

async function download(page: Page, menu: string, item: string) {
  await page.getByRole('button', { name: menu }).click();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: item }).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), body: await readFile(path) };
}

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Moscow' });

test('the admin reads the dashboard, downloads both exports and prints an audit', async ({
  browser,
  app,
}, testInfo) => {
  const admin = await app.createAdmin('reports.admin');
  const { uuid, auditorUser, otherUser } = await prepare(app.url, admin);

  const page = await logIn(browser, app, admin);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'Панель администратора' })).toBeVisible();
  await expect(page.getByTestId('stat-awaiting-review')).toContainText('1');
  await expect(
    page.getByTestId('stat-awaiting-review').getByRole('link', { name: /Вавилова/ }),
  ).toBeVisible();
  await expect(page.getByTestId('stat-statuses')).toContainText('Отправлен: 1');
  await expect(page.getByTestId('stat-failed-syncs')).toContainText('Ошибок нет.');
  // The charts (a lazily loaded chunk) draw: bars per auditor and the weakest zones.
  await expect(
    page.getByTestId('chart-audits-per-month').locator('.recharts-bar-rectangle').first(),
  ).toBeVisible();
  await expect(page.getByTestId('chart-audits-per-month')).toContainText('Петров Иван Сергеевич');
  const weakest = page.getByTestId('chart-weakest-categories');
  await expect(weakest).toContainText(/Этажная\s*площадка/); // recharts wraps tick labels
  await expect(weakest).toContainText('33.3');
  const stale = page.getByTestId('stale-elevators');
  await expect(stale).toContainText('ул. Полевая');
  await expect(stale).not.toContainText('ул. Вавилова');
  await expect(stale).toContainText('ни разу');
  const staleRequest = page.waitForRequest((r) => r.url().includes('staleMonths=3'));
  await stale.getByLabel('Не проверялись, месяцев').fill('3');
  await staleRequest;
  await expect(stale).toContainText('Всего лифтов: 1');
  if (process.env.UPDATE_SCREENSHOTS) {
    // The app shell's header is fixed: a tall viewport instead of fullPage keeps it at the top.
    await page.setViewportSize({ width: 1280, height: 1280 });
    await page.screenshot({ path: 'docs/screenshots/dashboard.png' });
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  // Both exports of the whole list, named with today's date in Cyrillic.
  const xlsx = await download(page, 'Выгрузить все аудиты', 'Excel (XLSX)');
  expect(xlsx.name).toBe(`Аудиты_${today()}.xlsx`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.rowCount).toBe(2);
  expect(sheet.getRow(2).getCell(3).value).toBe('Москва, ул. Вавилова, 19');
  expect(sheet.getRow(2).getCell(9).value).toBe(66.7);
  const csv = await download(page, 'Выгрузить все аудиты', 'CSV');
  expect(csv.name).toBe(`Аудиты_${today()}.csv`);
  expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = csv.body.toString('utf8').slice(1).split('\r\n').filter(Boolean);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(';Москва, ул. Вавилова, 19;');
  expect(lines[1]).toContain(';66,7;');

  // The audit card: one audit's export and the print view.
  await page.goto(`/admin/audits/${uuid}`);
  const one = await download(page, 'Выгрузить', 'Excel (XLSX)');
  expect(one.name).toMatch(/^Аудит_Москва_ул_Вавилова_19_\d{4}-\d{2}-\d{2}\.xlsx$/);
  await page.getByRole('link', { name: 'Печать' }).click();
  await expect(page).toHaveURL(new RegExp(`/audits/${uuid}/print$`));
  const report = page.getByTestId('audit-print');
  await expect(report.getByRole('heading', { name: 'Отчёт об аудите лифта' })).toBeVisible();
  await expect(report).toContainText('Петров Иван Сергеевич');
  await expect(report).toContainText('Двери шахты закрываются плавно');
  await expect(report).toContainText('1 — Серьёзные замечания');
  await expect(page.getByTestId('print-total')).toContainText('66,7 %');
  // Stored text is shown as text, never as markup.
  await expect(report.getByText(XSS, { exact: true })).toBeVisible();
  expect(await report.locator('img[src="x"], b').count()).toBe(0);
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  const thumb = report.locator('.pr-photos img');
  await expect(thumb).toHaveCount(1);
  await expect.poll(() => thumb.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);

  const pdfPath = testInfo.outputPath('audit-report.pdf');
  const pdf = await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await testInfo.attach('audit-report.pdf', { path: pdfPath, contentType: 'application/pdf' });
  // As printed: no toolbar; the screenshot is the printout at A4 width (210 mm ≈ 794 px).
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Печать' })).toBeHidden();
  if (process.env.UPDATE_SCREENSHOTS) {
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: 'docs/screenshots/audit-print.png', fullPage: true });
  }
  await page.emulateMedia({ media: 'screen' });

  // The audit's own auditor may print it; another auditor gets «not found».
  const own = await logIn(browser, app, auditorUser);
  await own.goto(`/auditor/audits/${uuid}`);
  await own.getByRole('link', { name: 'Печать' }).click();
  await expect(own.getByTestId('audit-print')).toContainText('Двери шахты закрываются плавно');
  const stranger = await logIn(browser, app, otherUser);
  await stranger.goto(`/audits/${uuid}/print`);
  await expect(stranger.getByRole('heading', { name: 'Страница не найдена' })).toBeVisible();
  await expect(stranger.getByTestId('audit-print')).toHaveCount(0);
});
