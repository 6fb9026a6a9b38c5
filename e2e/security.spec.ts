import { randomUUID } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { apiAs, createAuditor } from './support/api.js';
import { testPhoto } from './support/fixtures-data.js';
import { logInOnPage } from './support/login.js';
import { expect, type RunningApp, test } from './support/server.js';

/*
 * Stored text typed by an auditor (comment, text answer, object info, address) must show as text
 * wherever it is displayed: the admin's audit list and card, the moderation queue, the print view.
 * Markup in it never becomes elements, never runs (an onerror handler or a script would set
 * window.__xss or open a dialog), and the CSP refuses inline script anyway.
 */

const PASSWORD = 'Безопасный-Просмотр-2026';
const XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> «ул»';
const STREET = '<svg onload="window.__xss=3">Лесная';

/** The fields of API answers this spec reads. */
interface ApiJson {
  id: number;
  building: { id: number };
  elevator: { id: number };
}

async function prepare(app: RunningApp) {
  const admin = await app.createAdmin('security.admin', PASSWORD);
  const call = await apiAs<ApiJson>(app.url, admin);
  const zone = await call('POST', '/api/checklists/categories', { code: 'hall', name: 'Этажная площадка' });
  const section = await call('POST', '/api/checklists/sections', {
    categoryId: zone.id,
    title: 'Двери шахты',
  });
  const score = await call('POST', '/api/checklists/questions', {
    sectionId: section.id,
    code: '1.1',
    text: 'Двери шахты закрываются плавно',
    type: 'score',
    maxScore: 3,
    options: [
      { score: 0, description: 'Неисправно' },
      { score: 3, description: 'Без замечаний' },
    ],
  });
  const note = await call('POST', '/api/checklists/questions', {
    sectionId: section.id,
    code: '1.2',
    text: 'Примечание',
    type: 'text',
  });
  await call('POST', '/api/checklists/object-info-fields', {
    code: 'inventory',
    label: 'Заводской номер',
    fieldType: 'text',
    isRequired: true,
  });
  await call('POST', '/api/checklists/publish', { notes: 'e2e security' });
  const auditorUser = await createAuditor(call, app.url, {
    username: 'ivanov.a',
    fullName: 'Иванов Алексей',
    password: PASSWORD,
  });
  const auditor = await apiAs<ApiJson>(app.url, auditorUser);

  // The auditor adds the building (pending, so it also waits in the moderation queue).
  const { building } = await auditor('POST', '/api/buildings', {
    city: 'Москва',
    street: STREET,
    house: '5',
    notes: XSS,
  });
  const { elevator } = await auditor('POST', '/api/elevators', {
    buildingId: building.id,
    entrance: '1',
    description: XSS,
  });
  const uuid = randomUUID();
  await auditor('POST', '/api/audits', { uuid, elevatorId: elevator.id, objectInfo: { inventory: XSS } });
  await auditor('PUT', `/api/audits/${uuid}/responses/${score.id}`, { score: 0, comment: XSS });
  await auditor('PUT', `/api/audits/${uuid}/responses/${note.id}`, { textValue: XSS });
  const jpeg = await testPhoto(400, 300, '#c84');
  await auditor('POST', `/api/audits/${uuid}/attachments?questionId=${score.id}`, undefined, jpeg);
  await auditor('POST', `/api/audits/${uuid}/submit`);
  return { admin, auditorUser, uuid };
}

async function logIn(browser: Browser, app: RunningApp, user: { username: string; password: string }) {
  const context = await browser.newContext({ baseURL: app.url });
  const page = await context.newPage();
  const alarms: string[] = [];
  page.on('dialog', (dialog) => {
    alarms.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await logInOnPage(page, user);
  return { page, alarms };
}

/** Nothing from the payloads became an element or ran. */
async function expectInert(page: Page, alarms: string[]) {
  expect(await page.locator('img[src="x"], svg[onload], script:not([src])').count()).toBe(0);
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  expect(alarms).toEqual([]);
}

test('stored markup shows as text in the audit list, audit card, moderation queue and print view', async ({
  browser,
  app,
}) => {
  const { admin, auditorUser, uuid } = await prepare(app);
  const { page, alarms } = await logIn(browser, app, admin);

  await page.goto('/admin/audits');
  await expect(page.getByText(STREET, { exact: false }).first()).toBeVisible();
  await expectInert(page, alarms);

  await page.goto(`/admin/audits/${uuid}`);
  await expect(page.getByText(XSS, { exact: true }).first()).toBeVisible();
  await expect(page.getByText(STREET, { exact: false }).first()).toBeVisible();
  await expectInert(page, alarms);

  await page.goto('/admin/catalog/moderation');
  await expect(page.getByText(STREET, { exact: false }).first()).toBeVisible();
  await expectInert(page, alarms);

  await page.goto(`/audits/${uuid}/print`);
  const report = page.getByTestId('audit-print');
  await expect(report.getByText(XSS, { exact: true }).first()).toBeVisible();
  await expectInert(page, alarms);

  // The auditor's own print view of the same audit.
  const auditor = await logIn(browser, app, auditorUser);
  await auditor.page.goto(`/audits/${uuid}/print`);
  await expect(auditor.page.getByTestId('audit-print').getByText(XSS, { exact: true }).first()).toBeVisible();
  await expectInert(auditor.page, auditor.alarms);
});

test('the CSP blocks an inline script even if one were injected into a page', async ({ browser, app }) => {
  const admin = await app.createAdmin('csp.admin', PASSWORD);
  const { page } = await logIn(browser, app, admin);
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
  });
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__xss = 4';
    document.body.append(s);
  });
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  await expect.poll(() => violations.length).toBeGreaterThan(0);
});
