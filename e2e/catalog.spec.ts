import type { APIRequestContext, Page } from '@playwright/test';
import { logIn } from './support/login.js';
import { expect, test } from './support/server.js';

const PASSWORD = 'Шахта-Лифта-Проверена-9';

/** Creates a ready-to-work auditor through the API (admin creates, auditor sets their own password). */
async function createAuditor(
  request: APIRequestContext,
  admin: { username: string; password: string },
  username: string,
  fullName: string,
) {
  const login = await request.post('/api/auth/login', { data: admin });
  const { csrfToken } = await login.json();
  const temporaryPassword = 'Временный-Пароль-31';
  const created = await request.post('/api/users', {
    data: { username, role: 'auditor', fullName, temporaryPassword },
    headers: { 'x-csrf-token': csrfToken },
  });
  expect(created.status()).toBe(201);
  await request.post('/api/auth/logout', { headers: { 'x-csrf-token': csrfToken } });
  const auditorLogin = await request.post('/api/auth/login', {
    data: { username, password: temporaryPassword },
  });
  const auditorCsrf = (await auditorLogin.json()).csrfToken;
  const changed = await request.post('/api/auth/password', {
    data: { currentPassword: temporaryPassword, newPassword: PASSWORD },
    headers: { 'x-csrf-token': auditorCsrf },
  });
  expect(changed.ok()).toBe(true);
  await request.post('/api/auth/logout', { headers: { 'x-csrf-token': auditorCsrf } });
  return { username, password: PASSWORD };
}

async function searchAddress(page: Page, text: string) {
  const input = page.getByRole('combobox', { name: 'Адрес здания' });
  await input.fill('');
  await input.fill(text);
}

test('an auditor adds a building and a lift, the admin approves them, and another auditor then finds them', async ({
  app,
  browser,
  request,
}) => {
  const admin = await app.createAdmin('kuznetsov', 'Противовес-Кабины-2026');
  const author = await createAuditor(request, admin, 'petrova.a', 'Петрова Анна Сергеевна');
  const other = await createAuditor(request, admin, 'sidorov.p', 'Сидоров Пётр Ильич');

  // The author finds no such building and adds it, then a lift in it: both pending.
  const auditorPage = await logIn(browser, app, author);
  await auditorPage.getByRole('link', { name: 'Объекты' }).click();
  await expect(auditorPage.getByRole('heading', { name: 'Объекты' })).toBeVisible();
  await searchAddress(auditorPage, 'Садовая 17');
  await expect(auditorPage.getByText('Здание не найдено — его можно добавить')).toBeVisible();
  await auditorPage.getByRole('button', { name: 'Добавить здание' }).click();
  const buildingForm = auditorPage.getByTestId('building-form');
  await expect(buildingForm.getByText('Запись увидят только вы и администратор')).toBeVisible();
  await buildingForm.getByLabel('Город').fill('Самара');
  await buildingForm.getByLabel('Улица').fill('ул. Садовая');
  await buildingForm.getByLabel('Дом').fill('17');
  await buildingForm.getByRole('button', { name: 'Сохранить' }).click();
  await expect(auditorPage.getByText('Здание добавлено и отправлено на проверку')).toBeVisible();
  const card = auditorPage.getByTestId('building-card');
  await expect(card.getByText('Самара, ул. Садовая, д. 17')).toBeVisible();
  await expect(card.getByText('На проверке')).toBeVisible();

  await card.getByRole('button', { name: 'Добавить лифт' }).click();
  const liftForm = auditorPage.getByTestId('elevator-form');
  await liftForm.getByLabel('Подъезд').fill('2');
  await liftForm.getByLabel('Грузоподъёмность, кг').fill('четыреста');
  await liftForm.getByRole('button', { name: 'Сохранить' }).click();
  await expect(liftForm.getByText('Целое число')).toBeVisible();
  await liftForm.getByLabel('Грузоподъёмность, кг').fill('400');
  await liftForm.getByLabel('Остановок').fill('9');
  await liftForm.getByRole('button', { name: 'Сохранить' }).click();
  await expect(auditorPage.getByText('Лифт добавлен и отправлен на проверку')).toBeVisible();
  await expect(card.getByTestId('elevator-line')).toContainText('подъезд 2, 400 кг');
  await expect(auditorPage.getByTestId('my-record')).toHaveCount(2);

  // A second, mistyped building that the admin will reject.
  await auditorPage.getByRole('button', { name: 'Добавить здание' }).click();
  await buildingForm.getByLabel('Город').fill('Самара');
  await buildingForm.getByLabel('Улица').fill('ул. Садоваая');
  await buildingForm.getByLabel('Дом').fill('17');
  await buildingForm.getByRole('button', { name: 'Сохранить' }).click();
  await expect(auditorPage.getByTestId('my-record')).toHaveCount(3);
  // Phone width: the page still fits.
  await auditorPage.setViewportSize({ width: 360, height: 740 });
  await auditorPage.reload();
  await expect(auditorPage.getByTestId('my-record')).toHaveCount(3);
  const overflow = await auditorPage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // Another auditor cannot find the pending building.
  const otherPage = await logIn(browser, app, other);
  await otherPage.goto('/auditor/catalog');
  await searchAddress(otherPage, 'Садовая 17');
  await expect(otherPage.getByText('Здание не найдено — его можно добавить')).toBeVisible();

  // The admin sees both in the moderation queue and approves them.
  const adminPage = await logIn(browser, app, admin);
  await adminPage.getByRole('link', { name: 'Каталог' }).click();
  await adminPage.getByRole('tab', { name: 'Модерация' }).click();
  await expect(adminPage.getByRole('heading', { name: 'Модерация каталога' })).toBeVisible();
  const buildingItem = adminPage.locator('[data-testid="moderation-item"][data-kind="buildings"]', {
    hasText: 'Самара, ул. Садовая, д. 17',
  });
  await expect(buildingItem).toContainText('Добавил(а): Петрова Анна Сергеевна');
  await buildingItem.getByRole('button', { name: 'Одобрить' }).click();
  await expect(adminPage.getByText('Запись одобрена')).toBeVisible();
  await expect(buildingItem).toHaveCount(0);
  const liftItem = adminPage.locator('[data-testid="moderation-item"][data-kind="elevators"]', {
    hasText: 'ул. Садовая, д. 17, подъезд 2',
  });
  await liftItem.getByRole('button', { name: 'Одобрить' }).click();
  await expect(liftItem).toHaveCount(0);
  const wrongItem = adminPage.locator('[data-testid="moderation-item"]', { hasText: 'Садоваая' });
  await wrongItem.getByRole('button', { name: 'Отклонить' }).click();
  const rejectDialog = adminPage.getByRole('dialog', { name: 'Отклонить запись' });
  await rejectDialog
    .getByLabel('Причина (её увидит автор)')
    .fill('Опечатка в названии улицы: это ул. Садовая');
  await rejectDialog.getByRole('button', { name: 'Отклонить' }).click();
  await expect(adminPage.getByText('Запись отклонена')).toBeVisible();
  await expect(adminPage.getByText('Очередь пуста')).toHaveCount(2);

  // Approved: the other auditor now finds it by address and sees its lift.
  await otherPage.reload();
  await searchAddress(otherPage, 'садовая 17');
  await otherPage.getByRole('option', { name: 'Самара, ул. Садовая, д. 17' }).click();
  const otherCard = otherPage.getByTestId('building-card');
  await expect(otherCard.getByText('Проверено')).toBeVisible();
  await expect(otherCard.getByTestId('elevator-line')).toContainText('подъезд 2, 400 кг');

  // And the author sees the outcome of the review on their own records.
  await auditorPage.reload();
  await expect(auditorPage.getByTestId('my-record').getByText('Проверено')).toHaveCount(2);
  await expect(auditorPage.getByTestId('my-record').getByText('Отклонено')).toBeVisible();
  await expect(
    auditorPage.getByText('Причина отклонения: Опечатка в названии улицы: это ул. Садовая'),
  ).toBeVisible();
});

test('an admin previews a CSV with broken rows, sees each error, and applies the corrected file', async ({
  app,
  browser,
}) => {
  const admin = await app.createAdmin('smirnova', 'Тросы-И-Лебёдка-2026');
  const page = await logIn(browser, app, admin);
  await page.goto('/admin/catalog/import');
  await expect(page.getByRole('heading', { name: 'Импорт каталога' })).toBeVisible();
  const header = 'Город;Улица;Дом;Подъезд;Грузоподъёмность;Остановок;Рег. номер';
  const broken = [
    header,
    'Тула;ул. Мира;3;1;400;9;71-1',
    'Тула;ул. Мира;;2;400;9;',
    'Тула;ул. Мира;3;3;много;9;',
  ];
  const fileInput = page.locator('input[type="file"]');
  await fileInput.setInputFiles({
    name: 'тула.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`\uFEFF${broken.join('\r\n')}`),
  });
  await page.getByRole('button', { name: 'Проверить файл' }).click();
  const preview = page.getByTestId('import-preview');
  await expect(preview.locator('tr[data-row="3"]')).toContainText('Не указан номер дома.');
  await expect(preview.locator('tr[data-row="4"]')).toContainText(
    'Грузоподъёмность: «много» — не целое число.',
  );
  await expect(preview.locator('tr[data-row="2"]')).toContainText('Создать');
  await expect(page.getByRole('button', { name: 'Применить' })).toBeDisabled();

  const fixed = [
    header,
    'Тула;ул. Мира;3;1;400;9;71-1',
    'Тула;ул. Мира;3;2;400;9;',
    'Тула;ул. Мира;3;3;630;9;',
  ];
  await fileInput.setInputFiles({
    name: 'тула.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(fixed.join('\n')),
  });
  await page.getByRole('button', { name: 'Проверить файл' }).click();
  await expect(page.getByTestId('import-counts')).toContainText('Создать: 3');
  await page.getByRole('button', { name: 'Применить' }).click();
  await expect(page.getByText('Импорт выполнен: создано 3, обновлено 0, пропущено 0')).toBeVisible();
  await expect(page.getByTestId('import-log')).toContainText('тула.csv');

  await page.getByRole('tab', { name: 'Каталог' }).click();
  await page.locator('.mantine-SegmentedControl-label', { hasText: /^Лифты$/ }).click();
  await page.getByPlaceholder('Адрес, подъезд или номер лифта').fill('мира 3');
  await expect(page.getByTestId('elevators-table').locator('tbody tr')).toHaveCount(3);
});
