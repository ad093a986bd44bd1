import { defineConfig } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const external = process.env.E2E_BASE_URL;
const port = process.env.E2E_PORT ?? '8099';
const baseURL = external ?? `http://127.0.0.1:${port}`;
// A fresh database every run; set once in the main process so workers inherit it.
process.env.TESSERA_E2E_DB ??= join(tmpdir(), `tessera-e2e-${process.pid}-${Date.now()}.db`);

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL,
    locale: 'ru-RU',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  // The real backend, in demo mode, serving the built SPA from dist/ (npm run e2e builds it).
  webServer: external
    ? undefined
    : {
        command: `${process.env.TESSERA_BIN ?? '../target/debug/tessera'} serve`,
        cwd: here,
        url: `${baseURL}/readyz`,
        reuseExistingServer: false,
        timeout: 120_000,
        stdout: 'pipe',
        stderr: 'pipe',
        env: {
          TESSERA_DEMO: '1',
          TESSERA_BIND: `127.0.0.1:${port}`,
          TESSERA_FILES_DIR: join(tmpdir(), `tessera-e2e-files-${process.pid}`),
          TESSERA_MAIL_DIR: join(tmpdir(), `tessera-e2e-mail-${process.pid}`),
          TESSERA_STATIC_DIR: join(here, 'dist'),
          DATABASE_URL: `sqlite://${process.env.TESSERA_E2E_DB}?mode=rwc`,
        },
      },
});
