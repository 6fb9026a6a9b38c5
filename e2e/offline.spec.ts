import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { apiAs, createAuditor } from './support/api.js';
import { prepareLiftAndChecklist, testPhoto } from './support/fixtures-data.js';
import { type Credentials, expect, type RunningApp, test } from './support/server.js';

/*
 * Offline mode in a real Chromium with the built app and its service worker: the network is cut
 * for the page AND the service worker (context.setOffline plus a route that aborts every request to
 * the app), the page is reloaded and reopened offline, and nothing entered is lost.
 */

const PASSWORD = 'Офлайн-Проверка-Лифта-7';
const AUDITOR = { username: 'petrov.offline', fullName: 'Петров Пётр Офлайнович' };

/** The fields of API answers this spec reads. */
interface ApiJson {
  audit: {
    status: string;
    source: string;
    attachments: { width: number; height: number }[];
    elevator: { reviewStatus: string };
    building: { street: string };
  };
  items: { auditUuids: string[]; status: string }[];
  pendingAttachments: { auditUuid: string }[];
}

const prepared = new Map<string, Promise<Credentials>>();

/** The story's data once per server (a failed test restarts the worker with a fresh server). */
function ensurePrepared(app: RunningApp) {
  let admin = prepared.get(app.url);
  if (!admin) {
    admin = app.createAdmin('offline.admin').then(async (a) => {
      const call = await prepareLiftAndChecklist(app.url, a, {
        notes: 'e2e offline',
        isDoorsQuestionCritical: false,
      });
      await createAuditor(call, app.url, { ...AUDITOR, password: PASSWORD });
      return a;
    });
    prepared.set(app.url, admin);
  }
  return admin;
}

const photo = (color: { r: number; g: number; b: number }) => testPhoto(3000, 2000, color);

/** Logs the auditor in online and waits until the service worker controls the page and the snapshot is on the device. */
async function auditorOnline(
  browser: Browser,
  app: RunningApp,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: app.url });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Имя пользователя').fill(AUDITOR.username);
  await page.getByLabel('Пароль', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page).toHaveURL(/\/auditor/);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await expect(page.getByTestId('snapshot-age')).toContainText('Справочник на устройстве');
  return { context, page };
}

/** No network for the page or its service worker; returns a switch to bring it back. */
async function cutNetwork(context: BrowserContext, app: RunningApp): Promise<() => Promise<void>> {
  let blocked = 0;
  const handler = (route: import('@playwright/test').Route) => {
    blocked += 1;
    return route.abort('internetdisconnected');
  };
  await context.route(`${app.url}/**`, handler);
  await context.setOffline(true);
  return async () => {
    await context.unroute(`${app.url}/**`, handler);
    await context.setOffline(false);
    expect(blocked).toBeGreaterThan(0);
  };
}

test('offline: a new lift, an audit with photos, a reload and a reopen lose nothing; back online it reaches the admin', async ({
  browser,
  app,
}) => {
  test.setTimeout(120_000); // photos are compressed and uploaded on a shared 2-core machine
  const admin = await ensurePrepared(app);
  const { context, page } = await auditorOnline(browser, app);
  await expect(page.getByTestId('sync-bar')).toContainText('Все данные отправлены');

  const restore = await cutNetwork(context, app);
  expect(
    await page.evaluate(() =>
      fetch('/healthz').then(
        () => 'up',
        () => 'down',
      ),
    ),
  ).toBe('down');
  await page.reload();
  await expect(page.getByTestId('network-state')).toContainText('Нет сети');

  // A new building and lift, entirely offline.
  await page.getByRole('link', { name: 'Новый аудит' }).click();
  await page.getByTestId('offline-search').fill('вавилова');
  await expect(page.getByTestId('elevator-result')).toHaveCount(1);
  await page.getByRole('button', { name: 'Новое здание' }).click();
  await page.getByLabel('Город', { exact: true }).fill('Москва');
  await page.getByLabel('Улица', { exact: true }).fill('ул. Офлайновая');
  await page.getByLabel('Дом', { exact: true }).fill('7');
  await page.getByTestId('save-building').click();
  await page.getByLabel('Подъезд', { exact: true }).fill('3');
  await page.getByLabel('Заводской или регистрационный номер').fill('НОВ-77');
  await page.getByTestId('save-elevator').click();
  await expect(page.getByTestId('picked-elevator')).toContainText('Офлайновая');
  await page.getByTestId('start-audit').click();

  await expect(page.getByLabel('Заводской номер')).toHaveValue('НОВ-77');
  const doors = page.getByTestId('question-card').filter({ hasText: 'Двери шахты закрываются плавно' });
  const button = page.getByTestId('question-card').filter({ hasText: 'Кнопка вызова исправна' });
  await doors.getByRole('radio', { name: /^3/ }).click();
  await button.getByRole('radio', { name: 'Да' }).click();
  await doors.getByTestId(/^gallery-input-/).setInputFiles([
    { name: 'door-1.jpg', mimeType: 'image/jpeg', buffer: await photo({ r: 200, g: 60, b: 40 }) },
    { name: 'door-2.jpg', mimeType: 'image/jpeg', buffer: await photo({ r: 40, g: 90, b: 200 }) },
  ]);
  await expect(doors.getByTestId('photo-thumb')).toHaveCount(2);
  await expect(page.getByTestId('save-state')).toHaveText('Сохранено');
  const auditUrl = page.url();
  const auditUuid = auditUrl.split('/').pop() ?? '';

  // Reload offline: still there.
  await page.reload();
  await expect(
    page.getByTestId('question-card').filter({ hasText: 'Двери' }).getByTestId('photo-thumb'),
  ).toHaveCount(2);
  await page.getByRole('button', { name: 'Отправить аудит' }).click();
  await page.getByTestId('confirm-submit').click();
  await expect(page.getByTestId('audit-summary')).toBeVisible();

  // Close the tab, open a new one, still offline: the audit and its photos are there.
  await page.close();
  const reopened = await context.newPage();
  await reopened.goto('/auditor');
  await expect(reopened.getByTestId('network-state')).toContainText('Нет сети');
  const card = reopened.getByTestId('audit-card').filter({ hasText: 'Офлайновая' });
  await expect(card).toBeVisible();
  await expect(reopened.getByTestId('unsent-count')).toContainText('Не отправлен 1 аудит');
  await card.click();
  await expect(reopened.getByTestId('summary-photos')).toHaveText('2');

  // Logging out now would lose it: the app says what and lets the auditor stay.
  await reopened.getByRole('button', { name: 'Выйти' }).click();
  await expect(reopened.getByTestId('logout-warning')).toContainText('аудитов — 1, фотографий — 2');
  await reopened.getByRole('button', { name: 'Остаться' }).click();
  await expect(reopened.getByTestId('persist-state')).toBeVisible();

  // Network back: the engine sends the batch, then the photos (HEAD first), then frees the copy.
  await restore();
  await reopened.getByTestId('sync-now').click();
  await expect(reopened.getByTestId('unsent-count')).toHaveText('Все данные отправлены', { timeout: 30_000 });

  // The admin sees the audit, submitted, with both photos, on a lift waiting for review.
  const adminApi = await apiAs<ApiJson>(app.url, admin);
  const { audit } = await adminApi('GET', `/api/audits/${auditUuid}`);
  expect(audit.status).toBe('submitted');
  expect(audit.source).toBe('offline');
  expect(audit.attachments).toHaveLength(2);
  // Compressed on the device: 3000×2000 → long edge 2000 px.
  expect(audit.attachments.map((a: { width: number; height: number }) => [a.width, a.height])).toEqual([
    [2000, 1333],
    [2000, 1333],
  ]);
  expect(audit.elevator.reviewStatus).toBe('pending');
  expect(audit.building.street).toBe('ул. Офлайновая');
  const adminContext = await browser.newContext({ baseURL: app.url });
  const adminPage = await adminContext.newPage();
  await adminPage.goto('/login');
  await adminPage.getByLabel('Имя пользователя').fill(admin.username);
  await adminPage.getByLabel('Пароль', { exact: true }).fill(admin.password);
  await adminPage.getByRole('button', { name: 'Войти' }).click();
  await expect(adminPage).toHaveURL(/\/admin/);
  await adminPage.goto(`/admin/audits/${auditUuid}`);
  await expect(adminPage.getByTestId('photo-thumb')).toHaveCount(2);
  for (const img of await adminPage.getByTestId('photo-thumb').all()) {
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  }
  await adminPage.goto('/admin/sync');
  await expect(adminPage.getByTestId('sync-devices')).toContainText(AUDITOR.fullName);
  await adminContext.close();
  await context.close();
});

test('a service-worker update while an offline audit is pending loses nothing', async ({ browser, app }) => {
  await ensurePrepared(app);
  const { context, page } = await auditorOnline(browser, app);
  const restore = await cutNetwork(context, app);
  await page.reload();
  await page.getByRole('link', { name: 'Новый аудит' }).click();
  await page.getByTestId('offline-search').fill('вавилова 2');
  await page.getByTestId('elevator-result').first().click();
  await page.getByTestId('start-audit').click();
  const doors = page.getByTestId('question-card').filter({ hasText: 'Двери шахты закрываются плавно' });
  await doors.getByRole('radio', { name: /^1/ }).click();
  await doors.getByLabel('Комментарий').fill('Удар при закрытии');
  await doors.getByLabel('Комментарий').blur();
  await doors
    .getByTestId(/^gallery-input-/)
    .setInputFiles([
      { name: 'door.jpg', mimeType: 'image/jpeg', buffer: await photo({ r: 10, g: 160, b: 90 }) },
    ]);
  await expect(doors.getByTestId('photo-thumb')).toHaveCount(1);
  await expect(page.getByTestId('save-state')).toHaveText('Сохранено');
  const auditUuid = page.url().split('/').pop() ?? '';

  // The network comes back but the sync endpoint still fails (server maintenance: 503), and a new
  // version of the app (a changed service worker) is published.
  await restore();
  await context.route('**/api/offline-sync/**', (route) =>
    route.fulfill({ status: 503, body: 'maintenance' }),
  );
  // A new release on disk: the same worker with one more line (the browser compares bytes).
  const swPath = path.join(process.cwd(), 'dist', 'client', 'sw.js');
  const original = readFileSync(swPath, 'utf8');
  writeFileSync(swPath, `${original}\n// next release ${Date.now()}\n`);
  try {
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    await expect(page.getByTestId('update-prompt')).toBeVisible({ timeout: 20_000 });
  } finally {
    writeFileSync(swPath, original);
  }
  await expect(page.getByTestId('unsent-count')).toContainText('Не отправлен 1 аудит');
  await page.getByTestId('update-reload').click();
  await page.waitForLoadState('load');
  await expect(page.getByTestId('sync-bar')).toBeVisible();
  await expect(page.getByTestId('update-prompt')).toHaveCount(0);

  // After the update: the audit, its answer, comment and photo are all still on the device.
  await page.goto(`/auditor/audits/${auditUuid}`);
  const after = page.getByTestId('question-card').filter({ hasText: 'Двери шахты закрываются плавно' });
  await expect(after.getByLabel('Комментарий')).toHaveValue('Удар при закрытии');
  await expect(after.getByTestId('photo-thumb')).toHaveCount(1);
  await expect(page.getByTestId('unsent-count')).toContainText('Не отправлен 1 аудит');

  // Maintenance over: everything arrives.
  await context.unroute('**/api/offline-sync/**');
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('audit-sync-state').first()).toHaveText(/Черновик сохранён на сервере/, {
    timeout: 30_000,
  });
  const detail = await page.evaluate((uuid) => fetch(`/api/audits/${uuid}`).then((r) => r.json()), auditUuid);
  expect(detail.audit.responses[0].comment).toBe('Удар при закрытии');
  expect(detail.audit.attachments).toHaveLength(1);
  await context.close();
});

test('answers lost mid-batch and mid-photo are resent safely: one audit, each photo stored once', async ({
  browser,
  app,
}) => {
  test.setTimeout(120_000);
  const admin = await ensurePrepared(app);
  const { context, page } = await auditorOnline(browser, app);
  // One route handler for the whole test, switched between modes, so no request can slip through
  // between an unroute and the next route. First keep everything on the device (maintenance: 503).
  let mode: 'maintenance' | 'lossy' = 'maintenance';
  // Then the server gets the batch and the first photo, but both answers are lost on the way back.
  const lost = { batch: 0, photo: 0 };
  let puts = 0;
  await context.route('**/api/offline-sync/**', async (route) => {
    if (mode === 'maintenance') return route.fulfill({ status: 503, body: 'maintenance' });
    const method = route.request().method();
    if (method === 'PUT') puts += 1;
    if ((method === 'POST' && lost.batch === 0) || (method === 'PUT' && lost.photo === 0)) {
      await route.fetch();
      if (method === 'POST') lost.batch += 1;
      else lost.photo += 1;
      return route.abort('connectionreset');
    }
    return route.continue();
  });
  await page.getByRole('link', { name: 'Новый аудит' }).click();
  await page.getByTestId('offline-search').fill('вавилова');
  await page.getByTestId('elevator-result').first().click();
  await page.getByTestId('start-audit').click();
  const doors = page.getByTestId('question-card').filter({ hasText: 'Двери шахты закрываются плавно' });
  const button = page.getByTestId('question-card').filter({ hasText: 'Кнопка вызова исправна' });
  await doors.getByRole('radio', { name: /^3/ }).click();
  await button.getByRole('radio', { name: 'Да' }).click();
  await doors.getByTestId(/^gallery-input-/).setInputFiles([
    { name: 'a.jpg', mimeType: 'image/jpeg', buffer: await photo({ r: 250, g: 200, b: 10 }) },
    { name: 'b.jpg', mimeType: 'image/jpeg', buffer: await photo({ r: 5, g: 20, b: 250 }) },
  ]);
  await expect(doors.getByTestId('photo-thumb')).toHaveCount(2);
  await page.getByRole('button', { name: 'Отправить аудит' }).click();
  await page.getByTestId('confirm-submit').click();
  await expect(page.getByTestId('audit-summary')).toBeVisible();
  const auditUuid = page.url().split('/').pop() ?? '';
  mode = 'lossy';
  await expect(async () => {
    await page.getByTestId('sync-now').click();
    await expect(page.getByTestId('unsent-count')).toHaveText('Все данные отправлены', { timeout: 4_000 });
  }).toPass({ timeout: 90_000 });
  expect(lost).toEqual({ batch: 1, photo: 1 });
  // The photo whose answer was lost is not sent again: HEAD finds it stored.
  expect(puts).toBe(2);

  const adminApi = await apiAs<ApiJson>(app.url, admin);
  const { audit } = await adminApi('GET', `/api/audits/${auditUuid}`);
  expect(audit.status).toBe('submitted');
  expect(audit.attachments).toHaveLength(2);
  const batches = await adminApi('GET', '/api/admin/sync/batches?pageSize=200');
  const forAudit = batches.items.filter((b: { auditUuids: string[] }) => b.auditUuids.includes(auditUuid));
  // The replayed batch is one row (same batchId); nothing was refused.
  expect(forAudit.every((b: { status: string }) => b.status === 'applied')).toBe(true);
  const overview = await adminApi('GET', '/api/admin/sync/overview');
  expect(overview.pendingAttachments.filter((p: { auditUuid: string }) => p.auditUuid === auditUuid)).toEqual(
    [],
  );
  await context.close();
});
