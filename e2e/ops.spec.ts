import { expect, test } from './support/server.js';

test('an admin schedules a maintenance banner that shows in the app, and the support page shows contacts and version', async ({
  page,
  app,
}) => {
  const admin = await app.createAdmin('ops-admin');
  await page.goto('/login');
  await page.getByLabel('Имя пользователя').fill(admin.username);
  await page.getByLabel('Пароль', { exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page).toHaveURL(/\/admin/);

  await page.getByRole('link', { name: 'Объявления' }).click();
  await page.getByLabel('Текст объявления').fill('Плановые работы в пятницу с 20:00 до 21:00.');
  await page.getByRole('button', { name: 'Опубликовать' }).click();
  const banner = page.getByTestId('announcement-banner');
  await expect(banner).toContainText('Плановые работы в пятницу с 20:00 до 21:00.');
  await expect(page.getByTestId('announcement-row')).toContainText('Показывается');

  await page.getByRole('link', { name: 'Поддержка' }).click();
  await expect(page.getByRole('heading', { name: 'Поддержка' })).toBeVisible();
  await expect(page.getByTestId('support-email')).toHaveText('support@souzlift.local');
  const version = (await (await page.request.get('/healthz')).json()).version;
  await expect(page.getByTestId('support-version')).toHaveText(version);
  // The banner follows the user to every page until hidden.
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: 'Скрыть объявление' }).click();
  await expect(banner).toHaveCount(0);
});
