import type { Browser, Page } from '@playwright/test';
import { type Credentials, expect, type RunningApp } from './server.js';

/** Logs in through the login form and waits until the app leaves /login. */
export async function logInOnPage(page: Page, user: Credentials) {
  await page.goto('/login');
  await page.getByLabel('Имя пользователя').fill(user.username);
  await page.getByLabel('Пароль', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** A new browser context (its own cookies and storage) with `user` logged in. */
export async function logIn(browser: Browser, app: RunningApp, user: Credentials): Promise<Page> {
  const context = await browser.newContext({ baseURL: app.url });
  const page = await context.newPage();
  await logInOnPage(page, user);
  return page;
}
