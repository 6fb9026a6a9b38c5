import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/server.js';

const VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
/** Screens for the user guide (docs/screenshots); refreshed only on request so runs leave git clean. */
async function snap(page: Page, name: string) {
  if (process.env.UPDATE_SCREENSHOTS) await page.screenshot({ path: `docs/screenshots/${name}.png` });
}

const ADMIN_NEW_PASSWORD = 'Лифтовая-Шахта-2026';
const AUDITOR = { username: 'ivanov.i', fullName: 'Иванов Иван Петрович' };
const AUDITOR_NEW_PASSWORD = 'Кабина-и-Противовес-7';

async function logIn(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Имя пользователя').fill(username);
  await page.getByLabel('Пароль', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
}

async function changeTemporaryPassword(page: Page, current: string, next: string, screenshotName?: string) {
  await expect(page).toHaveURL(/\/change-password$/);
  await expect(page.getByText('Вы вошли с временным паролем')).toBeVisible();
  await page.getByLabel('Текущий (временный) пароль').fill(current);
  const newPassword = page.getByLabel('Новый пароль', { exact: true });
  // The shared policy is checked live while typing.
  await newPassword.fill('1234567');
  await expect(page.locator('[data-rule="too_short"]')).toHaveAttribute('data-ok', 'false');
  await expect(page.locator('[data-rule="all_digits"]')).toHaveAttribute('data-ok', 'false');
  await newPassword.fill(next);
  await page.getByLabel('Повторите новый пароль').fill(next);
  await expect(page.locator('[data-testid="password-rules"] [data-ok="false"]')).toHaveCount(0);
  if (screenshotName) await snap(page, screenshotName);
  await page.getByRole('button', { name: 'Сменить пароль' }).click();
  await expect(page.getByText('Пароль изменён')).toBeVisible();
}

async function expectNoHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

// One story on one server: each step builds on the previous one.
test.describe.configure({ mode: 'serial' });

let auditorTemporaryPassword = '';

test('first admin logs in, changes the one-time password and creates an auditor who then logs in', async ({
  page,
  app,
}) => {
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      cspViolations.push(message.text());
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('heading', { name: 'Вход' })).toBeVisible();
  await expect(page.getByTestId('app-version')).toHaveText(`Версия ${VERSION}`);
  await snap(page, 'login');

  await logIn(page, app.initialAdmin.username, 'неверный-пароль-1');
  await expect(page.getByTestId('login-error')).toHaveText('Неверное имя пользователя или пароль.');

  await logIn(page, app.initialAdmin.username, app.initialAdmin.password);
  await changeTemporaryPassword(page, app.initialAdmin.password, ADMIN_NEW_PASSWORD, 'change-password');
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { name: 'Панель администратора' })).toBeVisible();

  await page.getByRole('link', { name: 'Пользователи' }).first().click();
  await expect(page.getByRole('heading', { name: 'Пользователи' })).toBeVisible();
  await page.getByRole('button', { name: 'Новый пользователь' }).click();
  const form = page.getByRole('dialog', { name: 'Новый пользователь' });
  await form.getByLabel('Логин').fill(AUDITOR.username);
  await form.getByLabel('ФИО').fill(AUDITOR.fullName);
  await form.getByLabel('Электронная почта').fill('ivanov@example.ru');
  await form.getByRole('button', { name: 'Создать' }).click();

  const secret = page.getByRole('dialog', { name: 'Временный пароль' });
  await expect(secret).toContainText(`Пользователь ${AUDITOR.username} создан`);
  auditorTemporaryPassword = (await secret.getByTestId('temporary-password').textContent()) ?? '';
  expect(auditorTemporaryPassword.length).toBeGreaterThanOrEqual(10);
  await secret.getByRole('button', { name: 'Закрыть' }).click();
  await expect(secret).toBeHidden();

  const row = page.getByTestId('users-table').locator(`tr[data-username="${AUDITOR.username}"]`);
  await expect(row).toContainText(AUDITOR.fullName);
  await expect(row).toContainText('Аудитор');
  await expect(row).toContainText('Временный пароль');
  await expect(page.getByText('Пароль изменён')).toBeHidden(); // the toast would spoil the screenshot
  await snap(page, 'users');

  await page.getByRole('button', { name: 'Выйти' }).click();
  await expect(page).toHaveURL(/\/login/);

  await logIn(page, AUDITOR.username, auditorTemporaryPassword);
  await changeTemporaryPassword(page, auditorTemporaryPassword, AUDITOR_NEW_PASSWORD);
  await expect(page).toHaveURL(/\/auditor$/);
  await expect(page.getByRole('heading', { name: 'Мои аудиты' })).toBeVisible();
  // The auditor sees the auditor portal only: no admin navigation, and /admin sends them home.
  await expect(page.getByRole('link', { name: 'Пользователи' })).toHaveCount(0);
  await page.goto('/admin/users');
  await expect(page).toHaveURL(/\/auditor$/);
  await snap(page, 'auditor-home');
  expect(cspViolations).toEqual([]);
});

test('login and the auditor home fit a 360-px phone without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Войти' })).toBeVisible();
  await expectNoHorizontalOverflow(page);

  await logIn(page, AUDITOR.username, AUDITOR_NEW_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Мои аудиты' })).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await snap(page, 'auditor-home-phone');

  // On a phone the navigation hides behind the burger.
  const profileLink = page.getByRole('link', { name: /Профиль/ });
  await expect(profileLink).not.toBeInViewport();
  await page.getByRole('button', { name: 'Меню' }).click();
  await expect(profileLink).toBeInViewport();
  await profileLink.click();
  await expect(page.getByRole('heading', { name: 'Профиль' })).toBeVisible();
  await expectNoHorizontalOverflow(page);
});

test('the service worker serves the app shell when the network is gone', async ({ page, context }) => {
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Войти' })).toBeVisible();
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(new URL(scope).pathname).toBe('/');

  await context.setOffline(true);
  try {
    await page.goto('/auditor');
    // index.html and the bundle come from the precache; the session probe fails without a network.
    await expect(page.getByText('Нет связи с сервером')).toBeVisible({ timeout: 15_000 });
  } finally {
    await context.setOffline(false);
  }
});

test('an admin on a phone finds the auditor, deactivates, reactivates and resets the password', async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await logIn(page, 'admin', ADMIN_NEW_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Панель администратора' })).toBeVisible();
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { name: 'Пользователи' })).toBeVisible();

  await page.getByRole('searchbox', { name: 'Поиск' }).fill('иванов');
  await expect(page).toHaveURL(/q=/);
  const cards = page.getByTestId('users-cards');
  const card = cards.locator(`[data-username="${AUDITOR.username}"]`);
  await expect(card).toBeVisible();
  await expect(cards.locator('[data-username="admin"]')).toHaveCount(0);
  await expectNoHorizontalOverflow(page);
  await snap(page, 'users-phone');

  const actions = card.getByRole('button', { name: `Действия с пользователем ${AUDITOR.username}` });
  await actions.click();
  await page.getByRole('menuitem', { name: 'Отключить' }).click();
  await page
    .getByRole('dialog', { name: 'Отключить пользователя?' })
    .getByRole('button', { name: 'Отключить' })
    .click();
  await expect(card).toContainText('Отключён');

  await page.getByRole('combobox', { name: 'Состояние' }).click();
  await page.getByRole('option', { name: 'Активен' }).click();
  await expect(card).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Состояние' }).click();
  await page.getByRole('option', { name: 'Отключён' }).click();
  await expect(card).toBeVisible();

  await actions.click();
  await page.getByRole('menuitem', { name: 'Включить' }).click();
  await page
    .getByRole('dialog', { name: 'Включить пользователя?' })
    .getByRole('button', { name: 'Включить' })
    .click();
  await expect(card).toHaveCount(0); // no longer matches the «Отключён» filter

  await page.getByRole('combobox', { name: 'Состояние' }).click();
  await page.getByRole('option', { name: 'Состояние: все' }).click();
  await actions.click();
  await page.getByRole('menuitem', { name: 'Сбросить пароль' }).click();
  await page
    .getByRole('dialog', { name: 'Сбросить пароль?' })
    .getByRole('button', { name: 'Сбросить' })
    .click();
  const secret = page.getByRole('dialog', { name: 'Временный пароль' });
  await expect(secret).toContainText(`Пароль пользователя ${AUDITOR.username} сброшен`);
  const resetPassword = (await secret.getByTestId('temporary-password').textContent()) ?? '';
  await secret.getByRole('button', { name: 'Закрыть' }).click();
  await expect(card).toContainText('Временный пароль');

  // The old password no longer works; the new temporary one leads to the forced change.
  await page.getByRole('button', { name: 'Меню' }).click();
  await page.getByRole('button', { name: 'Выйти' }).click();
  await logIn(page, AUDITOR.username, AUDITOR_NEW_PASSWORD);
  await expect(page.getByTestId('login-error')).toHaveText('Неверное имя пользователя или пароль.');
  await logIn(page, AUDITOR.username, resetPassword);
  await expect(page).toHaveURL(/\/change-password$/);
});

test('the interface switches to English and back', async ({ page }) => {
  await page.goto('/login');
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await page.getByText('RU', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Вход' })).toBeVisible();
});
