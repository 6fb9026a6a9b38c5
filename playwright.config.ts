import { defineConfig, devices } from '@playwright/test';

// Several runs may share this checkout: each gets its own artifacts folder (Playwright empties it at
// start). Set once in the runner; worker processes inherit the variable and resolve the same folder.
process.env.E2E_OUTPUT_DIR ??= `test-results/run-${Date.now()}-${process.pid}`;

/**
 * End-to-end tests against the BUILT app (`npm run test:e2e` builds first). Each spec file gets its own
 * server on a free 127.0.0.1 port with a temporary DATA_DIR (e2e/support/server.ts), so runs never
 * clash. Debian Chromium only (CHROMIUM_PATH overrides); browsers are never downloaded.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: process.env.E2E_OUTPUT_DIR,
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 1),
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    ...devices['Desktop Chrome'],
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    serviceWorkers: 'allow',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
});
