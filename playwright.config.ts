// Browser tests in Debian's Chromium (Playwright cannot download its own here),
// against the production build served by server/main.ts on its own port and the
// test database.
import { defineConfig } from '@playwright/test';

// The browser tests have their own database, made afresh each run (tests/e2e/prepare-db.ts):
// what the integration tests leave behind must not decide what a page shows.
process.env.DATABASE_NAME ??= 'afirgen_e2e';
// E2E_PORT lets two checkouts run their browser tests side by side.
const port = Number(process.env.E2E_PORT ?? 3100);
// The worker process runs beside the app (PDF copies, notifications); its metrics port
// doubles as its readiness check, offset so checkouts' ports do not meet.
const workerPort = port + 20_000;

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  retries: 0,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: '.test-results/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: [{
    command: 'node --import tsx --import ./server/observability/tracing.ts server/main.ts',
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    // The overview reads the worker's metrics (job charts) on its port.
    env: { PORT: String(port), WORKER_METRICS_PORT: String(workerPort), NODE_ENV: 'production', DATABASE_NAME: process.env.DATABASE_NAME, LOG_LEVEL: 'warn' },
    stdout: 'ignore',
    stderr: 'pipe',
  }, {
    command: 'node --import tsx --import ./server/observability/tracing.ts server/jobs/worker-main.ts',
    url: `http://127.0.0.1:${workerPort}/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { WORKER_METRICS_PORT: String(workerPort), SERVICE_NAME: 'afirgen-worker', NODE_ENV: 'production', DATABASE_NAME: process.env.DATABASE_NAME, LOG_LEVEL: 'warn' },
    stdout: 'ignore',
    stderr: 'pipe',
  }],
});
