import type { Page } from '@playwright/test';
import { createAuditor } from './support/api.js';
import { prepareLiftAndChecklist, testPhoto } from './support/fixtures-data.js';
import { logIn } from './support/login.js';
import { type Credentials, expect, type RunningApp, test } from './support/server.js';

const PASSWORD = 'Шахта-Лифта-Проверена-9';
const AUDITOR = { username: 'smirnova.e', fullName: 'Смирнова Елена Викторовна' };

/** Admin data for the story: an approved lift, a small published checklist and the auditor. */
async function prepare(app: RunningApp, admin: Credentials) {
  const call = await prepareLiftAndChecklist(app.url, admin, { notes: 'e2e', isDoorsQuestionCritical: true });
  await createAuditor(call, app.url, { ...AUDITOR, password: PASSWORD });
}

const photo = (color: { r: number; g: number; b: number }) => testPhoto(1200, 900, color);

async function expectNoHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function allImagesLoaded(page: Page, testId: string, count: number) {
  const images = page.getByTestId(testId);
  await expect(images).toHaveCount(count);
  for (const img of await images.all()) {
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  }
}

test('an auditor performs a whole audit with two photos and submits; the admin reviews it', async ({
  browser,
  app,
}) => {
  const admin = await app.createAdmin('audit.admin');
  await prepare(app, admin);

  // ---- The auditor, on a phone-sized screen ----
  const auditor = await logIn(browser, app, { username: AUDITOR.username, password: PASSWORD });
  await auditor.setViewportSize({ width: 360, height: 780 });
  await expect(auditor.getByText('Аудитов пока нет')).toBeVisible();
  await auditor.getByRole('link', { name: 'Новый аудит' }).click();
  // The lift is found in the catalog cached on the device (works offline too).
  await auditor.getByTestId('offline-search').fill('вавилова');
  await auditor.getByTestId('elevator-result').filter({ hasText: 'ЗАВ-4821' }).click();
  await auditor.getByRole('button', { name: 'Начать аудит' }).click();

  await expect(auditor.getByLabel('Заводской номер')).toHaveValue('ЗАВ-4821');
  await expectNoHorizontalOverflow(auditor);
  const doors = auditor.getByTestId('question-card').filter({ hasText: 'Двери шахты закрываются плавно' });
  const button = auditor.getByTestId('question-card').filter({ hasText: 'Кнопка вызова исправна' });
  await expect(doors.getByText('Есть замечания')).toBeVisible();

  // A reduced score needs a comment, said inline in Russian.
  await doors.getByRole('radio', { name: /^2/ }).click();
  await expect(doors.getByText('Комментарий обязателен: оценка ниже максимальной.')).toBeVisible();
  await expect(auditor.getByTestId('save-state')).toHaveText('Сохранено');
  await expect(auditor.getByTestId('audit-progress')).toContainText('Отвечено 1 из 2');

  // Submitting too early lists what is missing and jumps to it.
  await auditor.getByRole('button', { name: 'Отправить аудит' }).click();
  const missing = auditor.getByTestId('missing-list');
  await expect(missing).toContainText('Нужен комментарий к сниженной оценке в вопросе «1.1.');
  await expect(missing).toContainText('Нет ответа на вопрос «1.2. Кнопка вызова исправна»');
  await missing.getByRole('button', { name: /Кнопка вызова исправна/ }).click();
  await expect(button.getByRole('radio', { name: 'Да' })).toBeFocused();

  await doors.getByLabel('Комментарий').fill('Дверь закрывается с задержкой 2 с');
  await doors.getByLabel('Комментарий').blur();
  await expect(doors.getByText('Комментарий обязателен')).toHaveCount(0);
  await button.getByRole('radio', { name: 'Да' }).click();
  await expect(missing).toHaveCount(0);

  await doors.getByTestId(/^gallery-input-/).setInputFiles([
    { name: 'door-1.jpg', mimeType: 'image/jpeg', buffer: await photo({ r: 200, g: 60, b: 40 }) },
    { name: 'door-2.jpg', mimeType: 'image/jpeg', buffer: await photo({ r: 40, g: 90, b: 200 }) },
  ]);
  await expect(doors.getByTestId('photo-upload')).toHaveCount(0);
  await allImagesLoaded(auditor, 'photo-thumb', 2);
  await expect(auditor.getByTestId('save-state')).toHaveText('Сохранено');
  await expect(auditor.getByTestId('current-score')).toContainText('2 из 3 (66.7%)');

  await auditor.getByRole('button', { name: 'Отправить аудит' }).click();
  await auditor.getByTestId('confirm-submit').click();
  await expect(auditor.getByTestId('audit-summary')).toBeVisible();
  await expect(auditor.getByText('Аудит отправлен и доступен только для просмотра.')).toBeVisible();
  await expect(auditor.getByTestId('summary-score')).toHaveText('2 / 3');
  await expect(auditor.getByTestId('summary-percentage')).toHaveText('66.7%');
  await expect(auditor.getByTestId('summary-comments')).toHaveText('1');
  await expect(auditor.getByTestId('summary-photos')).toHaveText('2');
  await expect(auditor.getByTestId('critical-defects')).toContainText('Двери шахты закрываются плавно');
  await expect(auditor.getByRole('button', { name: 'Отправить аудит' })).toHaveCount(0);
  await expectNoHorizontalOverflow(auditor);
  if (process.env.UPDATE_SCREENSHOTS)
    await auditor.screenshot({ path: 'docs/screenshots/audit-summary.png' });

  // The device sends the audit and its photos in the background (offline mode, client/sync).
  await expect(auditor.getByTestId('unsent-count')).toHaveText('Все данные отправлены', { timeout: 30_000 });

  // ---- The admin ----
  const adminPage = await logIn(browser, app, admin);
  await adminPage.goto('/admin/audits');
  const row = adminPage.getByTestId('admin-audit-row').filter({ hasText: 'Вавилова' });
  await expect(row.getByTestId('audit-new-badge')).toHaveText('Новый');
  await expect(row.getByTestId('audit-counts')).toHaveText('1 / 2');
  await row.getByRole('link', { name: /Вавилова/ }).click();
  await expect(adminPage.getByText('Дверь закрывается с задержкой 2 с')).toBeVisible();
  await allImagesLoaded(adminPage, 'photo-thumb', 2);
  await adminPage.getByTestId('photo-thumb').first().click();
  await allImagesLoaded(adminPage, 'photo-preview', 1);
  await adminPage.keyboard.press('Escape');

  await adminPage.getByRole('button', { name: 'Отметить как просмотренный' }).click();
  await expect(adminPage.getByText('Аудит отмечен как просмотренный')).toBeVisible();
  await expect(adminPage.getByText('Просмотрен', { exact: true })).toBeVisible();
  await expect(adminPage.getByTestId('audit-new-badge')).toHaveCount(0);
  await adminPage.goto('/admin/audits?review=new');
  await expect(adminPage.getByTestId('admin-audit-row')).toHaveCount(0);
});
