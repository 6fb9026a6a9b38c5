/**
 * The screens of the user guide (docs/user-guide.md), in the order the guide tells them: the auditor
 * on a phone (390×844), then the administrator on a desktop (1366×800). Every step asserts that its
 * screen rendered (a heading or a key control), so this is a real test in normal runs; the pictures
 * are written to docs/screenshots/guide-*.png only with UPDATE_SCREENSHOTS=1.
 *
 * Data: the starter checklist and the demo catalog through the real CLI (`souzlift seed-checklist`,
 * `souzlift seed-demo`), users and a few audits through the API.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Locator, Page } from '@playwright/test';
import sharp from 'sharp';
import { type ApiCall, apiAs, createAuditor } from './support/api.js';
import { testPhoto } from './support/fixtures-data.js';
import { logInOnPage } from './support/login.js';
import { expect, type RunningApp, test } from './support/server.js';

const CLI = fileURLToPath(new URL('../bin/souzlift.js', import.meta.url));
const SHOTS_DIR = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 800 };
const PASSWORD = 'Лебёдка-И-Канаты-2026';
const ADMIN = {
  username: 'kuznetsov.a',
  password: 'Противовес-Шахты-2026',
  fullName: 'Кузнецов Алексей Игоревич',
};
const AUDITOR = { username: 'ivanova.m', password: PASSWORD, fullName: 'Иванова Мария Сергеевна' };
const OTHER_AUDITOR = { username: 'petrov.s', password: PASSWORD, fullName: 'Петров Сергей Алексеевич' };

test.describe.configure({ mode: 'serial' });

/** Saves a screenshot for the guide (only with UPDATE_SCREENSHOTS=1), kept under 200 KB. */
async function snap(page: Page, name: string) {
  if (!process.env.UPDATE_SCREENSHOTS) return;
  // Transitions (modals, collapses) are finished, not caught halfway.
  const raw = await page.screenshot({ animations: 'disabled' });
  let png = await sharp(raw).png({ compressionLevel: 9 }).toBuffer();
  if (png.length > 190_000) png = await sharp(raw).png({ palette: true, compressionLevel: 9 }).toBuffer();
  expect(png.length).toBeLessThan(200_000);
  await writeFile(`${SHOTS_DIR}guide-${name}.png`, png);
}

async function souzlift(app: RunningApp, ...args: string[]) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    DATA_DIR: app.dataDir,
    LOG_LEVEL: 'warn',
  };
  for (const key of ['DATABASE_PATH', 'DATABASE_URL', 'MEDIA_DIR', 'LOG_DIR', 'BACKUP_DIR']) delete env[key];
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, ...args], { cwd: app.dataDir, env });
  return stdout;
}

type Json = Record<string, unknown> & {
  id: number;
  items: Json[];
  building: { id: number };
  elevator: { id: number; buildingId: number };
  snapshot: Snapshot;
  categories: { sections: { questions: { id: number }[] }[] }[];
};
type Call = ApiCall<Json>;

/** An auditor ready to work, and their caller. */
async function newAuditor(admin: Call, baseURL: string, user: typeof AUDITOR) {
  return apiAs<Json>(baseURL, await createAuditor(admin, baseURL, user));
}

const jpeg = (r: number, g: number, b: number) => testPhoto(1200, 900, { r, g, b });

interface Question {
  id: number;
  code: string;
  type: 'score' | 'yes_no' | 'text';
  maxScore: number | null;
  options: { score: number }[];
}
interface Field {
  code: string;
  fieldType: string;
  isRequired: boolean;
  choices: string[];
}
interface Snapshot {
  categories: { sections: { questions: Question[] }[] }[];
  objectInfoFields: Field[];
}

function fieldValue(field: Field): string | number | boolean {
  if (field.fieldType === 'number') return 12;
  if (field.fieldType === 'date') return '2026-11-20';
  if (field.fieldType === 'boolean') return true;
  if (field.fieldType === 'select') return field.choices[0] ?? 'да';
  return 'Сведения внесены';
}

/** A whole audit through the API: every question answered, a few reduced with comments, one photo. */
async function completeAudit(call: Call, snapshot: Snapshot, elevatorId: number, reduced: number) {
  const uuid = randomUUID();
  const objectInfo = Object.fromEntries(
    snapshot.objectInfoFields.filter((f) => f.isRequired).map((f) => [f.code, fieldValue(f)]),
  );
  await call('POST', '/api/audits', { uuid, elevatorId, objectInfo });
  const questions = snapshot.categories.flatMap((c) => c.sections.flatMap((s) => s.questions));
  for (const [i, q] of questions.entries()) {
    const lower = i % 9 === 0 && i / 9 < reduced;
    if (q.type === 'score') {
      const top = Math.max(...q.options.map((o) => o.score));
      await call('PUT', `/api/audits/${uuid}/responses/${q.id}`, {
        score: lower ? top - 1 : top,
        comment: lower ? 'Выявлен износ, требуется регулировка.' : null,
      });
    } else if (q.type === 'yes_no') {
      await call('PUT', `/api/audits/${uuid}/responses/${q.id}`, {
        yesNo: !lower,
        comment: lower ? 'Не работает, передано в обслуживающую организацию.' : null,
      });
    }
  }
  await call(
    'POST',
    `/api/audits/${uuid}/attachments?questionId=${questions[0]!.id}`,
    undefined,
    await jpeg(170, 90, 60),
  );
  await call('POST', `/api/audits/${uuid}/submit`);
  return uuid;
}

interface Prepared {
  submittedUuid: string;
}
const prepared = new Map<string, Promise<Prepared>>();

/** The story's data, made once per server. */
function prepare(app: RunningApp): Promise<Prepared> {
  let ready = prepared.get(app.url);
  if (!ready) {
    ready = (async () => {
      await app.createAdmin(ADMIN.username, ADMIN.password);
      expect(await souzlift(app, 'seed-checklist', '--username', ADMIN.username)).toContain('версия 1');
      expect(await souzlift(app, 'seed-demo')).toContain('Демо-каталог');
      const admin = await apiAs<Json>(app.url, ADMIN);
      await admin('PATCH', '/api/auth/me', { fullName: ADMIN.fullName });
      const auditor = await newAuditor(admin, app.url, AUDITOR);
      const other = await newAuditor(admin, app.url, OTHER_AUDITOR);

      const version = await admin('GET', '/api/checklists/versions/latest');
      const snapshot = version.snapshot;
      const lifts = (await admin('GET', '/api/elevators?pageSize=20')).items;
      const lift = (i: number) => lifts[i]!.id;
      const submittedUuid = await completeAudit(auditor, snapshot, lift(0), 3);
      const reviewed = await completeAudit(other, snapshot, lift(2), 1);
      await completeAudit(other, snapshot, lift(4), 5);
      await admin('POST', `/api/audits/${reviewed}/review`);

      // The moderation queue: a new building with a lift, and a possible duplicate lift.
      const building = (
        await auditor('POST', '/api/buildings', { city: 'Самара', street: 'ул. Садовая', house: '17' })
      ).building;
      await auditor('POST', '/api/elevators', {
        buildingId: building.id,
        entrance: '1',
        capacityKg: 400,
        stops: 9,
      });
      const demo = (await admin('GET', `/api/elevators/${lift(0)}`)).elevator;
      await auditor('POST', '/api/elevators', {
        buildingId: demo.buildingId,
        entrance: '5',
        capacityKg: 1000,
      });

      // Version 2 of the checklist, so the history has something to compare.
      const draft = await admin('GET', '/api/checklists/draft');
      const firstQuestion = draft.categories[0]!.sections[0]!.questions[0]!;
      await admin('PATCH', `/api/checklists/questions/${firstQuestion.id}`, {
        guideline: 'Проверьте при открытых и закрытых дверях, на каждом этаже.',
      });
      await admin('POST', '/api/checklists/publish', { notes: 'Пояснение к первому вопросу' });
      return { submittedUuid };
    })();
    prepared.set(app.url, ready);
  }
  return ready;
}

/** Logged in as the auditor on a phone, with the catalog and checklist loaded onto the device. */
async function auditorOnPhone(page: Page) {
  await page.setViewportSize(PHONE);
  await logInOnPage(page, AUDITOR);
  await expect(page.getByRole('heading', { name: 'Мои аудиты' })).toBeVisible();
  await expect(page.getByTestId('snapshot-age')).toContainText('Справочник на устройстве', {
    timeout: 20_000,
  });
  // The app itself is on the device once the service worker has installed and controls the tab.
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 })
    .toBe(true);
}

async function adminOnDesktop(browser: Browser, app: RunningApp) {
  const context = await browser.newContext({ baseURL: app.url, viewport: DESKTOP, locale: 'ru-RU' });
  const page = await context.newPage();
  await logInOnPage(page, ADMIN);
  return page;
}

/** Scrolls so the element's top shows under the app header and the sticky progress panel. */
async function scrollBelowStickyHeader(target: Locator) {
  await target.evaluate((el) => {
    el.scrollIntoView({ block: 'start' });
    window.scrollBy(0, -190);
  });
}

async function startAudit(page: Page, search: string) {
  await page.getByRole('link', { name: 'Новый аудит' }).click();
  await expect(page.getByRole('heading', { name: 'Новый аудит' })).toBeVisible();
  await page.getByTestId('offline-search').fill(search);
  await page.getByTestId('elevator-result').first().click();
  await expect(page.getByTestId('picked-elevator')).toContainText(search.split(' ')[0]!);
}

test('auditor on a phone: login, «Мои аудиты», a new audit, answers with a comment and a photo, the completeness check and a submitted audit', async ({
  page,
  app,
}) => {
  const { submittedUuid } = await prepare(app);
  await page.setViewportSize(PHONE);
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Вход' })).toBeVisible();
  await snap(page, 'login-phone');

  await auditorOnPhone(page);
  await expect(page.getByTestId('audit-card')).toHaveCount(1);
  await expect(page.getByTestId('network-state')).toHaveText('В сети');
  await snap(page, 'auditor-home');

  await startAudit(page, 'Профсоюзная 56');
  await snap(page, 'new-audit');
  await page.getByTestId('start-audit').click();
  await expect(page).toHaveURL(/\/auditor\/audits\/[0-9a-f-]{36}$/);
  await expect(page.getByText('Сведения об объекте').first()).toBeVisible();
  await snap(page, 'audit-start');

  // The first question: a reduced score needs a comment; then a photo from the gallery.
  const card = page.getByTestId('question-card').first();
  const options = card.getByRole('radio');
  const count = await options.count();
  expect(count).toBeGreaterThan(1);
  await options.nth(count - 2).click();
  await expect(card.getByText('Комментарий обязателен: оценка ниже максимальной.')).toBeVisible();
  await card.getByLabel('Комментарий').fill('Двери закрываются с ударом, требуется регулировка доводчика.');
  await card.getByLabel('Комментарий').blur();
  await expect(card.getByText('Комментарий обязателен')).toHaveCount(0);
  await card.getByTestId(/^gallery-input-/).setInputFiles({
    name: 'dveri.jpg',
    mimeType: 'image/jpeg',
    buffer: await jpeg(90, 110, 150),
  });
  await expect(card.getByTestId('photo-thumb')).toHaveCount(1);
  await expect(page.getByTestId('save-state')).toHaveText('Сохранено');
  await scrollBelowStickyHeader(card);
  await snap(page, 'audit-question');

  // Submitting too early lists what is missing.
  await page.getByRole('button', { name: 'Отправить аудит' }).click();
  const missing = page.getByTestId('missing-list');
  await expect(missing).toContainText('Нет ответа на вопрос');
  await scrollBelowStickyHeader(missing);
  await snap(page, 'audit-missing');

  // A submitted audit: the summary, read-only.
  await page.goto(`/auditor/audits/${submittedUuid}`);
  await expect(page.getByTestId('audit-summary')).toBeVisible();
  await expect(page.getByText('Аудит отправлен и доступен только для просмотра.')).toBeVisible();
  await snap(page, 'audit-summary');
});

test('auditor offline: the audit waits on the device, logout warns, a refused photo offers «Повторить» and «Переснять»', async ({
  page,
  context,
  app,
}) => {
  await prepare(app);
  await auditorOnPhone(page);

  await context.setOffline(true);
  await expect(page.getByTestId('network-state')).toContainText('Нет сети');
  await startAudit(page, 'Ленинский 123');
  await page.getByTestId('start-audit').click();
  const card = page.getByTestId('question-card').first();
  await card.getByRole('radio').last().click();
  await expect(page.getByTestId('save-state')).toHaveText('Сохранено');
  await card.getByTestId(/^gallery-input-/).setInputFiles({
    name: 'kabina.jpg',
    mimeType: 'image/jpeg',
    buffer: await jpeg(60, 140, 90),
  });
  await expect(card.getByTestId('photo-thumb')).toHaveCount(1);
  const auditUrl = page.url();

  await page.getByRole('link', { name: /К списку аудитов/ }).click();
  await expect(page.getByTestId('unsent-count')).toHaveText('Не отправлен 1 аудит');
  await page.getByRole('button', { name: 'Подробнее' }).click();
  await expect(page.getByTestId('sync-bar').getByTestId('audit-sync-state')).toHaveText('Ожидает отправки');
  await snap(page, 'sync-offline');

  await page.getByRole('button', { name: 'Меню' }).click();
  await page.getByRole('button', { name: 'Выйти' }).click();
  await expect(page.getByTestId('logout-warning')).toContainText('аудитов — 1, фотографий — 1');
  await snap(page, 'logout-warning');
  await page.getByRole('button', { name: 'Остаться' }).click();
  await expect(page.getByTestId('logout-warning')).toBeHidden();

  // Back online, the server refuses the photo (as it would a file damaged on the way).
  // context.route also sees requests that pass through the service worker.
  await context.route('**/api/offline-sync/attachments/*', (route) =>
    route.request().method() === 'PUT'
      ? route.fulfill({
          status: 409,
          contentType: 'application/json',
          body: JSON.stringify({
            error: {
              code: 'sync.hash_mismatch',
              message: 'Контрольная сумма фотографии не совпадает: файл повреждён при передаче.',
            },
            requestId: 'guide',
          }),
        })
      : route.continue(),
  );
  await context.setOffline(false);
  await page.goto(auditUrl);
  await page.getByTestId('sync-now').click();
  const errors = page.getByTestId('audit-sync-errors').first();
  await expect(errors).toContainText('Фотография: Контрольная сумма фотографии не совпадает');
  await expect(errors.getByRole('button', { name: 'Переснять' })).toBeVisible();
  await errors.scrollIntoViewIfNeeded();
  await snap(page, 'sync-photo-error');

  // «Повторить» once the network behaves: the draft is on the server.
  await context.unroute('**/api/offline-sync/attachments/*');
  await errors.getByRole('button', { name: 'Повторить' }).click();
  const headerState = page.getByTestId('audit-sync-state').filter({ visible: true }).first();
  await expect(headerState).toHaveText('Черновик сохранён на сервере', {
    timeout: 20_000,
  });
});

test('auditor on a phone: «Объекты» with own records under review, and «Поддержка»', async ({
  page,
  app,
}) => {
  await prepare(app);
  await auditorOnPhone(page);
  await page.getByRole('button', { name: 'Меню' }).click();
  await page.getByRole('link', { name: 'Объекты' }).click();
  await expect(page.getByRole('heading', { name: 'Объекты' })).toBeVisible();
  await expect(page.getByTestId('my-record').first()).toContainText('На проверке');
  await snap(page, 'auditor-catalog');

  await page.goto('/support');
  await expect(page.getByRole('heading', { name: 'Поддержка' })).toBeVisible();
  await expect(page.getByTestId('support-version')).not.toBeEmpty();
  await snap(page, 'support');
});

test('admin on a desktop: users, catalog moderation (reject, merge) and catalog import', async ({
  browser,
  app,
}) => {
  await prepare(app);
  const page = await adminOnDesktop(browser, app);
  await page.goto('/admin/users');
  await expect(page.getByTestId('users-table')).toContainText(AUDITOR.fullName);
  await snap(page, 'admin-users');

  await page.goto('/admin/catalog/moderation');
  await expect(page.getByRole('heading', { name: 'Модерация каталога' })).toBeVisible();
  const building = page.locator('[data-testid="moderation-item"][data-kind="buildings"]', {
    hasText: 'Садовая',
  });
  await expect(building).toContainText(`Добавил(а): ${AUDITOR.fullName}`);
  await snap(page, 'admin-moderation');

  const lift = page.locator('[data-testid="moderation-item"][data-kind="elevators"]', {
    hasText: 'подъезд 5',
  });
  await lift.getByRole('button', { name: 'Объединить' }).click();
  const merge = page.getByRole('dialog', { name: 'Объединить с существующей записью' });
  await expect(merge).toContainText('Похожие записи');
  await snap(page, 'admin-merge');
  await page.keyboard.press('Escape');
  await expect(merge).toBeHidden();

  await building.getByRole('button', { name: 'Отклонить' }).click();
  const reject = page.getByRole('dialog', { name: 'Отклонить запись' });
  await reject
    .getByLabel('Причина (её увидит автор)')
    .fill('Дом 17 на ул. Садовой уже есть: проверьте номер дома.');
  await snap(page, 'admin-reject');
  await reject.getByRole('button', { name: 'Отклонить' }).click();
  await expect(page.getByText('Запись отклонена')).toBeVisible();

  await page.goto('/admin/catalog/import');
  await expect(page.getByRole('heading', { name: 'Импорт каталога' })).toBeVisible();
  const rows = [
    'Город;Улица;Дом;Подъезд;Грузоподъёмность;Остановок;Рег. номер',
    'Тула;ул. Мира;3;1;400;9;71-1001',
    'Тула;ул. Мира;3;2;630;9;71-1002',
    'Тула;ул. Мира;;3;400;9;',
  ];
  await page.locator('input[type="file"]').setInputFiles({
    name: 'тула.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`\uFEFF${rows.join('\r\n')}`),
  });
  await page.getByRole('button', { name: 'Проверить файл' }).click();
  await expect(page.getByTestId('import-preview').locator('tr[data-row="4"]')).toContainText(
    'Не указан номер дома.',
  );
  await expect(page.getByRole('button', { name: 'Применить' })).toBeDisabled();
  await snap(page, 'admin-catalog-import');
});

test('admin on a desktop: checklist builder, version history with a comparison, imports', async ({
  browser,
  app,
}) => {
  await prepare(app);
  const page = await adminOnDesktop(browser, app);
  await page.goto('/admin/checklist');
  await expect(page.getByRole('heading', { name: 'Конструктор чек-листа' })).toBeVisible();
  await expect(page.getByText('Черновик совпадает с последней версией')).toBeVisible();
  await expect(page.getByTestId('zone-card').first()).toBeVisible();
  await snap(page, 'admin-checklist');

  await page.getByRole('tab', { name: 'Версии' }).click();
  await expect(page.getByRole('heading', { name: 'История версий' })).toBeVisible();
  await expect(page.getByTestId('versions-table').locator('tr[data-version="2"]')).toContainText(
    'Пояснение к первому вопросу',
  );
  await expect(page.getByRole('heading', { name: 'Сравнить версии' })).toBeVisible();
  await expect(page.getByTestId('diff-questions')).toContainText('пояснение');
  await page.setViewportSize({ width: DESKTOP.width, height: 1000 });
  await snap(page, 'admin-versions');
  await page.setViewportSize(DESKTOP);

  await page.getByRole('tab', { name: 'Импорт и экспорт' }).click();
  await expect(page.getByRole('heading', { name: 'Импорт таблицы заказчика' })).toBeVisible();
  await snap(page, 'admin-checklist-transfer');
});

test('admin on a desktop: audit list with filters, the audit card and «Отметить как просмотренный»', async ({
  browser,
  app,
}) => {
  const { submittedUuid } = await prepare(app);
  const page = await adminOnDesktop(browser, app);
  await page.goto('/admin/audits');
  await expect(page.getByRole('heading', { name: 'Аудиты' })).toBeVisible();
  // Two submitted audits wait for review; the third is already reviewed; drafts carry no badge.
  await expect(page.getByTestId('audit-new-badge')).toHaveCount(2);
  await expect(page.getByTestId('admin-audit-row').filter({ hasText: 'Просмотрен' })).toHaveCount(1);
  await snap(page, 'admin-audits');

  await page.goto(`/admin/audits/${submittedUuid}`);
  const review = page.getByRole('button', { name: 'Отметить как просмотренный' });
  await expect(review).toBeVisible();
  await expect(page.getByText(AUDITOR.fullName).first()).toBeVisible();
  await snap(page, 'admin-audit-card');
  await review.click();
  await expect(page.getByText('Аудит отмечен как просмотренный')).toBeVisible();
});

test("admin on a desktop: «Синхронизация» shows the auditor's device and the batches it sent", async ({
  browser,
  app,
}) => {
  await prepare(app);
  const page = await adminOnDesktop(browser, app);
  await page.getByRole('link', { name: 'Синхронизация' }).click();
  await expect(page.getByRole('heading', { name: 'Синхронизация' })).toBeVisible();
  await expect(page.getByTestId('sync-devices')).toContainText(AUDITOR.fullName);
  await expect(page.getByTestId('sync-batches')).toContainText('принят');
  await snap(page, 'admin-sync');
});

test('admin on a desktop: dashboard, then an announcement banner every user sees', async ({
  browser,
  app,
}) => {
  await prepare(app);
  const page = await adminOnDesktop(browser, app);
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'Панель администратора' })).toBeVisible();
  await expect(page.getByTestId('stat-statuses')).toContainText('Просмотрен');
  await expect(
    page.getByTestId('chart-audits-per-month').locator('.recharts-bar-rectangle').first(),
  ).toBeVisible();
  await page.setViewportSize({ width: DESKTOP.width, height: 1200 });
  await snap(page, 'admin-dashboard');
  await page.setViewportSize(DESKTOP);

  await page.getByRole('link', { name: 'Объявления' }).click();
  await expect(page.getByRole('heading', { name: 'Объявления' })).toBeVisible();
  await page
    .getByLabel('Текст объявления')
    .fill('Плановые работы 2 декабря с 20:00 до 21:00: приложение будет недоступно.');
  await page.getByRole('button', { name: 'Опубликовать' }).click();
  await expect(page.getByTestId('announcement-banner')).toContainText('Плановые работы 2 декабря');
  await expect(page.getByTestId('announcement-row')).toContainText('Показывается');
  await snap(page, 'admin-announcements');
});
