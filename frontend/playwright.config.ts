import { defineConfig } from '@playwright/test'

/**
 * End-to-end tests in Debian's Chromium against the real backend (the built jar), on its own embedded
 * PostgreSQL in a fresh data directory with the default demo data. Playwright owns the server: it
 * starts it, waits for readiness, and stops it with SIGTERM (which also stops its PostgreSQL).
 */
const port = Number(process.env.E2E_PORT ?? 18080)
const dataDir = process.env.E2E_DATA_DIR ?? '../backend/target/e2e-data'
const jar = process.env.E2E_JAR ?? '../backend/target/quarkus-app/quarkus-run.jar'

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/artifacts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  globalSetup: './e2e/global-setup.ts',
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // Signed in as the demo admin (global-setup writes it); specs of other roles sign in themselves.
    storageState: 'test-results/auth/admin.json',
    viewport: { width: 1280, height: 900 },
    // No tracing: it slows every page load it records, and the page timings are measured here.
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    command: `rm -rf ${dataDir} && exec java -Xmx768m -jar ${jar}`,
    env: {
      CALLSIGHT_DATA_DIR: dataDir,
      QUARKUS_HTTP_PORT: String(port),
      QUARKUS_HTTP_HOST: '127.0.0.1',
      CALLSIGHT_DEMO: 'on',
    },
    url: `http://127.0.0.1:${port}/q/health/ready`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 30_000 },
  },
})
